package dev.proxima.core.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MirrorDescentTest {
    @Test
    void withoutMagnetTheStepIsExponentiatedGradient() {
        double[] logPi = {Math.log(0.5), Math.log(0.3), Math.log(0.2)}, q = {1, 0, -1}, out = new double[3];
        MirrorDescent.tabularStep(logPi, q, 0.7, 0, null, out);
        double[] w = {0.5 * Math.exp(0.7), 0.3, 0.2 * Math.exp(-0.7)};
        double z = w[0] + w[1] + w[2];
        for (int a = 0; a < 3; a++) assertEquals(Math.log(w[a] / z), out[a], 1e-12);
    }

    @Test
    void magnetStepSolvesTheRegularisedProblem() {
        // The closed form must maximise ⟨π,Q⟩ − (1/η)KL(π‖π_k) − αKL(π‖ρ) on the simplex:
        // its value must beat every nearby perturbation.
        double[] logPi = {Math.log(0.6), Math.log(0.4)}, logRho = {Math.log(0.1), Math.log(0.9)};
        double[] q = {0.3, 1.1}, out = new double[2];
        double eta = 0.5, alpha = 2;
        MirrorDescent.tabularStep(logPi, q, eta, alpha, logRho, out);
        double best = objective(Math.exp(out[0]), logPi, logRho, q, eta, alpha);
        for (double d : new double[] {-1e-3, 1e-3, -1e-2, 1e-2}) {
            double p0 = Math.exp(out[0]) + d;
            assertEquals(true, objective(p0, logPi, logRho, q, eta, alpha) < best);
        }
        assertEquals(1, Math.exp(out[0]) + Math.exp(out[1]), 1e-12);
    }

    private static double objective(double p0, double[] logPi, double[] logRho, double[] q, double eta, double alpha) {
        double[] p = {p0, 1 - p0};
        double v = 0;
        for (int a = 0; a < 2; a++) {
            v += p[a] * q[a] - (1 / eta) * p[a] * (Math.log(p[a]) - logPi[a]) - alpha * p[a] * (Math.log(p[a]) - logRho[a]);
        }
        return v;
    }

    @Test
    void geometricMixtureInterpolatesInLogSpace() {
        // π^μ ∝ π^{1−w}μ^{w}: with π = (0.5, 0.3, 0.2), μ = (0.2, 0.2, 0.6), w = 0.25 the unnormalised
        // weights are 0.5^0.75·0.2^0.25, 0.3^0.75·0.2^0.25 and 0.2^0.75·0.6^0.25.
        double[] logPi = {Math.log(0.5), Math.log(0.3), Math.log(0.2)};
        double[] logMu = {Math.log(0.2), Math.log(0.2), Math.log(0.6)};
        double[] out = new double[3];
        MirrorDescent.geometricMixture(logPi, logMu, 0.25, out);
        double[] w = {Math.pow(0.5, 0.75) * Math.pow(0.2, 0.25), Math.pow(0.3, 0.75) * Math.pow(0.2, 0.25),
                Math.pow(0.2, 0.75) * Math.pow(0.6, 0.25)};
        double z = w[0] + w[1] + w[2];
        for (int a = 0; a < 3; a++) assertEquals(Math.log(w[a] / z), out[a], 1e-12);
        MirrorDescent.geometricMixture(logPi, logMu, 0, out);
        for (int a = 0; a < 3; a++) assertEquals(logPi[a], out[a], 1e-15);
        MirrorDescent.geometricMixture(logPi, logMu, 1, out);
        for (int a = 0; a < 3; a++) assertEquals(logMu[a], out[a], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> MirrorDescent.geometricMixture(logPi, logMu, 1.5, out));
        assertThrows(IllegalArgumentException.class,
                () -> MirrorDescent.geometricMixture(logPi, new double[2], 0.5, out));
    }

    @Test
    void proximalLossIsKlPenaltyMinusSurrogate() {
        Graph g = new Graph();
        Tensor surrogate = Tensor.of(1, 1, 0.8f), kl = Tensor.of(2, 1, 0.1f, 0.3f), magnetKl = Tensor.of(2, 1, 1f, 3f);
        assertEquals(2 * 0.2 - 0.8, MirrorDescent.proximalLoss(g, surrogate, kl, 2f).item(), 1e-6);
        assertEquals(2 * 0.2 - 0.8 + 0.5 * 2, MirrorDescent.proximalLoss(g, surrogate, kl, 2f, magnetKl, 0.5f).item(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> MirrorDescent.proximalLoss(g, surrogate, kl, -1f));
    }
}
