package dev.proxima.envs.text;

/** {@code SORT}: the prompt is 4–6 random digits and {@code >}; the answer is the same digits in ascending order. */
public final class SortDigits extends StringTransformTask {
    /** @param minLength shortest list, ≥ 2; @param maxLength longest list, ≤ 12 */
    public SortDigits(int minLength, int maxLength) {
        super(minLength, maxLength, 12, '0', 10);
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
    protected String answer(String input) {
        char[] digits = input.toCharArray();
        java.util.Arrays.sort(digits);
        return new String(digits);
    }
}
