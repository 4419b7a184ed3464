package dev.proxima.envs.bandit;

import dev.proxima.core.bandit.BanditProblem;
import dev.proxima.core.bandit.Context;
import dev.proxima.core.random.Rng;

/**
 * A linear contextual bandit with Bernoulli rewards: contexts are d−1 standard normal features
 * plus a constant 1, scaled to unit norm, and arm a pays 1 with probability
 * {@code clip(0.5 + 0.5·θ_aᵀx, 0, 1)} where each θ_a has unit norm (drawn once from the instance
 * generator).
 */
public final class LinearProblem implements BanditProblem {
    private final double[][] theta;
    private final int dim;

    public LinearProblem(int arms, int dim, Rng instance) {
        if (arms <= 0 || dim < 2) {
            throw new IllegalArgumentException("linear problem needs arms > 0 and dim >= 2, were " + arms + " and " + dim);
        }
        this.dim = dim;
        this.theta = new double[arms][];
        for (int a = 0; a < arms; a++) theta[a] = RandomVectors.unit(instance, dim);
    }


    @Override
    public String name() {
        return "linear";
    }

    @Override
    public int numActions() {
        return theta.length;
    }

    @Override
    public int contextDimension() {
        return dim;
    }

    @Override
    public Context nextContext(Rng rng) {
        double[] x = new double[dim];
        double n = 1;
        x[dim - 1] = 1;
        for (int i = 0; i < dim - 1; i++) {
            x[i] = rng.nextGaussian();
            n += x[i] * x[i];
        }
        n = Math.sqrt(n);
        for (int i = 0; i < dim; i++) x[i] /= n;
        return Context.of(x);
    }

    @Override
    public double reward(Context x, int action, Rng rng) {
        return rng.nextDouble() < expectedReward(x, action) ? 1 : 0;
    }

    @Override
    public double expectedReward(Context x, int action) {
        return Math.max(0, Math.min(1, 0.5 + 0.5 * x.dot(theta[action], 0)));
    }
}
