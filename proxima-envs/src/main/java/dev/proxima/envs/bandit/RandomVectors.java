package dev.proxima.envs.bandit;

import dev.proxima.core.random.Rng;

/** Random directions for the synthetic problems. */
final class RandomVectors {
    private RandomVectors() {}

    /** A uniformly random unit vector in ℝ^d (a normalised standard Gaussian draw). */
    static double[] unit(Rng rng, int d) {
        double[] v = new double[d];
        double n = 0;
        for (int i = 0; i < d; i++) {
            v[i] = rng.nextGaussian();
            n += v[i] * v[i];
        }
        n = Math.sqrt(n);
        for (int i = 0; i < d; i++) v[i] /= n;
        return v;
    }
}
