package dev.proxima.prefs.rl;

import static dev.proxima.prefs.rl.GroupAdvantagesTest.assertNames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxima.prefs.rl.OffPolicyReinforce.Baseline;
import dev.proxima.prefs.rl.OffPolicyReinforce.RecBounds;
import dev.proxima.prefs.rl.OffPolicyReinforce.RecRange;
import org.junit.jupiter.api.Test;

/** OPMD and REC pieces of spec §2.10 against goldens A4 and A15. */
class OffPolicyReinforceTest {
    private static final double[] G1 = {1, 0, 0, 0, 1, 0, 0, 0};

    @Test
    void opmdMeanBaselineAndLossScaleMatchGoldenA4() {
        double[] out = new double[8];
        OffPolicyReinforce.opmdAdvantages(G1, 8, Baseline.MEAN, OffPolicyReinforce.DEFAULT_TAU, out);
        assertArrayEquals(new double[] {0.75, -0.25, -0.25, -0.25, 0.75, -0.25, -0.25, -0.25}, out, 1e-12);
        assertEquals(0.5, OffPolicyReinforce.policyLossScale(1), 1e-12);
    }

    @Test
    void opmdLogMeanExpBaselineIsTheSoftMaximum() {
        double[] out = new double[2];
        OffPolicyReinforce.opmdAdvantages(new double[] {1, 0}, 2, Baseline.LOG_MEAN_EXP, 1, out);
        double b = Math.log((Math.E + 1) / 2);
        assertArrayEquals(new double[] {1 - b, -b}, out, 1e-12);
        OffPolicyReinforce.opmdAdvantages(new double[] {1, 0}, 2, Baseline.LOG_MEAN_EXP, 1e-3, out);
        assertEquals(1e-3 * Math.log(2), out[0], 1e-9, "as τ → 0 the baseline tends to the group maximum");
    }

    /** Golden A15: rows are ratios, entries (two-side, one-side, ring) for A > 0 then A < 0. */
    @Test
    void recMasksMatchGoldenA15() {
        double[] ratios = {0.3, 0.7, 1.0, 1.3, 3.5};
        int[][] positive = {{0, 1, 1}, {0, 1, 0}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}};
        int[][] negative = {{0, 0, 0}, {0, 0, 0}, {1, 1, 1}, {0, 1, 0}, {0, 1, 1}};
        RecRange[] modes = {RecRange.TWO_SIDE, RecRange.ONE_SIDE, RecRange.RING};
        for (int r = 0; r < ratios.length; r++) {
            for (int m = 0; m < modes.length; m++) {
                assertEquals(positive[r][m] == 1, modes[m].keeps(ratios[r], 1, RecBounds.DEFAULTS), modes[m] + " A>0 q=" + ratios[r]);
                assertEquals(negative[r][m] == 1, modes[m].keeps(ratios[r], -1, RecBounds.DEFAULTS), modes[m] + " A<0 q=" + ratios[r]);
            }
            assertEquals(true, RecRange.NONE.keeps(ratios[r], 1, RecBounds.DEFAULTS));
            assertEquals(true, RecRange.NONE.keeps(ratios[r], -1, RecBounds.DEFAULTS));
            assertEquals(true, RecRange.ONE_SIDE.keeps(ratios[r], 0, RecBounds.DEFAULTS), "A = 0 satisfies both sides");
        }
        float[] mask = new float[5];
        RecRange.RING.mask(ratios, new double[] {1, 1, 1, -1, -1}, RecBounds.DEFAULTS, mask);
        assertArrayEquals(new float[] {1, 0, 1, 0, 1}, mask);
    }

    @Test
    void badArgumentsNameTheField() {
        assertNames("tau", () -> OffPolicyReinforce.policyLossScale(-0.5));
        assertNames("tau", () -> OffPolicyReinforce.opmdAdvantages(G1, 8, Baseline.LOG_MEAN_EXP, 0, new double[8]));
        assertNames("groupSize", () -> OffPolicyReinforce.opmdAdvantages(G1, 3, Baseline.MEAN, 1, new double[8]));
        assertNames("epsLow", () -> new RecBounds(1.2, 0.2, 0.6, 2.0));
        assertNames("epsHigh", () -> new RecBounds(0.2, -0.1, 0.6, 2.0));
        assertNames("ringLow", () -> new RecBounds(0.2, 0.2, 0.1, 2.0));
        assertNames("ringHigh", () -> new RecBounds(0.2, 0.2, 0.6, 0.1));
        assertNames("same length", () -> RecRange.TWO_SIDE.mask(new double[2], new double[3], RecBounds.DEFAULTS, new float[2]));
    }
}
