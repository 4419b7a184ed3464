package dev.proxima.prefs.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The group advantages of A-GRAE, AsymRE, R³L and GARDO against goldens A2, A3, A6 and A7. */
class GroupAdvantagesTest {
    private static final double[] G1 = {1, 0, 0, 0, 1, 0, 0, 0}, G2 = {1, 1, 1, 0, 1, 1, 1, 1};

    private static double[] batch(double[]... groups) {
        double[] all = new double[groups.length * groups[0].length];
        for (int g = 0; g < groups.length; g++) System.arraycopy(groups[g], 0, all, g * groups[g].length, groups[g].length);
        return all;
    }

    @Test
    void symmetryAwareMatchesGoldenA2() {
        double[] out = new double[16];
        double accuracy = GroupAdvantages.symmetryAware(batch(G1, G2), 8, 1, out);
        assertEquals(0.5625, accuracy, 1e-12, "P̄");
        double[] expected = {0.911350, -0.540059, -0.540059, -0.540059, 0.911350, -0.540059, -0.540059, -0.540059,
                0.733363, 0.733363, 0.733363, -9.126297, 0.733363, 0.733363, 0.733363, 0.733363};
        assertArrayEquals(expected, out, 1e-5);
    }

    @Test
    void symmetryAwareZeroesSolvedGroupsAndLeavesPositivesUnscaledAtFullAccuracy() {
        double[] out = new double[16];
        double[] allWrong = new double[8], allRight = {1, 1, 1, 1, 1, 1, 1, 1};
        GroupAdvantages.symmetryAware(batch(G1, allWrong), 8, 1, out);
        for (int i = 8; i < 16; i++) assertEquals(0, out[i], "an all-wrong group gives 0");
        GroupAdvantages.symmetryAware(batch(G1, allRight), 8, 1, out);
        for (int i = 8; i < 16; i++) assertEquals(0, out[i], "an all-right group gives 0");
        // With a single group P̄ = p_q; at p = 1 − 1/8 against α = 0.875 the scale min(1, P̄/α) is exactly 1.
        double[] scaled = new double[8], unscaled = new double[8];
        GroupAdvantages.symmetryAware(G2, 8, 0.875, unscaled);
        GroupAdvantages.symmetryAware(G2, 8, 1.75, scaled);
        assertEquals(0.5, scaled[0] / unscaled[0], 1e-12, "positives scale by P̄/α below 1");
        assertEquals(unscaled[3], scaled[3], 1e-12, "negatives are never scaled");
    }

    @Test
    void asymreShiftsTheMeanBaselineGoldenA3() {
        double[] out = new double[8];
        GroupAdvantages.shiftedMean(G1, 8, -0.1, out);
        assertArrayEquals(new double[] {0.85, -0.15, -0.15, -0.15, 0.85, -0.15, -0.15, -0.15}, out, 1e-12);
        OffPolicyReinforce.asymreAdvantages(G1, 8, out);
        assertEquals(0.85, out[0], 1e-12);
    }

    @Test
    void r3lAmplificationMatchesGoldenA6() {
        double[] out = new double[8];
        GroupAdvantages.amplifiedPositives(G1, 8, out);
        assertArrayEquals(new double[] {1, -0.25, -0.25, -0.25, 1, -0.25, -0.25, -0.25}, out, 1e-12);
        double[] continuous = new double[4];
        GroupAdvantages.amplifiedPositives(new double[] {0.2, 0.5, 0.9, 1.0}, 4, continuous);
        assertArrayEquals(new double[] {-0.45, -0.15, 0.75, 1.0}, continuous, 1e-12);
    }

    @Test
    void gardoDiversityMatchesGoldenA7() {
        double[][] embeddings = {{1, 0}, {0.99, 0.1}, {0, 1}, {-1, 0.2}};
        double[] out = new double[4], d = new double[4], w = new double[4];
        GroupAdvantages.diversityAware(new double[] {0.9, 0.8, 0.7, 0.2}, embeddings, 4, out, d, w);
        assertArrayEquals(new double[] {0.005063, 0.005063, 0.803884, 0.803884}, d, 1e-5);
        assertArrayEquals(new double[] {0.012517, 0.012517, 1.987483, 1.0}, w, 1e-5);
        assertArrayEquals(new double[] {0.003129, 0.001878, 0.099374, -0.45}, out, 1e-5);
    }

    @Test
    void gardoDiversityKeepsUnitWeightsWhenEveryEmbeddingAgrees() {
        double[] out = new double[3];
        GroupAdvantages.diversityAware(new double[] {1, 0, 0}, new double[][] {{1, 1}, {2, 2}, {3, 3}}, 3, out, null, null);
        assertArrayEquals(new double[] {2 / 3.0, -1 / 3.0, -1 / 3.0}, out, 1e-12);
    }

    @Test
    void badArgumentsNameTheField() {
        double[] out = new double[8];
        assertNames("groupSize", () -> GroupAdvantages.symmetryAware(G1, 3, 1, out));
        assertNames("alpha", () -> GroupAdvantages.symmetryAware(G1, 8, 0, out));
        assertNames("rewards", () -> GroupAdvantages.symmetryAware(new double[] {2, 2, 2, 2, 2, 2, 2, 2}, 8, 1, out));
        assertNames("groupSize", () -> GroupAdvantages.amplifiedPositives(G1, 0, out));
        assertNames("delta", () -> GroupAdvantages.shiftedMean(G1, 8, Double.NaN, out));
        double[][] two = {{1, 0}, {0, 1}};
        assertNames("groupSize", () -> GroupAdvantages.diversityAware(new double[] {1, 0}, two, 1, new double[2], null, null));
        assertNames("embeddings", () -> GroupAdvantages.diversityAware(new double[] {1, 0, 1}, two, 3, new double[3], null, null));
        assertNames("embeddings row 1", () -> GroupAdvantages.diversityAware(new double[] {1, 0},
                new double[][] {{1, 0}, {0, 0}}, 2, new double[2], null, null));
        assertNames("embeddings row 1", () -> GroupAdvantages.diversityAware(new double[] {1, 0},
                new double[][] {{1, 0}, {1}}, 2, new double[2], null, null));
    }

    static void assertNames(String field, Executable call) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(message.contains(field), () -> "message should name " + field + ": " + message);
    }
}
