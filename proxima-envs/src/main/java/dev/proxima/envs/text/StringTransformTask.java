package dev.proxima.envs.text;

import dev.proxima.core.random.Rng;

/**
 * A task whose prompt is a random string of {@code minLength..maxLength} symbols from a run of
 * consecutive characters, then {@code >}; the answer is a fixed function of the string.
 */
abstract class StringTransformTask extends GeneratedTask {
    private final int minLength, maxLength;
    private final char firstSymbol;
    private final int symbols;

    /**
     * @param minLength   shortest string, ≥ 2
     * @param maxLength   longest string, in [minLength, longest]
     * @param longest     the longest string the task allows
     * @param firstSymbol the first of the {@code symbols} consecutive characters strings are drawn from
     */
    StringTransformTask(int minLength, int maxLength, int longest, char firstSymbol, int symbols) {
        checkRange(minLength, 2, longest, "minLength");
        checkRange(maxLength, minLength, longest, "maxLength");
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.firstSymbol = firstSymbol;
        this.symbols = symbols;
    }

    /** The answer to {@code input}, the drawn string without its {@code >}. */
    protected abstract String answer(String input);

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
        char[] s = new char[n];
        for (int i = 0; i < n; i++) s[i] = (char) (firstSymbol + rng.nextInt(symbols));
        String input = new String(s);
        return problem(input + ">", answer(input));
    }
}
