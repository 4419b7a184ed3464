package dev.proxima.bandits.oco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The trust-region solver behind projections and comparators, checked against closed forms and brute force. */
class BallTest {

    @Test
    void euclideanProjectionScalesOutsidePointsOnly() {
        double[] out = new double[2];
        Ball.project(new double[] {3, 4}, 1, out);
        assertArrayEquals(new double[] {0.6, 0.8}, out, 1e-15);
        Ball.project(new double[] {0.3, 0.4}, 1, out);
        assertArrayEquals(new double[] {0.3, 0.4}, out, 0.0);
    }

    @Test
    void eigenDecompositionReconstructsTheMatrix() {
        double[][] a = {{2, 1, 0.5}, {1, 3, -0.2}, {0.5, -0.2, 1}};
        double[] values = new double[3];
        double[][] v = new double[3][3];
        Ball.symmetricEigen(a, values, v);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) s += v[i][k] * values[k] * v[j][k];
                assertEquals(a[i][j], s, 1e-13);
            }
        }
    }

    @Test
    void choleskySolveInvertsASmallSystem() {
        // [[4, 2], [2, 3]]·(1, −2) = (0, −4).
        assertArrayEquals(new double[] {1, -2}, Ball.solve(new double[][] {{4, 2}, {2, 3}}, new double[] {0, -4},
                new double[2]), 1e-15);
    }

    @Test
    void interiorMinimiserIsTheUnconstrainedOne() {
        double[] out = new double[2];
        Ball.minimiseQuadratic(new double[][] {{2, 0}, {0, 4}}, new double[] {0.6, 0.8}, 1, out);
        assertArrayEquals(new double[] {0.3, 0.2}, out, 1e-15);
    }

    @Test
    void rankDeficientQuadraticGivesTheMinimumNormMinimiser() {
        // H = a aᵀ with a = (1, 0), b = 0.5·a: every x with x_0 = 0.5 is optimal; we return (0.5, 0).
        double[] out = new double[2];
        Ball.minimiseQuadratic(new double[][] {{1, 0}, {0, 0}}, new double[] {0.5, 0}, 1, out);
        assertArrayEquals(new double[] {0.5, 0}, out, 1e-15);
    }

    @Test
    void boundaryMinimiserMatchesABruteForceSearchOverTheSphere() {
        double[][] h = {{1, 0.4}, {0.4, 0.2}};
        double[] b = {1.5, 2.0};
        double[] out = new double[2];
        Ball.minimiseQuadratic(h, b, 1, out);
        assertEquals(1.0, Ball.norm(out), 1e-12);
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 2_000_000; k++) {
            double th = 2 * Math.PI * k / 2_000_000;
            best = Math.min(best, quadratic(h, b, new double[] {Math.cos(th), Math.sin(th)}));
        }
        assertEquals(best, quadratic(h, b, out), 1e-10);
    }

    @Test
    void metricProjectionSatisfiesItsOptimalityCondition() {
        // A(x − y) + νx = 0 for one ν ≥ 0, and ‖x‖ = R.
        double[][] a = {{1, 0}, {0, 4}};
        double[] y = {1, 1}, x = new double[2];
        Ball.projectInNorm(a, y, 1, x);
        assertEquals(1.0, Ball.norm(x), 1e-12);
        double nu0 = -a[0][0] * (x[0] - y[0]) / x[0], nu1 = -a[1][1] * (x[1] - y[1]) / x[1];
        assertTrue(nu0 > 0);
        assertEquals(nu0, nu1, 1e-9);
        double[] inside = {0.2, -0.1};
        Ball.projectInNorm(a, inside, 1, x);
        assertArrayEquals(inside, x, 0.0);
    }

    private static double quadratic(double[][] h, double[] b, double[] x) {
        double q = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) q += x[i] * h[i][j] * x[j];
        }
        return 0.5 * q - b[0] * x[0] - b[1] * x[1];
    }
}
