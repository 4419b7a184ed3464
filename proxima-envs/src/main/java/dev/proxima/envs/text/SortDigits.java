package dev.proxima.envs.text;

import dev.proxima.core.random.Rng;

/** {@code SORT}: the prompt is 4–6 random digits and {@code >}; the answer is the same digits in ascending order. */
public final class SortDigits extends GeneratedTask {
    private final int minLength, maxLength;

    /** @param minLength shortest list, ≥ 2; @param maxLength longest list, ≤ 12 */
    public SortDigits(int minLength, int maxLength) {
        checkRange(minLength, 2, 12, "minLength");
        checkRange(maxLength, minLength, 12, "maxLength");
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** The spec's lengths, 4–6. */
    public static SortDigits standard() {
        return new SortDigits(4, 6);
    }

    @Override
    public String name() {
        return "SORT";
    }

    @Override
    public int maxPromptLength() {
        return maxLength + 1;
    }

    @Override
    public int maxResponseLength() {
        return maxLength + 1;
    }

    @Override
    protected Problem generate(Rng rng) {
        int n = minLength + rng.nextInt(maxLength - minLength + 1);
        char[] digits = new char[n];
        for (int i = 0; i < n; i++) digits[i] = (char) ('0' + rng.nextInt(10));
        String prompt = new String(digits) + ">";
        java.util.Arrays.sort(digits);
        return problem(prompt, new String(digits));
    }
}
