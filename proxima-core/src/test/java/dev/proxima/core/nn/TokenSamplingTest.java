package dev.proxima.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import org.junit.jupiter.api.Test;

class TokenSamplingTest {
    /** Logits whose softmax is exactly (0.5, 0.3, 0.15, 0.05). */
    private static final float[] LOGITS = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.15),
            (float) Math.log(0.05)};

    private static double[] frequencies(TokenSampling s, boolean[] allowed, int draws) {
        Rng rng = Rng.of(1);
        double[] probs = new double[4], f = new double[4];
        int[] order = new int[4];
        for (int i = 0; i < draws; i++) f[s.sample(LOGITS, 0, 4, allowed, rng, probs, order)] += 1.0 / draws;
        return f;
    }

    private static void assertFrequencies(double[] expected, double[] observed, int draws) {
        for (int j = 0; j < expected.length; j++) {
            double se = Math.sqrt(expected[j] * (1 - expected[j]) / draws);
            assertEquals(expected[j], observed[j], 4 * se + 1e-12, "token " + j);
        }
    }

    @Test
    void plainSamplingFollowsTheSoftmax() {
        assertFrequencies(new double[] {0.5, 0.3, 0.15, 0.05}, frequencies(TokenSampling.standard(), null, 100_000), 100_000);
    }

    @Test
    void temperatureSharpens() {
        // At T = 0.5 the probabilities are squared and renormalised.
        double z = 0.25 + 0.09 + 0.0225 + 0.0025;
        assertFrequencies(new double[] {0.25 / z, 0.09 / z, 0.0225 / z, 0.0025 / z},
                frequencies(TokenSampling.atTemperature(0.5), null, 100_000), 100_000);
    }

    @Test
    void nucleusKeepsTheSmallestSetReachingTopP() {
        // 0.5 alone is below 0.75; 0.5 + 0.3 reaches it.
        assertFrequencies(new double[] {0.625, 0.375, 0, 0}, frequencies(new TokenSampling(1, 0.75, 0), null, 50_000), 50_000);
        double[] probs = new double[4];
        new TokenSampling(1, 0.75, 0).sample(LOGITS, 0, 4, null, Rng.of(2), probs, new int[4]);
        assertEquals(0.625, probs[0], 1e-6);
        assertEquals(0, probs[2]);
    }

    @Test
    void minPDropsTokensBelowAFractionOfTheMostLikely() {
        double[] probs = new double[4];
        new TokenSampling(1, 1, 0.2).sample(LOGITS, 0, 4, null, Rng.of(3), probs, new int[4]);
        assertEquals(0.5 / 0.95, probs[0], 1e-6);
        assertEquals(0.15 / 0.95, probs[2], 1e-6);
        assertEquals(0, probs[3], "0.05 < 0.2 × 0.5");
    }

    @Test
    void greedyAndMasksRespectTheAllowedTokens() {
        double[] probs = new double[4];
        int[] order = new int[4];
        assertEquals(0, TokenSampling.greedy().sample(LOGITS, 0, 4, null, Rng.of(4), probs, order));
        boolean[] allowed = {false, true, true, false};
        assertEquals(1, TokenSampling.greedy().sample(LOGITS, 0, 4, allowed, Rng.of(4), probs, order));
        double[] f = frequencies(TokenSampling.standard(), allowed, 20_000);
        assertEquals(0, f[0]);
        assertEquals(0, f[3]);
        assertFrequencies(new double[] {0, 0.3 / 0.45, 0.15 / 0.45, 0}, f, 20_000);
        var e = assertThrows(IllegalArgumentException.class,
                () -> TokenSampling.standard().sample(LOGITS, 0, 4, new boolean[4], Rng.of(5), probs, order));
        assertTrue(e.getMessage().contains("no token is allowed"));
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TokenSampling(-1, 1, 0)).getMessage().contains("temperature"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TokenSampling(1, 0, 0)).getMessage().contains("topP"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TokenSampling(1, 1, 1)).getMessage().contains("minP"));
    }
}
