package dev.proxima.core.dist;

import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;

/**
 * Categorical distributions given by unnormalised logits, one distribution per row of a
 * {@code [m, n]} tensor. Differentiable quantities are built on a {@link Graph}; sampling works
 * on plain arrays for the acting loop.
 */
public final class Categorical {
    private Categorical() {}

    /** {@code log π(a_r | row r)}, {@code [m, 1]}. */
    public static Tensor logProb(Graph g, Tensor logits, int[] actions) {
        return g.gather(g.logSoftmax(logits), actions);
    }

    /** Entropy {@code −Σ p log p} per row, {@code [m, 1]}. */
    public static Tensor entropy(Graph g, Tensor logits) {
        Tensor logp = g.logSoftmax(logits);
        return g.scale(g.rowSum(g.mul(g.exp(logp), logp)), -1f);
    }

    /** {@code KL(p ‖ q) = Σ p (log p − log q)} per row, {@code [m, 1]}. */
    public static Tensor kl(Graph g, Tensor logitsP, Tensor logitsQ) {
        return g.categoricalKl(logitsP, logitsQ);
    }

    /** Draws an index from the softmax of {@code logits[offset .. offset+n)}; allocation-free. */
    public static int sample(float[] logits, int offset, int n, Rng rng) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) max = Math.max(max, logits[offset + j]);
        double total = 0;
        for (int j = 0; j < n; j++) total += Math.exp(logits[offset + j] - max);
        double u = rng.nextDouble() * total, acc = 0;
        for (int j = 0; j < n; j++) {
            acc += Math.exp(logits[offset + j] - max);
            if (u < acc) {
                return j;
            }
        }
        return n - 1;
    }

    /** The most likely index (first on ties). */
    public static int mode(float[] logits, int offset, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (logits[offset + j] > logits[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    /** {@code log softmax(logits)[a]} in double precision. */
    public static double logProb(float[] logits, int offset, int n, int a) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) max = Math.max(max, logits[offset + j]);
        double total = 0;
        for (int j = 0; j < n; j++) total += Math.exp(logits[offset + j] - max);
        return logits[offset + a] - max - Math.log(total);
    }
}
