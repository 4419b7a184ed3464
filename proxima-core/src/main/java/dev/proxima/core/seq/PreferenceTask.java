package dev.proxima.core.seq;

/**
 * A preference task over an enumerable response space (seeds-preference spec §0.3): prompts of
 * one or more tokens, responses of exactly {@link #responseLength()} tokens drawn from the
 * allowed response tokens (no EOS), and a judge giving the probability that one response is
 * preferred to another. The judge is antisymmetric: {@code P(y ≻ y') + P(y' ≻ y) = 1} and
 * {@code P(y ≻ y) = ½}.
 */
public interface PreferenceTask {
    /** The task's name, e.g. {@code PREF-BT}. */
    String name();

    /** Tokens in the vocabulary (prompt and response tokens together). */
    int vocabularySize();

    /** Number of distinct prompts x = 0 .. count − 1. */
    int promptCount();

    /** The tokens of prompt x. */
    int[] prompt(int x);

    /** L, the fixed response length. */
    int responseLength();

    /** The tokens a response may contain ({@code vocabularySize()} flags). */
    boolean[] responseTokens();

    /** P(y ≻ y' | x) for two responses of {@link #responseLength()} allowed tokens. */
    double preference(int x, int[] y, int[] yPrime);
}
