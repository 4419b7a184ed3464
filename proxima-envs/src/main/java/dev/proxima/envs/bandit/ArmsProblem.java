package dev.proxima.envs.bandit;

import dev.proxima.core.bandit.BanditProblem;
import dev.proxima.core.bandit.Context;
import dev.proxima.core.random.Rng;

/**
 * Context-free multi-armed bandits: Bernoulli arms with success probabilities μ_a, or Gaussian
 * arms with means μ_a and a common standard deviation σ.
 */
public final class ArmsProblem implements BanditProblem {
    private final String name;
    private final double[] means;
    private final double sigma;

    private ArmsProblem(String name, double[] means, double sigma) {
        if (means.length == 0) {
            throw new IllegalArgumentException("a bandit needs at least one arm");
        }
        this.name = name;
        this.means = means.clone();
        this.sigma = sigma;
    }

    /** Bernoulli arms; every μ_a must be in [0, 1]. */
    public static ArmsProblem bernoulli(double... means) {
        for (int a = 0; a < means.length; a++) {
            if (!(means[a] >= 0 && means[a] <= 1)) {
                throw new IllegalArgumentException("Bernoulli mean of arm " + a + " must be in [0, 1], was " + means[a]);
            }
        }
        return new ArmsProblem("bernoulli", means, Double.NaN);
    }

    /** Gaussian arms N(μ_a, σ²). */
    public static ArmsProblem gaussian(double sigma, double... means) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be > 0, was " + sigma);
        }
        return new ArmsProblem("gaussian", means, sigma);
    }

    /** k Bernoulli arms with means drawn uniformly from [0, 1) by {@code rng}. */
    public static ArmsProblem randomBernoulli(int k, Rng rng) {
        double[] m = new double[k];
        for (int a = 0; a < k; a++) m[a] = rng.nextDouble();
        return bernoulli(m);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int numActions() {
        return means.length;
    }

    @Override
    public int contextDimension() {
        return 0;
    }

    @Override
    public Context nextContext(Rng rng) {
        return Context.EMPTY;
    }

    @Override
    public double reward(Context x, int action, Rng rng) {
        return Double.isNaN(sigma) ? (rng.nextDouble() < means[action] ? 1 : 0) : means[action] + sigma * rng.nextGaussian();
    }

    @Override
    public double expectedReward(Context x, int action) {
        return means[action];
    }
}
