package dev.proxima.bandits.alflb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import org.junit.jupiter.api.Test;

/** Worked numbers for top-K routing and the metrics of spec §14(b). */
class RoutingTest {
    // Two tokens, three experts, K = 2, so L = K·B/N = 4/3.
    static final Routing.Batch SMALL = Routing.Batch.of(new double[][] {{0.9, 0.5, 0.2}, {0.3, 0.8, 0.6}});

    @Test
    void unbiasedSelectionTakesTheKLargestScores() {
        int[] sel = Routing.select(SMALL, null, 2, new int[4]);
        assertArrayEquals(new int[] {0, 1, 1, 2}, sel);
        assertArrayEquals(new int[] {1, 2, 1}, Routing.loads(sel, 3, new int[3]));
        assertEquals(2 / (4.0 / 3) - 1, Routing.maxViolation(new int[] {1, 2, 1}, 4.0 / 3), 1e-15); // 0.5
        assertEquals(0.9 + 0.5 + 0.8 + 0.6, Routing.greedyScore(SMALL, 2), 1e-15);
    }

    @Test
    void theBiasChangesTheSelectionButNotTheGateWeights() {
        double[] bias = {0, -0.4, 0.2}; // biased rows: (0.9, 0.1, 0.4) and (0.3, 0.4, 0.8)
        int[] sel = Routing.select(SMALL, bias, 2, new int[4]);
        assertArrayEquals(new int[] {0, 2, 2, 1}, sel);
        // retention = (0.9 + 0.2 + 0.6 + 0.8) / 2.8 = 2.5/2.8
        assertEquals(2.5 / 2.8, Routing.selectedScore(SMALL, sel, 2) / Routing.greedyScore(SMALL, 2), 1e-15);
        // gates use the unbiased s: 0.9/1.1, 0.2/1.1, 0.6/1.4, 0.8/1.4
        assertArrayEquals(new double[] {0.9 / 1.1, 0.2 / 1.1, 0.6 / 1.4, 0.8 / 1.4}, Routing.gateWeights(SMALL, sel, 2), 1e-15);
    }

    @Test
    void dualValueMatchesItsDefinition() {
        double[] bias = {0, -0.4, 0.2};
        // Σ_t top-2 of s + b = (0.9 + 0.4) + (0.8 + 0.4) = 2.5; L·Σb = (4/3)(−0.2).
        assertEquals(2.5 + (4.0 / 3) * 0.2, Routing.dualValue(SMALL, bias, 2), 1e-15);
        // Adding one constant to every b_i leaves D unchanged (Σ_i c_i = N·L).
        assertEquals(Routing.dualValue(SMALL, bias, 2), Routing.dualValue(SMALL, new double[] {0.7, 0.3, 0.9}, 2), 1e-14);
    }

    @Test
    void dualSubgradientIsLoadMinusTarget() {
        Routing.Batch batch = new SyntheticRouter(SyntheticRouter.Config.defaults().withBatchSize(64), Rng.of(5)).next();
        double[] bias = new double[16];
        int[] loads = Routing.loads(Routing.select(batch, bias, 2, new int[128]), 16, new int[16]);
        double h = 1e-7; // below the gap to the next kink of the piecewise-linear D for this batch
        for (int i = 0; i < 16; i++) {
            double[] moved = bias.clone();
            moved[i] += h;
            double slope = (Routing.dualValue(batch, moved, 2) - Routing.dualValue(batch, bias, 2)) / h;
            assertEquals(loads[i] - 8.0, slope, 1e-5, "expert " + i);
        }
    }

    @Test
    void tiesGoToTheLowerExpertIndex() {
        Routing.Batch tie = Routing.Batch.of(new double[][] {{0.5, 0.7, 0.5, 0.5}});
        assertArrayEquals(new int[] {1, 0}, Routing.select(tie, null, 2, new int[2]));
    }

    @Test
    void syntheticRouterMeansAndDeterminism() {
        var cfg = SyntheticRouter.Config.defaults();
        assertEquals(new SyntheticRouter.Config(16, 2, 1024, 1.5), cfg);
        assertEquals(128.0, cfg.targetLoad(), 0.0);
        double[] mu = cfg.means();
        assertEquals(-1.5, mu[0], 0.0);
        assertEquals(1.5, mu[15], 1e-15);
        assertEquals(0.2, mu[1] - mu[0], 1e-15);
        var a = new SyntheticRouter(cfg, Rng.of(1)).next();
        var b = new SyntheticRouter(cfg, Rng.of(1)).next();
        assertEquals(a.score(1000, 7), b.score(1000, 7), 0.0);
        assertTrue(a.score(3, 3) > 0 && a.score(3, 3) < 1);
        assertEquals(a.score(10, 2), a.slice(10, 5).score(0, 2), 0.0);
    }

    @Test
    void invalidInputsNameTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SyntheticRouter.Config(16, 16, 1024, 1.5));
        assertTrue(e.getMessage().startsWith("topK"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SyntheticRouter.Config(16, 2, 0, 1.5));
        assertTrue(e.getMessage().startsWith("batchSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Routing.select(SMALL, new double[2], 2, new int[4]));
        assertTrue(e.getMessage().startsWith("bias"), e.getMessage());
    }
}
