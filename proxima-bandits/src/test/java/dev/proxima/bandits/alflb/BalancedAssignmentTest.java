package dev.proxima.bandits.alflb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import org.junit.jupiter.api.Test;

/** The exact balanced optimum: worked example, simplex cross-check and weak duality. */
class BalancedAssignmentTest {

    @Test
    void smallExampleMovesTheCheapestTokens() {
        // N = 2, K = 1, L = 2; greedy puts all four tokens on expert 0. Moving a token costs
        // s_0 − s_1: 0.8, 0.2, 0.1, 0.5, so tokens 2 and 1 move. Score 0.9 + 0.4 + 0.45 + 0.8 = 2.55.
        var batch = Routing.Batch.of(new double[][] {{0.9, 0.1}, {0.6, 0.4}, {0.55, 0.45}, {0.8, 0.3}});
        var a = BalancedAssignment.solve(batch, 1);
        assertArrayEquals(new int[] {0, 1, 1, 0}, a.selected());
        assertArrayEquals(new int[] {2, 2}, a.loads());
        assertEquals(2.55, a.score(), 1e-15);
        assertEquals(2.55, BalancedAssignment.linearProgram(batch, 1), 1e-9);
    }

    @Test
    void minCostFlowMatchesTheSimplexSolverOnSubBatches() {
        // Spec §14(b): the LP with commons-math3 on a 64-token sub-batch (L = 8); also 32 (L = 4).
        var batch = new SyntheticRouter(SyntheticRouter.Config.defaults(), Rng.of(3)).next();
        for (int size : new int[] {32, 64}) {
            var sub = batch.slice(0, size);
            var flow = BalancedAssignment.solve(sub, 2);
            assertEquals(BalancedAssignment.linearProgram(sub, 2), flow.score(), 1e-9, "sub-batch " + size);
            for (int c : flow.loads()) assertEquals(size / 8, c);
        }
    }

    @Test
    void theDualValueBoundsTheOptimumFromAbove() {
        var batch = new SyntheticRouter(SyntheticRouter.Config.defaults(), Rng.of(4)).next();
        var opt = BalancedAssignment.solve(batch, 2);
        int[] loads = Routing.loads(opt.selected(), 16, new int[16]);
        for (int c : loads) assertEquals(128, c);
        Rng rng = Rng.of(9);
        for (int trial = 0; trial < 20; trial++) {
            double[] b = new double[16];
            for (int i = 0; i < 16; i++) b[i] = rng.uniform(-0.5, 0.5);
            assertTrue(Routing.dualValue(batch, b, 2) >= opt.score() - 1e-9, "weak duality, trial " + trial);
        }
        // The balanced optimum keeps less than the unconstrained greedy score.
        assertTrue(opt.score() < Routing.greedyScore(batch, 2));
    }

    @Test
    void rejectsBatchesWithoutAnIntegralTarget() {
        var batch = Routing.Batch.of(new double[][] {{0.1, 0.2, 0.3}});
        var e = assertThrows(IllegalArgumentException.class, () -> BalancedAssignment.solve(batch, 1));
        assertTrue(e.getMessage().startsWith("K·B must be divisible by N"), e.getMessage());
    }
}
