package dev.proxima.prefs.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxima.prefs.loss.KlEstimators.Kind;
import org.junit.jupiter.api.Test;

/** Golden A13 and derivative checks. */
class KlEstimatorsTest {
    @Test
    void goldenA13() {
        assertEquals(-0.3, KlEstimators.estimate(Kind.K1, -1.2, -0.9), 1e-12);
        assertEquals(0.045, KlEstimators.estimate(Kind.K2, -1.2, -0.9), 1e-12);
        assertEquals(0.04985881, KlEstimators.estimate(Kind.K3, -1.2, -0.9), 1e-8);
    }

    @Test
    void derivativesMatchCentralDifferences() {
        double eps = 1e-5;
        for (Kind k : Kind.values()) {
            for (double logPi : new double[] {-3, -1.2, -0.4}) {
                double fd = (KlEstimators.estimate(k, logPi + eps, -0.9) - KlEstimators.estimate(k, logPi - eps, -0.9))
                        / (2 * eps);
                double g = KlEstimators.derivative(k, logPi, -0.9);
                assertEquals(fd, g, 1e-4 * Math.max(Math.abs(g), Math.abs(fd)) + 1e-8, k + " at " + logPi);
            }
        }
    }

    @Test
    void clampsKeepK3Finite() {
        assertEquals(10, KlEstimators.estimate(Kind.K3, -100, 0), 0);
        assertEquals(0, KlEstimators.derivative(Kind.K3, -100, 0), 0);
    }
}
