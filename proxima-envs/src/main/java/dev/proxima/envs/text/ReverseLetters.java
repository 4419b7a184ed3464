package dev.proxima.envs.text;

/** {@code REV}: the prompt is 4–8 letters from a–h and {@code >}; the answer is the letters reversed. */
public final class ReverseLetters extends StringTransformTask {
    /** @param minLength shortest string, ≥ 2; @param maxLength longest, ≤ 16 */
    public ReverseLetters(int minLength, int maxLength) {
        super(minLength, maxLength, 16, 'a', 8);
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
    protected String answer(String input) {
        return new StringBuilder(input).reverse().toString();
    }
}
