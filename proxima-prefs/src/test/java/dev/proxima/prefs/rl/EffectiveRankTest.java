package dev.proxima.prefs.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.proxima.core.random.Rng;
import org.junit.jupiter.api.Test;

class EffectiveRankTest {
    /** A centred n×d matrix Σ_{k<r} u_k v_kᵀ with orthonormal, centred u_k and orthonormal v_k: r unit singular values. */
    static float[] equalSingularValues(int n, int d, int r, long seed) {
        Rng rng = Rng.of(seed);
        double[][] u = orthonormal(n, r, rng, true), v = orthonormal(d, r, rng, false);
        float[] h = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < r; k++) s += u[k][i] * v[k][j];
                h[i * d + j] = (float) s;
            }
        }
        return h;
    }

    /** {@code count} orthonormal vectors of length {@code dim} by Gram–Schmidt, optionally orthogonal to the ones vector. */
    static double[][] orthonormal(int dim, int count, Rng rng, boolean centred) {
        double[][] out = new double[count][dim];
        for (int k = 0; k < count; k++) {
            for (int i = 0; i < dim; i++) out[k][i] = rng.nextGaussian();
            if (centred) {
                double mean = 0;
                for (double x : out[k]) mean += x / dim;
                for (int i = 0; i < dim; i++) out[k][i] -= mean;
            }
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int i = 0; i < dim; i++) dot += out[k][i] * out[j][i];
                for (int i = 0; i < dim; i++) out[k][i] -= dot * out[j][i];
            }
            double norm = 0;
            for (double x : out[k]) norm += x * x;
            for (int i = 0; i < dim; i++) out[k][i] /= Math.sqrt(norm);
        }
        return out;
    }

    /** Spec §2.19(c) [U]: |ER − r| < 1e-5 for r equal unit singular values (n ≤ 20, d ≤ 32); rank 1 gives 1. */
    @Test
    void equalSingularValuesGiveTheirCount() {
        int[][] shapes = {{8, 6, 3}, {20, 32, 7}, {12, 5, 5}, {10, 16, 1}, {20, 20, 19}};
        for (int[] s : shapes) {
            double er = EffectiveRank.of(equalSingularValues(s[0], s[1], s[2], s[0] * 31L + s[2]), 0, s[0], s[1]);
            assertEquals(s[2], er, 1e-5, s[0] + "×" + s[1] + " rank " + s[2]);
        }
    }

    @Test
    void jacobiFindsTheEigenvalues() {
        double[] lambda = EffectiveRank.symmetricEigenvalues(new double[][] {{2, 1, 0}, {1, 2, 0}, {0, 0, -4}});
        java.util.Arrays.sort(lambda);
        assertArrayEquals(new double[] {-4, 1, 3}, lambda, 1e-12);
    }

    /** ERV and ERA assembled from the prefix ranks exactly as spec §2.19(a) writes them, stride 1 and 2. */
    @Test
    void velocityAndAccelerationFollowThePrefixRanks() {
        int n = 7, d = 5;
        float[] h = new float[n * d];
        Rng rng = Rng.of(3);
        for (int i = 0; i < h.length; i++) h[i] = (float) rng.nextGaussian();
        double[] er = new double[n];
        for (int t = 1; t < n; t++) er[t] = EffectiveRank.of(h, 0, t + 1, d);
        // stride 1: prefixes t = 1..6; diff_t = ER_t − mean(ER_1..ER_{t−1}) for t ≥ 2
        double[] diff = new double[n];
        double velocity = 0, acceleration = 0;
        for (int t = 2; t < n; t++) {
            double mean = 0;
            for (int u = 1; u < t; u++) mean += er[u] / (t - 1);
            diff[t] = er[t] - mean;
            velocity += diff[t] / (n - 2);
            if (t >= 3) acceleration += (diff[t] - diff[t - 1]) / (n - 3);
        }
        assertArrayEquals(new double[] {EffectiveRank.of(h, 0, n, d), velocity, acceleration},
                EffectiveRank.indicators(h, 0, n, d, 1), 1e-12);
        // stride 2: prefixes t = 2, 4, 6; diffs at 4 and 6; one acceleration
        double d4 = er[4] - er[2], d6 = er[6] - (er[2] + er[4]) / 2;
        assertArrayEquals(new double[] {EffectiveRank.of(h, 0, n, d), (d4 + d6) / 2, d6 - d4},
                EffectiveRank.indicators(h, 0, n, d, 2), 1e-12);
        // shorter than two strides: no velocity, no acceleration
        assertArrayEquals(new double[] {EffectiveRank.of(h, 0, 3, d), 0, 0}, EffectiveRank.indicators(h, 0, 3, d, 2), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> EffectiveRank.indicators(h, 0, n, d, 0));
    }
}
