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
 * <p>Only the scores matter and the arms' posteriors are independent, so each draw samples the
 * score directly, {@code θ̃_aᵀx ~ N(θ̂_aᵀx, v²·xᵀA_a⁻¹x)}: exactly the same distribution, without
 * factorising a d×d covariance per arm.
 *
 * <p>Propensities: {@link #probabilities} estimates the probability that each arm wins from
 * {@code draws} joint posterior samples (this learner's own seeded stream), and
 * {@link #decide} samples from that estimate, so logged probabilities are exact for the
 * distribution acted from.
 */
public final class LinTs implements BanditPolicy {
    private final RidgeArms ridge;
    private final double scale;
    private final int draws;
    private final Rng posteriorRng;
    private final double[] x, scratch, means, spreads, sample;

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
        this.means = new double[arms];
        this.spreads = new double[arms];
        this.sample = new double[arms];
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
        ridge.load(ctx, x, "lints");
        for (int a = 0; a < ridge.arms; a++) {
            means[a] = ridge.mean(a, x, scratch);
            spreads[a] = scale * Math.sqrt(Math.max(RidgeArms.dot(x, scratch), 0));
        }
        Arrays.fill(out, 0);
        for (int n = 0; n < draws; n++) {
            for (int a = 0; a < ridge.arms; a++) sample[a] = means[a] + spreads[a] * posteriorRng.nextGaussian();
            out[BanditPolicy.argmax(sample, 0)] += 1.0 / draws;
        }
    }

    @Override
    public void update(Context ctx, int action, double reward) {
        ridge.load(ctx, x, "lints");
        ridge.update(action, x, reward);
    }
}
