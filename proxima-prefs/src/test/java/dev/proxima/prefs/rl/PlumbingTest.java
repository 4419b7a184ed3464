package dev.proxima.prefs.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.prefs.loss.KlEstimators;
import org.junit.jupiter.api.Test;

/** The pieces of spec §0.6, each on its own: advantages, the clipped surrogate, KL penalties, aggregation. */
class PlumbingTest {
    private static final double[] G1 = {1, 0, 0, 0, 1, 0, 0, 0}, G2 = {1, 1, 1, 0, 1, 1, 1, 1};

    @Test
    void grpoAdvantagesMatchGoldenA1() {
        double[] rewards = new double[16], out = new double[16];
        System.arraycopy(G1, 0, rewards, 0, 8);
        System.arraycopy(G2, 0, rewards, 8, 8);
        GroupAdvantages.standardized(rewards, 8, true, out);
        double[] expected = {1.620182, -0.540061, -0.540061, -0.540061, 1.620182, -0.540061, -0.540061, -0.540061,
                0.353552, 0.353552, 0.353552, -2.474867, 0.353552, 0.353552, 0.353552, 0.353552};
        for (int i = 0; i < 16; i++) assertEquals(expected[i], out[i], 1e-5, "advantage " + i);
        double[] flat = new double[8], zero = new double[8];
        GroupAdvantages.standardized(new double[] {1, 1, 1, 1, 1, 1, 1, 1}, 8, true, flat);
        assertEquals(0, flat[3], "a group with equal rewards gives no gradient");
        GroupAdvantages.standardized(G1, 8, false, zero);
        assertEquals(0.75, zero[0], 1e-12);
        double[] single = new double[2];
        GroupAdvantages.standardized(new double[] {1, 0}, 1, true, single);
        assertEquals(0, single[0], "a group of one gets 0");
    }

    @Test
    void rlooAdvantagesMatchGoldenA5() {
        double[] out = new double[8];
        GroupAdvantages.leaveOneOut(G1, 8, out);
        double[] expected = {0.857143, -0.285714, -0.285714, -0.285714, 0.857143, -0.285714, -0.285714, -0.285714};
        for (int i = 0; i < 8; i++) assertEquals(expected[i], out[i], 1e-5);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GroupAdvantages.leaveOneOut(G1, 1, out))
                .getMessage().contains("groupSize"));
    }

    /** Spec §1.1(c): with μ = 1 (π_old = π_θ) the clipped loss's gradient is REINFORCE's, −Â·∇log π. */
    @Test
    void atTheBehaviourPolicyTheClippedGradientIsReinforce() {
        float[] logp = {-0.3f, -1.2f, -2.0f, -0.7f}, adv = {1.5f, -0.5f, 2.0f, -1.0f}, mask = {1, 1, 0, 1};
        Tensor logPi = Tensor.parameter(4, 1);
        System.arraycopy(logp, 0, logPi.data, 0, 4);
        Graph g = new Graph();
        Tensor loss = Aggregation.TOKEN_MEAN.apply(g, TokenLoss.clippedSurrogate(g, logPi, logp.clone(), adv, 0.2f, 0.2f),
                mask, 1, 4, 4, new float[4]);
        g.backward(loss);
        for (int i = 0; i < 4; i++) assertEquals(-adv[i] * mask[i] / 3.0, logPi.grad()[i], 1e-7, "token " + i);
    }

    /** Away from the clip boundaries the surrogate's gradient matches central differences (in double). */
    @Test
    void clippedSurrogateGradientMatchesFiniteDifferences() {
        float[] old = {-1f, -1f, -1f, -1f}, adv = {1f, 1f, -1f, -1f};
        // ratios 1.1 (inside), 1.5 (clipped, A > 0), 0.6 (clipped, A < 0), 1.5 (A < 0: unclipped branch is the min)
        float[] logp = {(float) (Math.log(1.1) - 1), (float) (Math.log(1.5) - 1), (float) (Math.log(0.6) - 1),
                (float) (Math.log(1.5) - 1)};
        Tensor logPi = Tensor.parameter(4, 1);
        System.arraycopy(logp, 0, logPi.data, 0, 4);
        Graph g = new Graph();
        g.backward(g.sum(TokenLoss.clippedSurrogate(g, logPi, old, adv, 0.2f, 0.2f)));
        for (int i = 0; i < 4; i++) {
            double h = 1e-3, up = surrogate(logp[i] + h, old[i], adv[i]), down = surrogate(logp[i] - h, old[i], adv[i]);
            assertEquals((up - down) / (2 * h), logPi.grad()[i], 1e-3, "token " + i);
        }
        assertEquals(0, logPi.grad()[1], "clipped with A > 0: no gradient");
        assertEquals(1.5, logPi.grad()[3], 1e-5, "A < 0 above the clip keeps the unclipped term, −q·A");
    }

    private static double surrogate(double logPi, double logOld, double a) {
        double q = Math.exp(logPi - logOld);
        return -Math.min(q * a, Math.min(1.2, Math.max(0.8, q)) * a);
    }

    @Test
    void klPenaltiesAgreeWithTheScalarEstimatorsAndGoldenA13() {
        for (KlEstimators.Kind kind : KlEstimators.Kind.values()) {
            Tensor logPi = Tensor.parameter(1, 1);
            logPi.data[0] = -1.2f;
            Graph g = new Graph();
            Tensor k = TokenLoss.klPenalty(g, logPi, new float[] {-0.9f}, kind);
            g.backward(g.sum(k));
            assertEquals(KlEstimators.estimate(kind, -1.2, -0.9), k.item(), 1e-6, kind.name());
            assertEquals(KlEstimators.derivative(kind, -1.2, -0.9), logPi.grad()[0], 1e-5, kind.name());
        }
        Graph g = new Graph();
        assertEquals(0.04985881, TokenLoss.klPenalty(g, Tensor.of(1, 1, -1.2f), new float[] {-0.9f}, KlEstimators.Kind.K3).item(),
                1e-6);
    }

    @Test
    void aggregationsWeighTokensAsTheSpecDefines() {
        // Two sequences of 3 positions: the first has 1 response token (loss 3), the second 3 (losses 1, 2, 3).
        Tensor perToken = Tensor.of(6, 1, 3, 9, 9, 1, 2, 3);
        float[] mask = {1, 0, 0, 1, 1, 1};
        Graph g = new Graph();
        float[] w = new float[6];
        assertEquals((3 + 6) / 4.0, Aggregation.TOKEN_MEAN.apply(g, perToken, mask, 2, 3, 5, w).item(), 1e-6);
        assertEquals((3 + 2) / 2.0, Aggregation.SEQ_MEAN_TOKEN_MEAN.apply(g, perToken, mask, 2, 3, 5, w).item(), 1e-6);
        assertEquals((3 + 6) / 2.0, Aggregation.SEQ_MEAN_TOKEN_SUM.apply(g, perToken, mask, 2, 3, 5, w).item(), 1e-6);
        assertEquals((3 + 6) / 10.0, Aggregation.CONSTANT_NORM.apply(g, perToken, mask, 2, 3, 5, w).item(), 1e-6);
    }
}
