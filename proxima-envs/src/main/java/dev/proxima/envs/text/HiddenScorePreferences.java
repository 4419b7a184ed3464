package dev.proxima.envs.text;

import dev.proxima.core.seq.PreferenceTask;

/**
 * The common ground of the synthetic preference tasks of seeds-preference spec §0.3: sixteen
 * one-token prompts, responses of exactly three tokens over four response tokens (64 responses
 * per prompt, so a policy's whole response distribution can be enumerated), and a hidden score
 * the judge is built on.
 *
 * <pre>
 *   V = 4 response tokens, L = 3 positions, prompts x = 0 .. 15
 *   w_x(v)  = ((v + x) mod V) / (V − 1)              ∈ {0, ⅓, ⅔, 1}
 *   s(x, y) = (1/L) · Σ_t w_x(v(y_t))                 ∈ {0, 1/9, …, 1}
 * </pre>
 * where v(token) is the response token's index 0..3. Each prompt has one best response: every
 * position holds the v with (v + x) mod V = V − 1, and it alone scores 1.
 *
 * <h2>Tokens</h2>
 * The tasks use the shared character {@link Vocabulary}, so one model and one tokenizer serve
 * them and the verifiable-reward tasks alike:
 * <table>
 *   <caption>token mapping</caption>
 *   <tr><th>what</th><th>characters</th></tr>
 *   <tr><td>response index v = 0, 1, 2, 3</td><td>{@code a b c d}</td></tr>
 *   <tr><td>prompt x = 0 .. 9</td><td>the digits {@code 0 .. 9}</td></tr>
 *   <tr><td>prompt x = 10 .. 15</td><td>{@code e f g h # >}</td></tr>
 * </table>
 * Prompt characters and response characters are disjoint, so a prompt token never counts as a
 * response token. In text, the task with prompt 12 and response v = (3, 0, 1) reads {@code "g"}
 * then {@code "dab"}.
 *
 * <p>Immutable and thread-safe.
 */
public abstract class HiddenScorePreferences implements PreferenceTask {
    /** V, the number of response tokens. */
    public static final int RESPONSE_TOKENS = 4;
    /** L, the fixed response length. */
    public static final int RESPONSE_LENGTH = 3;
    /** N_x, the number of prompts. */
    public static final int PROMPTS = 16;
    /** The character of response index v. */
    static final String RESPONSE_CHARACTERS = "abcd";
    /** The character of prompt x. */
    static final String PROMPT_CHARACTERS = "0123456789efgh#>";

    private static final int[] RESPONSE_TOKEN_IDS = Vocabulary.shared().encode(RESPONSE_CHARACTERS);
    private static final int[] PROMPT_TOKEN_IDS = Vocabulary.shared().encode(PROMPT_CHARACTERS);
    /** Response index of every vocabulary token, −1 for tokens a response may not contain. */
    private static final int[] INDEX_OF_TOKEN = new int[Vocabulary.shared().size()];

    static {
        java.util.Arrays.fill(INDEX_OF_TOKEN, -1);
        for (int v = 0; v < RESPONSE_TOKENS; v++) INDEX_OF_TOKEN[RESPONSE_TOKEN_IDS[v]] = v;
    }

    @Override
    public int vocabularySize() {
        return Vocabulary.shared().size();
    }

    @Override
    public int promptCount() {
        return PROMPTS;
    }

    @Override
    public int[] prompt(int x) {
        checkPrompt(x);
        return new int[] {PROMPT_TOKEN_IDS[x]};
    }

    @Override
    public int responseLength() {
        return RESPONSE_LENGTH;
    }

    @Override
    public boolean[] responseTokens() {
        boolean[] allowed = new boolean[vocabularySize()];
        for (int id : RESPONSE_TOKEN_IDS) allowed[id] = true;
        return allowed;
    }

    /** The vocabulary token of response index v ∈ [0, V). */
    public static int responseToken(int v) {
        if (v < 0 || v >= RESPONSE_TOKENS) {
            throw new IllegalArgumentException("v must be in [0, " + (RESPONSE_TOKENS - 1) + "], was " + v);
        }
        return RESPONSE_TOKEN_IDS[v];
    }

    /** w_x(v) = ((v + x) mod V)/(V − 1). */
    public static double tokenWeight(int x, int v) {
        return (double) ((v + x) % RESPONSE_TOKENS) / (RESPONSE_TOKENS - 1);
    }

    /** The hidden score s(x, y) = (1/L)·Σ_t w_x(y_t) of a response of L response tokens. */
    public double score(int x, int[] y) {
        checkPrompt(x);
        return scoreOf(x, y, "y");
    }

    /** The response every position of which holds the v with (v + x) mod V = V − 1: the only one scoring 1. */
    public int[] bestResponse(int x) {
        checkPrompt(x);
        int token = RESPONSE_TOKEN_IDS[Math.floorMod(RESPONSE_TOKENS - 1 - x, RESPONSE_TOKENS)];
        int[] y = new int[RESPONSE_LENGTH];
        java.util.Arrays.fill(y, token);
        return y;
    }

    @Override
    public final double preference(int x, int[] y, int[] yPrime) {
        checkPrompt(x);
        double s = scoreOf(x, y, "y"), sPrime = scoreOf(x, yPrime, "yPrime");
        return preferenceOf(x, y, s, yPrime, sPrime);
    }

    /** P(y ≻ y' | x) given both (already validated) responses and their scores. */
    protected abstract double preferenceOf(int x, int[] y, double s, int[] yPrime, double sPrime);

    /** The sum of a response's indices v(y_t), for tasks that class responses by it. */
    protected static int indexSum(int[] y) {
        int sum = 0;
        for (int token : y) sum += INDEX_OF_TOKEN[token];
        return sum;
    }

    /** σ(z) = 1/(1 + e^{−z}), written so that σ(z) + σ(−z) = 1 to rounding for either sign. */
    protected static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    private static double scoreOf(int x, int[] y, String field) {
        if (y == null || y.length != RESPONSE_LENGTH) {
            throw new IllegalArgumentException(field + " must hold " + RESPONSE_LENGTH + " tokens, held "
                    + (y == null ? "null" : y.length));
        }
        // Summing integers keeps equal scores exactly equal whatever the token order, so ties give P = ½ exactly.
        int sum = 0;
        for (int t = 0; t < y.length; t++) {
            int v = y[t] >= 0 && y[t] < INDEX_OF_TOKEN.length ? INDEX_OF_TOKEN[y[t]] : -1;
            if (v < 0) {
                throw new IllegalArgumentException(field + "[" + t + "] is token " + y[t] + ", not a response token; allowed: "
                        + java.util.Arrays.toString(RESPONSE_TOKEN_IDS) + " (\"" + RESPONSE_CHARACTERS + "\")");
            }
            sum += (v + x) % RESPONSE_TOKENS;
        }
        return (double) sum / (RESPONSE_LENGTH * (RESPONSE_TOKENS - 1));
    }

    private static void checkPrompt(int x) {
        if (x < 0 || x >= PROMPTS) {
            throw new IllegalArgumentException("x must be in [0, " + (PROMPTS - 1) + "], was " + x);
        }
    }

}
