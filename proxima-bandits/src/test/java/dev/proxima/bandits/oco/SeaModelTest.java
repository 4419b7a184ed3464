package dev.proxima.bandits.oco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.bandits.oco.SeaModel.Family;
import org.junit.jupiter.api.Test;

/** The SEA generator of spec §2(b): means, noise streams and the closed-form variances. */
class SeaModelTest {

    @Test
    void switchingMeanFlipsEveryPeriod() {
        var seq = SeaModel.generate(SeaModel.Config.switching(Family.CONVEX, 0, 1, 50, 200), 7);
        assertArrayEquals(new double[] {0.5, 0.8}, seq.vector(1), 1e-15);   // c₀ + 0.2·(1, 1)
        assertArrayEquals(new double[] {0.5, 0.8}, seq.vector(50), 1e-15);
        assertArrayEquals(new double[] {0.1, 0.4}, seq.vector(51), 1e-15);  // c₀ − 0.2·(1, 1)
        assertArrayEquals(new double[] {0.5, 0.8}, seq.vector(101), 1e-15);
        var alternating = SeaModel.generate(SeaModel.Config.switching(Family.CONVEX, 0, 1, 1, 3), 0);
        assertArrayEquals(new double[] {0.1, 0.4}, alternating.vector(2), 1e-15);
    }

    @Test
    void variancesHaveTheSpecClosedForms() {
        var stationary = SeaModel.generate(SeaModel.Config.stationary(Family.CONVEX, 0.1, 10_000), 0);
        // σ²_{1:T} = T·σ²·(1 + 0.003²): √ = 3.16 / 10.0 at T = 10³ / 10⁴ (spec §2(c)).
        assertEquals(1000 * 0.01 * (1 + 9e-6), stationary.stochasticVariance(1000), 1e-12);
        assertEquals(10.0, Math.sqrt(stationary.stochasticVariance(10_000)), 1e-4);
        assertEquals(0.0, stationary.adversarialVariation(10_000), 0.0);
        // Alternating: 999 switches in rounds 2..1000, each ‖Λ·0.4·(1, 1)‖² = 0.16·(1 + 9e-6).
        var alternating = SeaModel.generate(SeaModel.Config.switching(Family.CONVEX, 0, 1, 1, 100_000), 0);
        assertEquals(999 * 0.16 * (1 + 9e-6), alternating.adversarialVariation(1000), 1e-12);
        assertEquals(12.6, alternating.varianceBound(1000), 0.05);     // spec: 12.6 / 40 / 126.5
        assertEquals(40.0, alternating.varianceBound(10_000), 0.05);
        assertEquals(126.5, alternating.varianceBound(100_000), 0.05);
        var slow = SeaModel.generate(SeaModel.Config.switching(Family.CONVEX, 0, 1, 50, 1000), 0);
        assertEquals(19 * 0.16 * (1 + 9e-6), slow.adversarialVariation(1000), 1e-12); // ⌊999/50⌋ switches
    }

    @Test
    void gradientIsTheDerivativeOfTheLoss() {
        for (Family family : Family.values()) {
            var seq = SeaModel.generate(SeaModel.Config.stationary(family, 0.3, 10), 3);
            double[] x = {0.2, -0.5}, g = new double[2];
            seq.gradient(4, x, g);
            for (int i = 0; i < 2; i++) {
                double[] p = x.clone(), m = x.clone();
                p[i] += 1e-6;
                m[i] -= 1e-6;
                assertEquals((seq.loss(4, p) - seq.loss(4, m)) / 2e-6, g[i], 1e-8, family + " coordinate " + i);
            }
        }
    }

    @Test
    void expConcaveFeaturesAreUnitVectorsAndNoiselessTargetsAreExact() {
        var seq = SeaModel.generate(SeaModel.Config.stationary(Family.EXP_CONCAVE, 0, 100), 1);
        for (int t = 1; t <= 100; t++) {
            double[] a = seq.vector(t);
            assertEquals(1.0, Math.hypot(a[0], a[1]), 1e-15);
            assertEquals(0.3 * a[0] + 0.6 * a[1], seq.target(t), 1e-15);
            assertEquals(0.0, seq.loss(t, new double[] {0.3, 0.6}), 1e-30);
        }
    }

    @Test
    void sameSeedGivesTheSameSequenceAndNoiseScalesOneDraw() {
        var a = SeaModel.generate(SeaModel.Config.stationary(Family.CONVEX, 0.1, 500), 4);
        var b = SeaModel.generate(SeaModel.Config.stationary(Family.CONVEX, 0.1, 500), 4);
        var c = SeaModel.generate(SeaModel.Config.stationary(Family.CONVEX, 0.1, 500), 5);
        var loud = SeaModel.generate(SeaModel.Config.stationary(Family.CONVEX, 0.3, 500), 4);
        assertArrayEquals(a.vector(321), b.vector(321), 0.0);
        assertFalse(a.vector(321)[0] == c.vector(321)[0]);
        // σ multiplies the same ξ: (c − c₀)·3 at σ = 0.1 equals c − c₀ at σ = 0.3.
        assertEquals(3 * (a.vector(321)[0] - 0.3), loud.vector(321)[0] - 0.3, 1e-12);
        // A longer draw starts with the shorter one.
        var longer = SeaModel.generate(SeaModel.Config.stationary(Family.CONVEX, 0.1, 5000), 4);
        assertArrayEquals(a.vector(500), longer.vector(500), 0.0);
        assertTrue(SeaModel.Config.stationary(Family.CONVEX, 0, 10).deterministic());
        assertFalse(SeaModel.Config.stationary(Family.EXP_CONCAVE, 0, 10).deterministic());
    }

    @Test
    void invalidRegimesNameTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> SeaModel.Config.stationary(Family.CONVEX, -1, 10));
        assertTrue(e.getMessage().startsWith("sigma"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SeaModel.Config(Family.CONVEX, 0, 1, 0, 10));
        assertTrue(e.getMessage().startsWith("amp and period"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SeaModel.Config.stationary(Family.CONVEX, 0, 0));
        assertTrue(e.getMessage().startsWith("horizon"), e.getMessage());
        var seq = SeaModel.generate(SeaModel.Config.stationary(Family.CONVEX, 0, 10), 0);
        e = assertThrows(IllegalArgumentException.class, () -> seq.loss(11, new double[2]));
        assertTrue(e.getMessage().startsWith("round"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SeaExperiment.learner("ons", SeaExperiment.Config.defaults()));
        assertTrue(e.getMessage().startsWith("method must be one of [optimistic-omd, omd, ogd]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SeaExperiment.Config(SeaModel.Config.defaults(), 1, 2.5));
        assertTrue(e.getMessage().startsWith("strongConvexityFactor"), e.getMessage());
    }

    @Test
    void convexGridHasTheSevenSpecRegimes() {
        var grid = SeaModel.Config.convexGrid(1000);
        assertEquals(7, grid.size());
        assertEquals(new SeaModel.Config(Family.CONVEX, 0.3, 1, 1, 1000), grid.get(6));
        assertEquals(SeaModel.Config.stationary(Family.CONVEX, 0.1, 100_000), SeaModel.Config.defaults());
    }
}
