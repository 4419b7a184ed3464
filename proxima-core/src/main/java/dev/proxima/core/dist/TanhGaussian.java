package dev.proxima.core.dist;

import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;

/**
 * Tanh-squashed diagonal Gaussian (Haarnoja et al. 2018, SAC, Appendix C): {@code a = tanh(u)},
 * {@code u ~ N(μ, σ²)}. Log-density by change of variables,
 * {@code log π(a) = log N(u) − Σ_j log(1 − tanh²(u_j))}, with the stable form
 * {@code log(1 − tanh² u) = 2·(log 2 − u − softplus(−2u))}.
 *
 * <p>KL divergence is invariant under the shared bijection tanh, so the KL between two squashed
 * Gaussians equals the closed-form KL of the underlying Gaussians. The entropy has no closed
 * form; {@link #entropyEstimate} is the one-sample estimate {@code −log π(a)} at a
 * reparameterised sample.
 */
public final class TanhGaussian {
    private static final float LOG_2 = (float) Math.log(2);

    private TanhGaussian() {}

    /** Pre-squash reparameterised sample {@code u = μ + σ·ε} with {@code noise} holding ε. */
    public static Tensor preSquashSample(Graph g, Tensor mean, Tensor logStd, Tensor noise) {
        return g.add(mean, g.mul(noise, g.exp(logStd)));
    }

    /** {@code log π(tanh u)} per row, {@code [m, 1]}, given the pre-squash value u. */
    public static Tensor logProb(Graph g, Tensor mean, Tensor logStd, Tensor u) {
        Tensor base = DiagGaussian.logProb(g, mean, logStd, u);
        Tensor logDet = g.scale(g.add(g.scale(u, -1f), g.scale(g.softplus(g.scale(u, -2f)), -1f)), 2f);
        Tensor correction = g.rowSum(g.addScalar(logDet, 2f * LOG_2));
        return g.sub(base, correction);
    }

    /** The squashed action {@code tanh(u)}. */
    public static Tensor squash(Graph g, Tensor u) {
        return g.tanh(u);
    }

    /** Closed-form {@code KL(p ‖ q)}: equal to the KL of the pre-squash Gaussians. */
    public static Tensor kl(Graph g, Tensor meanP, Tensor logStdP, Tensor meanQ, Tensor logStdQ) {
        return DiagGaussian.kl(g, meanP, logStdP, meanQ, logStdQ);
    }

    /** One-sample entropy estimate {@code −log π(tanh u)}, {@code [m, 1]}. */
    public static Tensor entropyEstimate(Graph g, Tensor mean, Tensor logStd, Tensor u) {
        return g.scale(logProb(g, mean, logStd, u), -1f);
    }
}
