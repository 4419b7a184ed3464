package dev.proxima.prefs.rl;

import static dev.proxima.prefs.rl.GroupAdvantagesTest.assertNames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** VERL's advantage shaping (spec §2.19) against golden A10. */
class EffectiveRankShapingTest {
    @Test
    void shapingMatchesGoldenA10() {
        double[] a0 = new double[8];
        GroupAdvantages.standardized(new double[] {1, 0, 0, 0, 1, 0, 0, 0}, 8, true, a0);
        double[] aux = {0.3, -0.2, 0.5, 0.0, 2.0, 0.1, -1, 0.05}, out = new double[8];
        EffectiveRankShaping.shape(a0, aux, EffectiveRankShaping.KAPPA, out);
        assertArrayEquals(new double[] {1.920182, -0.540061, -0.270030, -0.540061, 2.430273, -0.440061, -0.540061,
                -0.490061}, out, 1e-5);
    }

    @Test
    void bonusLiesInZeroToAdvantageOverKappaAndVanishesAtZero() {
        double[] a0 = {0, 0.4, -0.4, -1}, out = new double[4];
        EffectiveRankShaping.shape(a0, new double[] {3, 3, 3, -3}, 2, out);
        assertArrayEquals(new double[] {0, 0.6, -0.2, -1}, out, 1e-12);
        for (int i = 0; i < 4; i++) assertTrue(out[i] - a0[i] >= 0 && out[i] - a0[i] <= Math.abs(a0[i]) / 2 + 1e-12, "entry " + i);
    }

    /** At step 2 every baseline is 0, so each δ saturates at ±5: with δ_ERA = +5, τ = σ(10). */
    @Test
    void auxiliaryAtZeroBaselinesSaturates() {
        double s = 1 / (1 + Math.exp(-10));
        assertEquals(s * Math.tanh(5) + (1 - s) * Math.tanh(-5), EffectiveRankShaping.auxiliary(0.1, -0.2, 3.0, 0, 0, 0), 1e-12);
        assertEquals((1 - s) * Math.tanh(-5) + s * Math.tanh(5), EffectiveRankShaping.auxiliary(-0.1, 0.2, -3.0, 0, 0, 0), 1e-12);
        // off saturation: ERA at its baseline gives τ = ½
        double dEr = (2.5 - 2) / 2, dErv = (0.1 - 0.2) / 0.2;
        assertEquals(0.5 * Math.tanh(dEr) + 0.5 * Math.tanh(dErv), EffectiveRankShaping.auxiliary(0.3, 0.1, 2.5, 0.3, 0.2, 2), 1e-7);
        assertEquals(0.7 * 2 + 0.3 * 4, EffectiveRankShaping.updatedBaseline(2, 4), 1e-12);
    }

    @Test
    void badArgumentsNameTheField() {
        assertNames("kappa", () -> EffectiveRankShaping.shape(new double[1], new double[1], 0, new double[1]));
        assertNames("same length", () -> EffectiveRankShaping.shape(new double[2], new double[1], 2, new double[2]));
    }
}
