package dev.proxima.bandits.linear;

import dev.proxima.bandits.BanditPolicy;
import dev.proxima.core.bandit.Context;
import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;
import java.util.Arrays;

/**
 * Linear Thompson sampling (Agrawal and Goyal 2013) with disjoint per-arm models: draw
 * {@code θ̃_a ~ N(θ̂_a, v²·A_a⁻¹)} and play the arm with the largest {@code θ̃_aᵀx}.
 *
 * <p>Propensities: {@link #probabilities} estimates the probability that each arm wins from
 * {@code draws} joint posterior samples (this learner's own seeded stream), and
 * {@link #decide} samples from that estimate, so logged probabilities are exact for the
 * distribution acted from. Each arm's covariance is factorised once per estimate (Cholesky).
 */
public final class LinTs implements BanditPolicy {
    private final RidgeArms ridge;
    private final double scale;
    private final int draws;
    private final Rng posteriorRng;
    private final double[] x, scratch, z, means, sample;
    private final double[][] cholesky;

    /**
     * @param scale  posterior scale v > 0 (Agrawal and Goyal's v; a common practical choice: 0.1–1)
     * @param lambda ridge λ > 0
     * @param draws  joint posterior samples per probability estimate (e.g. 100)
     */
    public LinTs(int arms, int dim, double scale, double lambda, int draws, Rng posteriorRng) {
        this.ridge = new RidgeArms(arms, dim, lambda);
        this.scale = Checks.positive(scale, "scale");
        this.draws = Checks.positive(draws, "draws");
        this.posteriorRng = posteriorRng;
        this.x = new double[dim];
        this.scratch = new double[dim];
        this.z = new double[dim];
        this.means = new double[arms];
        this.sample = new double[arms];
        this.cholesky = new double[arms][dim * dim];
    }

    @Override
    public String name() {
        return "lints";
    }

    @Override
    public int numActions() {
        return ridge.arms;
    }

    @Override
    public void probabilities(Context ctx, double[] out) {
        ctx.requireDimension(ridge.dim, "lints");
        for (int i = 0; i < x.length; i++) x[i] = ctx.get(i);
        int d = ridge.dim;
        for (int a = 0; a < ridge.arms; a++) {
            means[a] = ridge.mean(a, x, scratch);
            factor(ridge.inverse[a], cholesky[a], d);
        }
        Arrays.fill(out, 0);
        for (int n = 0; n < draws; n++) {
            for (int a = 0; a < ridge.arms; a++) {
                // θ̃ᵀx = θ̂ᵀx + v·(L z)ᵀx with A⁻¹ = L Lᵀ and z standard normal
                for (int i = 0; i < d; i++) z[i] = posteriorRng.nextGaussian();
                double noise = 0;
                double[] l = cholesky[a];
                for (int i = 0; i < d; i++) {
                    double li = 0;
                    for (int j = 0; j <= i; j++) li += l[i * d + j] * z[j];
                    noise += li * x[i];
                }
                sample[a] = means[a] + scale * noise;
            }
            out[BanditPolicy.argmax(sample, 0)] += 1.0 / draws;
        }
    }

    /** Lower-triangular L with m = L Lᵀ (m symmetric positive definite). */
    private static void factor(double[] m, double[] l, int d) {
        Arrays.fill(l, 0);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = m[i * d + j];
                for (int k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
                l[i * d + j] = i == j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j * d + j];
            }
        }
    }

    @Override
    public void update(Context ctx, int action, double reward) {
        ctx.requireDimension(ridge.dim, "lints");
        for (int i = 0; i < x.length; i++) x[i] = ctx.get(i);
        ridge.update(action, x, reward);
    }
}
