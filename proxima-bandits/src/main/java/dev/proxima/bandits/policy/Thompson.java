package dev.proxima.bandits.policy;

import dev.proxima.bandits.BanditPolicy;
import dev.proxima.core.bandit.Context;
import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;
import java.util.Arrays;

/**
 * Thompson sampling (Thompson 1933; Agrawal and Goyal 2012) with conjugate per-arm posteriors:
 * Beta(1 + successes, 1 + failures) for Bernoulli rewards, or a Gaussian posterior on the mean with
 * known noise variance σ² and prior N(0, σ₀²) for Gaussian rewards.
 *
 * <p>Propensities: the probability that each arm's posterior draw is the largest has no closed
 * form, so {@link #probabilities} estimates it from {@code draws} joint posterior samples (from
 * this learner's own seeded stream), and {@link #decide} samples from that estimate. The logged
 * probability is therefore exactly that of the distribution the action was drawn from.
 */
public final class Thompson implements BanditPolicy {
    public enum Likelihood { BERNOULLI, GAUSSIAN }

    private final Likelihood likelihood;
    private final ArmStatistics stats;
    private final double[] successes;
    private final double noiseVariance;
    private final double priorVariance;
    private final int draws;
    private final Rng posteriorRng;
    private final double[] sample;

    /**
     * @param draws         posterior samples per probability estimate (e.g. 1,000)
     * @param noiseVariance σ² of Gaussian rewards (ignored for Bernoulli)
     * @param priorVariance σ₀² of the Gaussian prior on each mean (ignored for Bernoulli)
     */
    public Thompson(int arms, Likelihood likelihood, int draws, double noiseVariance, double priorVariance, Rng posteriorRng) {
        this.likelihood = likelihood;
        this.stats = new ArmStatistics(arms);
        this.successes = new double[arms];
        this.draws = Checks.positive(draws, "draws");
        this.noiseVariance = Checks.positive(noiseVariance, "noiseVariance");
        this.priorVariance = Checks.positive(priorVariance, "priorVariance");
        this.posteriorRng = posteriorRng;
        this.sample = new double[arms];
    }

    @Override
    public String name() {
        return likelihood == Likelihood.BERNOULLI ? "thompson-bernoulli" : "thompson-gaussian";
    }

    @Override
    public int numActions() {
        return sample.length;
    }

    @Override
    public void probabilities(Context x, double[] out) {
        Arrays.fill(out, 0);
        for (int d = 0; d < draws; d++) {
            for (int a = 0; a < sample.length; a++) sample[a] = posteriorDraw(a);
            out[BanditPolicy.argmax(sample, 0)] += 1.0 / draws;
        }
    }

    private double posteriorDraw(int a) {
        if (likelihood == Likelihood.BERNOULLI) {
            return beta(1 + successes[a], 1 + stats.pulls[a] - successes[a]);
        }
        double precision = 1 / priorVariance + stats.pulls[a] / noiseVariance;
        double mean = (stats.means[a] * stats.pulls[a] / noiseVariance) / precision;
        return mean + posteriorRng.nextGaussian() / Math.sqrt(precision);
    }

    private double beta(double alpha, double beta) {
        double x = gamma(alpha), y = gamma(beta);
        return x / (x + y);
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the shape < 1 boost. */
    private double gamma(double shape) {
        if (shape < 1) {
            return gamma(shape + 1) * Math.pow(posteriorRng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z, v;
            do {
                z = posteriorRng.nextGaussian();
                v = 1 + c * z;
            } while (v <= 0);
            v = v * v * v;
            double u = posteriorRng.nextDouble();
            if (u < 1 - 0.0331 * z * z * z * z || Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    @Override
    public void update(Context x, int action, double reward) {
        if (likelihood == Likelihood.BERNOULLI && !(reward >= 0 && reward <= 1)) {
            throw new IllegalArgumentException("Bernoulli Thompson sampling needs rewards in [0, 1], got " + reward);
        }
        stats.add(action, reward);
        successes[action] += reward;
    }
}
