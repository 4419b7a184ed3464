package dev.proxima.core.dist;

import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;

/**
 * Diagonal Gaussian distributions, one per row: mean {@code [m, d]} and log standard deviation
 * either {@code [m, d]} (state-dependent) or {@code [1, d]} (a state-independent parameter, as in
 * PPO and on-policy MDPO).
 */
public final class DiagGaussian {
    static final float HALF_LOG_2PI = (float) (0.5 * Math.log(2 * Math.PI));

    private DiagGaussian() {}

    /** {@code Σ_j log N(x_j; μ_j, σ_j)} per row, {@code [m, 1]}. */
    public static Tensor logProb(Graph g, Tensor mean, Tensor logStd, Tensor x) {
        Tensor z = g.mul(g.sub(x, mean), g.exp(g.scale(logStd, -1f)));
        Tensor perDim = g.sub(g.scale(g.square(z), -0.5f), logStd);
        return g.addScalar(g.rowSum(perDim), -x.cols * HALF_LOG_2PI);
    }

    /** {@code Σ_j (log σ_j + ½ log 2πe)} per row, {@code [m, 1]} (or {@code [1, 1]} for a shared log-std). */
    public static Tensor entropy(Graph g, Tensor logStd) {
        return g.addScalar(g.rowSum(logStd), logStd.cols * (HALF_LOG_2PI + 0.5f));
    }

    /**
     * {@code KL(p ‖ q) = Σ_j [ (log σq − log σp) + ½·exp(2(log σp − log σq)) + ½·(μp − μq)²/σq² − ½ ]}
     * per row, {@code [m, 1]}. Log-stds may each be {@code [m, d]} or {@code [1, d]}. Written in
     * terms of the log-std difference so the gradient is exactly zero where p = q.
     */
    public static Tensor kl(Graph g, Tensor meanP, Tensor logStdP, Tensor meanQ, Tensor logStdQ) {
        Tensor logRatio = subAny(g, logStdP, logStdQ); // log σp − log σq
        Tensor varRatio = g.scale(g.exp(g.scale(logRatio, 2f)), 0.5f);
        Tensor meanTerm = mulAny(g, g.scale(g.square(g.sub(meanP, meanQ)), 0.5f), g.exp(g.scale(logStdQ, -2f)));
        Tensor perDim = addAny(g, meanTerm, g.sub(varRatio, logRatio));
        return g.addScalar(g.rowSum(perDim), -0.5f * meanP.cols);
    }

    // The graph broadcasts only its right operand; these put a [1, d] operand on the right.
    private static Tensor addAny(Graph g, Tensor x, Tensor y) {
        return x.rows >= y.rows ? g.add(x, y) : g.add(y, x);
    }

    private static Tensor subAny(Graph g, Tensor x, Tensor y) {
        return x.rows >= y.rows ? g.sub(x, y) : g.add(g.scale(y, -1f), x);
    }

    private static Tensor mulAny(Graph g, Tensor x, Tensor y) {
        return x.rows >= y.rows ? g.mul(x, y) : g.mul(y, x);
    }

    /** Draws {@code μ + σ·ε} into {@code out}; allocation-free. */
    public static void sample(float[] mean, int meanOff, float[] logStd, int logStdOff, int d, Rng rng,
                              float[] out, int outOff) {
        for (int j = 0; j < d; j++) {
            out[outOff + j] = (float) (mean[meanOff + j] + Math.exp(logStd[logStdOff + j]) * rng.nextGaussian());
        }
    }

    /** {@code Σ_j log N(x_j; μ_j, σ_j)} in double precision. */
    public static double logProb(float[] mean, int meanOff, float[] logStd, int logStdOff, float[] x, int xOff, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double ls = logStd[logStdOff + j];
            double z = (x[xOff + j] - mean[meanOff + j]) * Math.exp(-ls);
            s += -0.5 * z * z - ls - HALF_LOG_2PI_D;
        }
        return s;
    }

    static final double HALF_LOG_2PI_D = 0.5 * Math.log(2 * Math.PI);

    /** Closed-form KL between two diagonal Gaussians, in double precision. */
    public static double kl(double[] meanP, double[] stdP, double[] meanQ, double[] stdQ) {
        double s = 0;
        for (int j = 0; j < meanP.length; j++) {
            double d = meanP[j] - meanQ[j];
            s += Math.log(stdQ[j] / stdP[j]) + (stdP[j] * stdP[j] + d * d) / (2 * stdQ[j] * stdQ[j]) - 0.5;
        }
        return s;
    }
}
