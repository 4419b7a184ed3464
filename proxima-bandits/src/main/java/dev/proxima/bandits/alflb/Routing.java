package dev.proxima.bandits.alflb;

import dev.proxima.core.util.Checks;

/**
 * Top-K routing of a batch of tokens to experts, and the quantities the load-balancing spec (§14)
 * measures on it.
 *
 * <pre>
 *   selection      S_t = indices of the K largest s_{t,i} + b_i          (the bias only selects)
 *   gate weights   g_{t,i} = s_{t,i} / Σ_{j∈S_t} s_{t,j},  i ∈ S_t          (unbiased scores)
 *   load           c_i = |{t : i ∈ S_t}|,  target L = K·B/N
 *   MaxVio         max_i c_i/L − 1
 *   retention      Σ_t Σ_{i∈S_t} s_{t,i}  /  Σ_t (sum of the K largest s_{t,·})
 *   dual value     D(b) = Σ_t (sum of the K largest s_{t,·} + b) − L·Σ_i b_i
 * </pre>
 * D is the Lagrangian of the assignment LP at the biased-greedy assignment, with prices p = −b; its
 * subgradient in b_i is c_i − L. Ties between equal biased scores go to the lower expert index.
 */
public final class Routing {
    private Routing() {}

    /**
     * Affinity scores s_{t,i} ∈ (0, 1) of B tokens for N experts, row-major. Immutable.
     */
    public static final class Batch {
        private final int tokens;
        private final int experts;
        private final double[] scores;

        Batch(int tokens, int experts, double[] scores) {
            this.tokens = tokens;
            this.experts = experts;
            this.scores = scores;
        }

        /** A batch from {@code scores[t][i]}, copied. */
        public static Batch of(double[][] scores) {
            Checks.require(scores.length > 0, "scores must have at least one token");
            int n = scores[0].length;
            Checks.require(n >= 2, "scores must have at least two experts, had " + n);
            double[] flat = new double[scores.length * n];
            for (int t = 0; t < scores.length; t++) {
                Checks.require(scores[t].length == n, "token " + t + " has " + scores[t].length + " scores, expected " + n);
                System.arraycopy(scores[t], 0, flat, t * n, n);
            }
            return new Batch(scores.length, n, flat);
        }

        public int tokens() {
            return tokens;
        }

        public int experts() {
            return experts;
        }

        public double score(int token, int expert) {
            return scores[token * experts + expert];
        }

        /** Rows of {@code count} tokens starting at {@code from}, as a new batch. */
        public Batch slice(int from, int count) {
            Checks.require(from >= 0 && count > 0 && from + count <= tokens,
                    "slice [" + from + ", " + (from + count) + ") must lie in [0, " + tokens + ")");
            double[] part = new double[count * experts];
            System.arraycopy(scores, from * experts, part, 0, part.length);
            return new Batch(count, experts, part);
        }

        double[] raw() {
            return scores;
        }
    }

    /** L = K·B/N. */
    public static double targetLoad(int topK, int tokens, int experts) {
        return (double) topK * tokens / experts;
    }

    /**
     * The top-K experts of every token under biased scores s + b, into {@code out[t·K + j]} in
     * decreasing order of s + b. {@code bias} may be null for unbiased greedy routing.
     */
    public static int[] select(Batch batch, double[] bias, int topK, int[] out) {
        int n = batch.experts();
        Checks.require(topK >= 1 && topK < n, "topK must be in [1, " + (n - 1) + "], was " + topK);
        Checks.require(bias == null || bias.length == n, "bias must have " + n + " entries");
        double[] s = batch.raw();
        double[] best = new double[topK];
        for (int t = 0; t < batch.tokens(); t++) {
            int row = t * n, o = t * topK;
            int filled = 0;
            for (int i = 0; i < n; i++) {
                double v = s[row + i] + (bias == null ? 0 : bias[i]);
                if (filled == topK && v <= best[topK - 1]) continue;
                int j = filled == topK ? topK - 1 : filled++;
                while (j > 0 && best[j - 1] < v) { // strict: an equal earlier (lower-index) expert stays ahead
                    best[j] = best[j - 1];
                    out[o + j] = out[o + j - 1];
                    j--;
                }
                best[j] = v;
                out[o + j] = i;
            }
        }
        return out;
    }

    /** c_i: how many tokens selected expert i. */
    public static int[] loads(int[] selected, int experts, int[] out) {
        java.util.Arrays.fill(out, 0);
        for (int e : selected) out[e]++;
        return out;
    }

    /** MaxVio = max_i c_i/L − 1. */
    public static double maxViolation(int[] loads, double target) {
        int max = 0;
        for (int c : loads) max = Math.max(max, c);
        return max / target - 1;
    }

    /** Σ of the unbiased scores of the selected (token, expert) pairs. */
    public static double selectedScore(Batch batch, int[] selected, int topK) {
        double sum = 0;
        int n = batch.experts();
        double[] s = batch.raw();
        for (int k = 0; k < selected.length; k++) sum += s[(k / topK) * n + selected[k]];
        return sum;
    }

    /** Σ_t (sum of the K largest s_{t,·}): the score of unbiased greedy routing. */
    public static double greedyScore(Batch batch, int topK) {
        return selectedScore(batch, select(batch, null, topK, new int[batch.tokens() * topK]), topK);
    }

    /** D(b) = Σ_t (sum of the K largest s_{t,·} + b) − L·Σ_i b_i, with L = K·B/N. */
    public static double dualValue(Batch batch, double[] bias, int topK) {
        int[] selected = select(batch, bias, topK, new int[batch.tokens() * topK]);
        return dualValue(batch, bias, selected, topK);
    }

    /** D(b) from a selection already made with {@code bias}. */
    static double dualValue(Batch batch, double[] bias, int[] selected, int topK) {
        double value = selectedScore(batch, selected, topK);
        for (int e : selected) value += bias[e];
        double target = targetLoad(topK, batch.tokens(), batch.experts()), sumBias = 0;
        for (double b : bias) sumBias += b;
        return value - target * sumBias;
    }

    /** Gate weights g_{t,i} = s_{t,i}/Σ_{j∈S_t} s_{t,j} of the selected experts, laid out like {@code selected}. */
    public static double[] gateWeights(Batch batch, int[] selected, int topK) {
        double[] g = new double[selected.length];
        int n = batch.experts();
        double[] s = batch.raw();
        for (int t = 0; t < batch.tokens(); t++) {
            double sum = 0;
            for (int j = 0; j < topK; j++) sum += s[t * n + selected[t * topK + j]];
            for (int j = 0; j < topK; j++) g[t * topK + j] = s[t * n + selected[t * topK + j]] / sum;
        }
        return g;
    }
}
