package dev.proxima.bandits.lsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.proxima.core.random.Rng;
import org.junit.jupiter.api.Test;

/** The rounding policy of spec §5(a): pattern frequencies, hand-solved runs, determinism. */
class VirtualScheduleRoundingTest {
    @Test
    void patternsAreDrawnInProportionToTheirFrequency() {
        // One arm, τ_max = 2, A_max = 3: x(1,1) = 0.2, x(3,2) = 0.05, y = 0.1, so own time
        // 0.4 + 0.25 + 0.1 = 0.75 and slack 0.25. Drawn ∝ frequency, patterns renew 0.6 times a
        // round and the arm wants to pull Σ a·x + y = 0.2 + 0.15 + 0.1 = 0.45 of the rounds.
        // (Drawn ∝ time share it would be 1.25 / 2.4 ≈ 0.52.)
        double[][][] blocks = new double[1][3][2];
        blocks[0][0][0] = 0.2;
        blocks[0][2][1] = 0.05;
        BlockLp.Solution plan = new BlockLp.Solution(Double.NaN, blocks, new double[] {0.1}, 2);
        assertEquals(0.25, plan.slack(0), 1e-12);
        assertEquals(0.45, plan.pullRate(0), 1e-12);
        VirtualScheduleRounding policy = new VirtualScheduleRounding(LsdFixtures.oneArm(), plan, Rng.of(3));
        int rounds = 400_000, wanting = 0;
        for (int t = 0; t < rounds; t++) {
            if (policy.wantsPull(0)) wanting++;
            policy.advance();
        }
        assertEquals(0.45, (double) wanting / rounds, 0.005);
    }

    @Test
    void oneArmIsAlwaysPlayedWhateverThePlanSays() {
        // The plan rests half the time, but a round without a wish is filled greedily, and with one
        // arm that is the arm: pulls at −2, 1, then 2 forever. Over 1 000 rounds:
        // (0.9 + 0.4 + 998·0.1) / 1000 = 0.1011.
        LsdModel model = LsdFixtures.oneArm();
        double average = VirtualScheduleRounding.averageReward(model, BlockLp.solve(model), 1_000, Rng.of(1));
        assertEquals(0.1011, average, 1e-12);
    }

    @Test
    void twoArmRoundingAlternatesWhateverTheOffsets() {
        // Both arms follow "idle 1, pull 1". If their offsets differ they alternate outright. If
        // they coincide, a conflict round goes to the better current arm and the next round is a
        // greedy fill that picks the rested other arm: A (.8), B (.6), A, B … either way. So every
        // even horizon averages exactly 0.7, the optimum.
        LsdModel model = LsdFixtures.twoArms();
        BlockLp.Solution plan = BlockLp.solve(model);
        for (int seed = 0; seed < 10; seed++) {
            assertEquals(0.7, VirtualScheduleRounding.averageReward(model, plan, 1_000, Rng.of(seed)), 1e-12);
        }
    }

    @Test
    void regressionInstanceRoundsToAlwaysPullingTheGoodArm() {
        LsdModel model = LsdInstances.steadyPatternRegression();
        assertEquals(1.0, VirtualScheduleRounding.averageReward(model, BlockLp.solve(model), 5_000, Rng.of(9)), 1e-12);
    }

    @Test
    void conflictsGoToTheBestCurrentArm() {
        // Plan: both arms always want to pull (steady y = 1/2 each, no slack). The real states
        // decide: from (−1, −1) arm 0 pays .8 > .6; from (1, −1) arm 1 pays .6 > .2.
        LsdModel model = LsdFixtures.twoArms();
        BlockLp.Solution plan = new BlockLp.Solution(Double.NaN, new double[2][3][1], new double[] {1.0, 1.0}, 1);
        VirtualScheduleRounding policy = new VirtualScheduleRounding(model, plan, Rng.of(0));
        assertEquals(0, policy.choose(new int[] {-1, -1}));
        assertEquals(1, policy.choose(new int[] {1, -1}));
    }

    @Test
    void sameSeedGivesBitIdenticalRuns() {
        LsdModel model = LsdInstances.standard(1);
        BlockLp.Solution plan = BlockLp.solve(model);
        double a = VirtualScheduleRounding.averageReward(model, plan, 20_000, Rng.of(1001));
        double b = VirtualScheduleRounding.averageReward(model, plan, 20_000, Rng.of(1001));
        assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b));
    }

    @Test
    void aPlanForAnotherShapeIsRejected() {
        BlockLp.Solution plan = BlockLp.solve(LsdFixtures.twoArms());
        assertThrows(IllegalArgumentException.class,
                () -> new VirtualScheduleRounding(LsdInstances.standard(0), plan, Rng.of(0)));
    }
}
