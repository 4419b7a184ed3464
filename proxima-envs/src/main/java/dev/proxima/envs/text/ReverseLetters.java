package dev.proxima.envs.text;

import dev.proxima.core.random.Rng;

/** {@code REV}: the prompt is 4–8 letters from a–h and {@code >}; the answer is the letters reversed. */
public final class ReverseLetters extends GeneratedTask {
    private final int minLength, maxLength;

    /** @param minLength shortest string, ≥ 2; @param maxLength longest, ≤ 16 */
    public ReverseLetters(int minLength, int maxLength) {
        checkRange(minLength, 2, 16, "minLength");
        checkRange(maxLength, minLength, 16, "maxLength");
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** The spec's lengths, 4–8. */
    public static ReverseLetters standard() {
        return new ReverseLetters(4, 8);
    }

    @Override
    public String name() {
        return "REV";
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
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) s.append((char) ('a' + rng.nextInt(8)));
        return problem(s + ">", s.reverse().toString());
    }
}
