package dev.proxima.bandits.lsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The block-pattern LP of spec §5(a): block rewards, hand-solved instances, the steady-state regression. */
class BlockLpTest {
    @Test
    void defaultsMatchTheSpec() {
        BlockLp.Config config = BlockLp.Config.defaults();
        assertEquals(3, config.maxRunFactor()); // A_max = 3·τ_max
        assertTrue(config.steadyState());
        assertEquals(9, config.maxRun(3));
    }

    @Test
    void configRejectsValuesOutsideTheirRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BlockLp.Config(0, true, 10, 0));
        assertTrue(e.getMessage().startsWith("maxRunFactor"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BlockLp.Config(3, true, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BlockLp.Config(3, true, 10, 1e-3));
    }

    @Test
    void blockRewardIsTheFirstPullAfterRestPlusTheRunThatFollows() {
        LsdModel model = LsdFixtures.threeArms(); // arm 0: idle .3 .5 .7, play .25 .2 .1
        // R(1, 2) = μ(−2) = 0.5
        assertEquals(0.5, BlockLp.blockReward(model, 0, 1, 2), 1e-12);
        // R(4, 3) = μ(−3) + μ(1) + μ(2) + μ(3) = 0.7 + 0.25 + 0.2 + 0.1 = 1.25
        assertEquals(1.25, BlockLp.blockReward(model, 0, 4, 3), 1e-12);
        // R(9, 1) = μ(−1) + μ(1) + μ(2) + 6·μ(3) = 0.3 + 0.25 + 0.2 + 0.6 = 1.35 (runs stay at the cap)
        assertEquals(1.35, BlockLp.blockReward(model, 0, 9, 1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> BlockLp.blockReward(model, 0, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> BlockLp.blockReward(model, 0, 0, 1));
    }

    @Test
    void oneArmLpIsTheBestBlockRatio() {
        // With one arm only the own-time row binds, so the LP picks the block with the best
        // R(a,b)/(a+b): (1,2) .9/3 = .3, (2,1) .9/3 = .3, (2,2) 1.3/4 = .325, (3,2) 1.4/5 = .28,
        // and steady play pays μ(2) = .1. Optimum x(2,2) = 1/4, value 13/40. It leaves half the
        // rounds without a pull, which one real arm cannot do: the bound is loose here (DP = 0.1).
        BlockLp.Solution s = BlockLp.solve(LsdFixtures.oneArm());
        assertEquals(0.325, s.value(), 1e-12);
        assertEquals(0.25, s.block(0, 2, 2), 1e-12);
        assertEquals(0.0, s.steady(0), 1e-12);
        assertEquals(0.0, s.slack(0), 1e-12);
        assertEquals(0.5, s.pullRate(0), 1e-12);
        assertEquals(6, s.maxRun());
    }

    @Test
    void twoArmLpAlternatesTheRestedArms() {
        // Primal: x_A(1,1) = x_B(1,1) = 1/2 is feasible (pulls 1, own time 1 each) with value
        // .8/2 + .6/2 = 0.7. Dual certificate: pull price λ = .5, own-time prices ν_A = .15, ν_B = .05
        // price every column at or above its reward (e.g. x_B(2,1): 1.1 ≤ 2·.5 + 3·.05 = 1.15;
        // y_B: .5 ≤ .5 + .05) and sum to 0.7, so 0.7 is optimal. Both prices of the rows are
        // positive and only the two (1,1) columns are tight, so the optimum is unique.
        BlockLp.Solution s = BlockLp.solve(LsdFixtures.twoArms());
        assertEquals(0.7, s.value(), 1e-12);
        assertEquals(0.5, s.block(0, 1, 1), 1e-12);
        assertEquals(0.5, s.block(1, 1, 1), 1e-12);
        assertEquals(0.0, s.steady(0) + s.steady(1), 1e-12);
    }

    @Test
    void steadyStateVariableMakesAlwaysPullingRepresentable() {
        // Spec §5(c): arm 0 pays 1 in every state, arm 1 pays 0; always pulling arm 0 earns 1.
        LsdModel model = LsdInstances.steadyPatternRegression();
        BlockLp.Solution with = BlockLp.solve(model);
        assertEquals(1.0, with.value(), 1e-9);
        assertEquals(1.0, with.pullRate(0), 1e-9);
        // Without y the best block is (9, 1): 9 pulls per 10 rounds, value 0.9 < optimum 1.
        BlockLp.Solution without = BlockLp.solve(model, BlockLp.Config.defaults().withSteadyState(false));
        assertEquals(0.9, without.value(), 1e-9);
        assertEquals(0.1, without.block(0, 9, 1), 1e-9);
        assertEquals(0.0, without.steady(0));
        assertEquals(1.0, LsdOptimum.solve(model).gain(), 1e-12);
        assertTrue(without.value() < LsdOptimum.solve(model).gain() - 0.05);
    }

    @Test
    void solutionsAreFeasibleAndTheirValueIsTheObjective() {
        for (int j = 0; j < 15; j++) {
            LsdModel model = LsdInstances.standard(j);
            BlockLp.Solution s = BlockLp.solve(model);
            double pulls = 0, value = 0;
            for (int i = 0; i < 3; i++) {
                double own = s.steady(i);
                value += s.steady(i) * model.playMean(i, 3);
                for (int a = 1; a <= 9; a++) {
                    for (int b = 1; b <= 3; b++) {
                        double x = s.block(i, a, b);
                        assertTrue(x >= 0);
                        own += (a + b) * x;
                        value += x * BlockLp.blockReward(model, i, a, b);
                    }
                }
                assertTrue(own <= 1 + 1e-9, "instance " + j + " arm " + i + " own time " + own);
                assertEquals(1 - own, s.slack(i), 1e-9);
                pulls += s.pullRate(i);
            }
            assertTrue(pulls <= 1 + 1e-9, "instance " + j + " pulls " + pulls);
            assertEquals(value, s.value(), 1e-12);
        }
    }
}
