package dev.proxima.bandits.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Seeds-control spec §6(b)1 and (c): d = 10, 50 arms and θ* as normalised Gaussian vectors (a new
 * instance per seed), reward noise N(0, 0.5²), T = 5,000, λ = 1, pseudo-regret, seeds 0–29.
 */
class ExactMexTest {
    static final int D = 10, ARMS = 50, T = 5000, SEEDS = 30;

    static double[] unitGaussian(Rng rng) {
        double[] v = new double[D];
        double n = 0;
        for (int i = 0; i < D; i++) {
            v[i] = rng.nextGaussian();
            n += v[i] * v[i];
        }
        n = Math.sqrt(n);
        for (int i = 0; i < D; i++) v[i] /= n;
        return v;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Pseudo-regret of one learner on the instance of {@code seed}. */
    static double regret(long seed, Supplier<ExactMex> factory) {
        Rng instance = Rng.of(seed);
        double[] thetaStar = unitGaussian(instance);
        double[][] arms = new double[ARMS][];
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < ARMS; a++) {
            arms[a] = unitGaussian(instance);
            best = Math.max(best, dot(thetaStar, arms[a]));
        }
        Rng noise = Rng.of(seed + 1_000);
        ExactMex learner = factory.get();
        double regret = 0;
        for (int t = 0; t < T; t++) {
            int a = learner.choose(arms);
            double mean = dot(thetaStar, arms[a]);
            regret += best - mean;
            learner.update(arms[a], mean + 0.5 * noise.nextGaussian());
        }
        return regret;
    }

    static double[] regrets(Supplier<ExactMex> factory) {
        double[] r = new double[SEEDS];
        for (int s = 0; s < SEEDS; s++) r[s] = regret(s, factory);
        return r;
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    @Test
    void meetsTheSpecsBarsAgainstLinUcbAndGreedyAndWeakOptimismIsWorse() {
        double[] mex = regrets(() -> ExactMex.mex(D, 1, 0.1));
        double[] linUcb = regrets(() -> ExactMex.linUcb(D, 1, 1.0));
        double[] greedy = regrets(() -> ExactMex.greedy(D, 1));
        double[] weak = regrets(() -> ExactMex.mex(D, 1, 1.0));
        System.out.printf("exact MEX (η 0.1): median %.1f mean %.1f; LinUCB (β 1): median %.1f mean %.1f; greedy: median %.1f"
                        + " mean %.1f; MEX (η 1): median %.1f mean %.1f%n", median(mex), mean(mex), median(linUcb), mean(linUcb),
                median(greedy), mean(greedy), median(weak), mean(weak));
        assertTrue(median(mex) <= 1.25 * median(linUcb), "MEX median " + median(mex) + " vs LinUCB " + median(linUcb));
        assertTrue(mean(mex) <= 0.15 * mean(greedy), "MEX mean " + mean(mex) + " vs greedy " + mean(greedy));
        assertTrue(median(weak) >= 3 * median(mex), "η = 1 median " + median(weak) + " vs η = 0.1 " + median(mex));
    }

    /** The index of the joint maximisation in closed form, checked against a brute-force maximum over θ. */
    @Test
    void theMexIndexIsTheJointMaximumOverTheta() {
        Rng rng = Rng.of(2);
        ExactMex mex = ExactMex.mex(2, 1, 0.3);
        double[][] xs = new double[6][];
        double[] ys = new double[6];
        for (int i = 0; i < 6; i++) {
            xs[i] = new double[] {rng.nextGaussian(), rng.nextGaussian()};
            ys[i] = rng.nextGaussian();
            mex.update(xs[i], ys[i]);
        }
        double[] x = {0.7, -0.4};
        // Grid search over θ of ⟨θ, x⟩ − η(Σ(y − ⟨θ, x_i⟩)² + λ|θ|²) and of the same without ⟨θ, x⟩.
        double eta = 0.3, best = Double.NEGATIVE_INFINITY, bestValue0 = Double.NEGATIVE_INFINITY;
        for (double t0 = -3; t0 <= 3; t0 += 0.002) {
            for (double t1 = -3; t1 <= 3; t1 += 0.05) {
                double loss = t0 * t0 + t1 * t1;
                for (int i = 0; i < 6; i++) {
                    double r = ys[i] - (t0 * xs[i][0] + t1 * xs[i][1]);
                    loss += r * r;
                }
                best = Math.max(best, t0 * x[0] + t1 * x[1] - eta * loss);
                bestValue0 = Math.max(bestValue0, -eta * loss);
            }
        }
        // The joint maximum minus the unperturbed one is ⟨θ̂, x⟩ + ‖x‖²_{A⁻¹}/(4η): the index.
        assertEquals(mex.index(x), best - bestValue0, 0.02);
    }

    @Test
    void greedyRecoversTheRidgeEstimate() {
        ExactMex g = ExactMex.greedy(2, 1);
        g.update(new double[] {1, 0}, 2);
        g.update(new double[] {0, 1}, -1);
        assertArrayEquals(new double[] {1, -0.5}, g.theta(), 1e-12);
    }
}
