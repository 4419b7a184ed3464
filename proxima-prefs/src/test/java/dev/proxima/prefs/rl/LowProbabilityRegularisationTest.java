package dev.proxima.prefs.rl;

import static dev.proxima.prefs.rl.GroupAdvantagesTest.assertNames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Lp-Reg's proxy, selection and penalty (spec §2.8) against golden A8. */
class LowProbabilityRegularisationTest {
    private static final double[] LOGITS = {3, 2, 0.5, -1, -4};

    @Test
    void proxyMatchesGoldenA8() {
        double[] logProxy = LowProbabilityRegularisation.proxyLogProbs(LOGITS, LowProbabilityRegularisation.KAPPA);
        double[] proxy = new double[5], p = softmax(LOGITS);
        for (int v = 0; v < 5; v++) proxy[v] = Math.exp(logProxy[v]);
        assertArrayEquals(new double[] {0.680646, 0.250396, 0.055871, 0.012466, 0.000621}, p, 1e-5);
        assertArrayEquals(new double[] {0.689672, 0.253716, 0.056612, 0, 0}, proxy, 1e-5);
        assertTrue(logProxy[3] < -9000 && logProxy[4] < -9000, "filtered tokens sit at the −1e4 logit");
        assertEquals(-2.871539, logProxy[2], 1e-5);
        assertArrayEquals(logSoftmax(LOGITS), LowProbabilityRegularisation.proxyLogProbs(LOGITS, 0), 1e-12, "κ = 0 keeps all");
    }

    /**
     * Golden A8: tokens 2 and 3 of the vocabulary are the two lowest-probability negative-advantage
     * tokens of a batch, scored with log π = log p; token 2 is below its proxy and regularised
     * (k3 = 8.7153e-05), token 3 was filtered and is not.
     */
    @Test
    void selectionAndPenaltyMatchGoldenA8() {
        double[] logP = logSoftmax(LOGITS), logProxy = LowProbabilityRegularisation.proxyLogProbs(LOGITS, 0.02);
        // batch rows: sampled tokens 0, 1, 2, 3 with A < 0, then token 4 with A > 0 and a padding row
        int[] token = {0, 1, 2, 3, 4, 4};
        double[] advantage = {-0.5, -0.5, -0.5, -0.5, 1.5, -0.5};
        float[] mask = {1, 1, 1, 1, 1, 0};
        double[] logPi = new double[6], rowProxy = new double[6];
        for (int i = 0; i < 6; i++) {
            logPi[i] = logP[token[i]];
            rowProxy[i] = logProxy[token[i]];
        }
        boolean[] selected = LowProbabilityRegularisation.selectNegatives(advantage, logPi, mask, 0.5);
        assertArrayEquals(new boolean[] {false, false, true, true, false, false}, selected,
                "k = ⌊0.5·4⌋ = 2 lowest log π among valid A < 0 tokens");
        assertEquals(-2.884713, logPi[2], 1e-5);
        boolean[] regularised = LowProbabilityRegularisation.regularised(selected, logPi, rowProxy);
        assertArrayEquals(new boolean[] {false, false, true, false, false, false}, regularised);
        assertEquals(8.7153e-05, LowProbabilityRegularisation.penalty(logPi[2], rowProxy[2]), 1e-9);
    }

    @Test
    void nothingIsSelectedUnlessMoreThanOneTokenWouldBe() {
        double[] a = new double[199], logPi = new double[199];
        float[] mask = new float[199];
        java.util.Arrays.fill(a, -1);
        java.util.Arrays.fill(mask, 1);
        for (int i = 0; i < 199; i++) logPi[i] = -i;
        boolean[] none = LowProbabilityRegularisation.selectNegatives(a, logPi, mask, 0.01);
        for (boolean s : none) assertTrue(!s, "k = max(1, ⌊1.99⌋) = 1: the release selects nothing");
        double[] a2 = new double[200], logPi2 = new double[200];
        float[] mask2 = new float[200];
        java.util.Arrays.fill(a2, -1);
        java.util.Arrays.fill(mask2, 1);
        for (int i = 0; i < 200; i++) logPi2[i] = -i;
        boolean[] two = LowProbabilityRegularisation.selectNegatives(a2, logPi2, mask2, 0.01);
        int count = 0;
        for (boolean s : two) count += s ? 1 : 0;
        assertEquals(2, count);
        assertTrue(two[199] && two[198], "the two lowest log π");
    }

    @Test
    void badArgumentsNameTheField() {
        assertNames("kappa", () -> LowProbabilityRegularisation.proxyLogProbs(LOGITS, 1.5));
        assertNames("kappa", () -> LowProbabilityRegularisation.proxyLogProbs(LOGITS, -0.1));
        assertNames("logits", () -> LowProbabilityRegularisation.proxyLogProbs(new double[0], 0.02));
        assertNames("fraction", () -> LowProbabilityRegularisation.selectNegatives(new double[1], new double[1], new float[1], 2));
        assertNames("same length", () -> LowProbabilityRegularisation.selectNegatives(new double[2], new double[1], new float[2], 0.01));
        assertNames("same length", () -> LowProbabilityRegularisation.regularised(new boolean[2], new double[2], new double[3]));
    }

    private static double[] softmax(double[] z) {
        double[] l = logSoftmax(z);
        for (int i = 0; i < l.length; i++) l[i] = Math.exp(l[i]);
        return l;
    }

    private static double[] logSoftmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double v : z) max = Math.max(max, v);
        for (double v : z) sum += Math.exp(v - max);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) out[i] = z[i] - max - Math.log(sum);
        return out;
    }
}
