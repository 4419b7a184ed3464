package dev.proxima.prefs.data;

import java.util.Arrays;

/**
 * One labelled comparison: after {@code prompt}, the response {@code chosen} was preferred to
 * {@code rejected}. Tokens only; the text form is {@link PairedRecord}.
 * The arrays are copied in and out, so a comparison cannot change after it is made.
 */
public record Comparison(int[] prompt, int[] chosen, int[] rejected) {
    public Comparison {
        prompt = nonEmpty(prompt, "prompt");
        chosen = nonEmpty(chosen, "chosen");
        rejected = nonEmpty(rejected, "rejected");
    }

    private static int[] nonEmpty(int[] tokens, String field) {
        if (tokens == null || tokens.length == 0) {
            throw new IllegalArgumentException(field + " must hold at least one token, was "
                    + (tokens == null ? "null" : "empty"));
        }
        return tokens.clone();
    }

    @Override
    public int[] prompt() {
        return prompt.clone();
    }

    @Override
    public int[] chosen() {
        return chosen.clone();
    }

    @Override
    public int[] rejected() {
        return rejected.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Comparison c && Arrays.equals(prompt, c.prompt) && Arrays.equals(chosen, c.chosen)
                && Arrays.equals(rejected, c.rejected);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(prompt) + Arrays.hashCode(chosen)) + Arrays.hashCode(rejected);
    }

    @Override
    public String toString() {
        return "Comparison[prompt=" + Arrays.toString(prompt) + ", chosen=" + Arrays.toString(chosen) + ", rejected="
                + Arrays.toString(rejected) + "]";
    }
}
