package dev.proxima.prefs.rl;

import static dev.proxima.prefs.rl.GroupAdvantagesTest.assertNames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.proxima.prefs.rl.RiskGate.RiskCompensator;
import dev.proxima.prefs.rl.RiskGate.Sign;
import org.junit.jupiter.api.Test;

/** GARDO's gate and risk compensator (spec §2.7) against golden A16. */
class RiskGateTest {
    private static final double[] U = {-1.5, 0, 0.5, 2, 3.5, 1, -0.5, 4};

    @Test
    void gateMatchesGoldenA16() {
        assertEquals(3.75, RiskGate.threshold(U, 0.1), 1e-12, "θ = 90th percentile of U+ (linear)");
        boolean[] gated = RiskGate.gate(U, 0.1);
        for (int i = 0; i < U.length; i++) assertEquals(i == 7, gated[i], "sample " + i);
        assertEquals(1.833333, RiskGate.meanNonNegative(U), 1e-5);
    }

    @Test
    void gateIsStrictAndEmptyWithoutNonNegativeUncertainty() {
        assertFalse(RiskGate.gate(new double[] {1, 1, 1}, 0.1)[0], "u = θ is not gated");
        assertFalse(RiskGate.gate(new double[] {-1, -2}, 0.2)[0]);
        assertEquals(Double.NaN, RiskGate.meanNonNegative(new double[] {-1}));
    }

    @Test
    void compensatorTrajectoryMatchesGoldenA16() {
        RiskCompensator c = RiskCompensator.start();
        double[] means = {1.0, 2.0, 1.5, 0.5, 3.0, 3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7, 3.8, 3.9};
        double[] expected = {0.1, 0.11, 0.11, 0.099, 0.1089, 0.11979, 0.131769, 0.144946, 0.15944, 0.175385, 0.192923,
                0.2, 0.2, 0.2};
        for (int i = 0; i < means.length; i++) {
            c = c.next(means[i]);
            assertEquals(expected[i], c.gateFraction(), 1e-5, "after mean " + i);
        }
        assertEquals(means.length, c.window().length);
    }

    @Test
    void compensatorComparesOnlyTheLastTwentyMeans() {
        RiskCompensator c = RiskCompensator.start().next(100);
        for (int i = 0; i < 19; i++) c = c.next(1);
        assertEquals(0.1 * Math.pow(0.9, 1), c.gateFraction(), 1e-12, "1 < 100 once, then 1 is inside [1, 100]");
        RiskCompensator stillRemembers = c.next(50);
        assertEquals(c.gateFraction(), stillRemembers.gateFraction(), 1e-12, "100 is still in the window");
        RiskCompensator forgot = c.next(1).next(50);
        assertEquals(20, forgot.window().length);
        assertEquals(c.gateFraction() * 1.1, forgot.gateFraction(), 1e-12, "100 has left the window, so 50 is a new maximum");
        RiskCompensator low = RiskCompensator.start().next(1);
        for (int i = 0; i < 40; i++) low = low.next(1.0 / (i + 2));
        assertEquals(0.02, low.gateFraction(), 1e-12, "g is clipped below at 0.02");
    }

    @Test
    void uncertaintySignsFromRankDisagreement() {
        double[] proxy = {3, 2, 1}, aux = {1, 2, 3};
        // proxy ranks (1, 2, 3), aux ranks (3, 2, 1)
        assertArrayEquals(new double[] {2, 0, -2}, RiskGate.uncertainty(proxy, new double[][] {aux}, Sign.PROXY_OPTIMISTIC), 0);
        assertArrayEquals(new double[] {-2, 0, 2}, RiskGate.uncertainty(proxy, new double[][] {aux}, Sign.SCRIPT_SIGN), 0);
        // ties keep sample order; two aux models are averaged: aux ranks (1, 2, 3) and (3, 1, 2)
        assertArrayEquals(new double[] {1, -0.5, -0.5},
                RiskGate.uncertainty(new double[] {1, 1, 1}, new double[][] {{5, 5, 5}, {0, 2, 1}}, Sign.PROXY_OPTIMISTIC), 1e-12);
    }

    @Test
    void badArgumentsNameTheField() {
        assertNames("gateFraction", () -> RiskGate.gate(U, 1.5));
        assertNames("gateFraction", () -> new RiskCompensator(-0.1, new double[0]));
        assertNames("window", () -> new RiskCompensator(0.1, new double[21]));
        assertNames("m", () -> RiskCompensator.start().next(Double.NaN));
        assertNames("auxiliary row 0", () -> RiskGate.uncertainty(new double[3], new double[][] {{1, 2}}, Sign.SCRIPT_SIGN));
        assertNames("auxiliary", () -> RiskGate.uncertainty(new double[3], new double[0][], Sign.SCRIPT_SIGN));
    }
}
