package dev.proxima.prefs.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxima.prefs.loss.NashMdPgLoss.KlTerm;
import org.junit.jupiter.api.Test;

/** Golden A14: value and gradient with respect to token log-probs, both KL terms. */
class NashMdPgLossTest {
    static final double[] LOG_PI = {-0.5, -1.2, -0.3}, LOG_REF = {-0.7, -1.0, -0.9};

    @Test
    void goldenA14Sequence() {
        double[] g = new double[3];
        assertEquals(0.48, NashMdPgLoss.loss(LOG_PI, LOG_REF, 0.8, 0.1, KlTerm.SEQUENCE, g), 1e-12);
        assertArrayEquals(new double[] {-0.24, -0.24, -0.24}, g, 1e-12);
    }

    @Test
    void goldenA14Tokenwise() {
        double[] g = new double[3];
        assertEquals(0.596, NashMdPgLoss.loss(LOG_PI, LOG_REF, 0.8, 0.1, KlTerm.TOKENWISE, g), 1e-12);
        assertArrayEquals(new double[] {-0.28, -0.32, -0.24}, g, 1e-12);
    }

    @Test
    void gradientIsThatOfTheSurrogateWithStopGradients() {
        // Holding the stop-gradient factors at their values, L is linear in each log π_θ(y_t):
        // perturbing one token's log-prob inside log π only must move L by the reported slope.
        for (KlTerm term : KlTerm.values()) {
            double[] g = new double[3];
            NashMdPgLoss.loss(LOG_PI, LOG_REF, 0.8, 0.1, term, g);
            double rho = -2.0 - (-2.6), eps = 1e-5;
            for (int t = 0; t < 3; t++) {
                double[] up = LOG_PI.clone(), dn = LOG_PI.clone();
                up[t] += eps;
                dn[t] -= eps;
                double fd = (surrogate(up, term, rho) - surrogate(dn, term, rho)) / (2 * eps);
                assertEquals(fd, g[t], 1e-4 * Math.abs(fd) + 1e-8, term + " token " + t);
            }
        }
    }

    private static double surrogate(double[] logPi, KlTerm term, double rhoFixed) {
        double s = logPi[0] + logPi[1] + logPi[2];
        double v = -(0.8 - 0.5) * s;
        if (term == KlTerm.SEQUENCE) return v + 0.1 * rhoFixed * s;
        for (int t = 0; t < 3; t++) v += 0.1 * (LOG_PI[t] - LOG_REF[t]) * logPi[t];
        return v;
    }
}
