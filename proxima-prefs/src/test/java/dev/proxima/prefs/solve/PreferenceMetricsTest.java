package dev.proxima.prefs.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** KL, span, pass@k and L-BFGS on worked examples. */
class PreferenceMetricsTest {
    @Test
    void klOfWorkedExample() {
        // KL((.5,.5) ‖ (.25,.75)) = .5·ln 2 + .5·ln(2/3)
        assertEquals(0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3), PreferenceMetrics.kl(new double[] {.5, .5},
                new double[] {.25, .75}), 1e-15);
        assertEquals(0, PreferenceMetrics.kl(new double[] {0, 1}, new double[] {.5, .5}) - Math.log(2), 1e-15);
    }

    @Test
    void spanIgnoresConstantShifts() {
        assertEquals(0, PreferenceMetrics.span(new double[] {1, 2, 3}, new double[] {0, 1, 2}), 0);
        assertEquals(2, PreferenceMetrics.span(new double[] {1, 2, 3}, new double[] {0, 2, 1}), 0); // differences (1, 0, 2)
    }

    @Test
    void passAtKIsUnbiasedEstimator() {
        // n=5, c=2, k=2: 1 − C(3,2)/C(5,2) = 1 − 3/10
        assertEquals(0.7, PreferenceMetrics.passAtK(5, 2, 2), 1e-15);
        assertEquals(0.4, PreferenceMetrics.passAtK(5, 2, 1), 1e-15);
        assertEquals(1.0, PreferenceMetrics.passAtK(5, 4, 2), 0);
        assertEquals(0.0, PreferenceMetrics.passAtK(16, 0, 8), 0);
        // n=16, c=3, k=8: 1 − C(13,8)/C(16,8) = 1 − 1287/12870
        assertEquals(0.9, PreferenceMetrics.passAtK(16, 3, 8), 1e-14);
        var e = assertThrows(IllegalArgumentException.class, () -> PreferenceMetrics.passAtK(5, 6, 1));
        assertTrue(e.getMessage().contains("c (correct samples)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PreferenceMetrics.passAtK(5, 1, 6));
        assertTrue(e.getMessage().startsWith("k must be"), e.getMessage());
    }

    @Test
    void lbfgsMinimisesRosenbrock() {
        Lbfgs.Objective rosen = (x, g) -> {
            double a = 1 - x[0], b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        };
        var r = Lbfgs.minimize(rosen, new double[] {-1.2, 1}, Lbfgs.Config.defaults());
        assertEquals(1, r.x()[0], 1e-9);
        assertEquals(1, r.x()[1], 1e-9);
        assertTrue(r.gradientNorm() < 1e-9, "gradient " + r.gradientNorm());
    }
}
