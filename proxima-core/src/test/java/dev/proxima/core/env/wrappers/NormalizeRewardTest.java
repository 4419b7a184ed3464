package dev.proxima.core.env.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.proxima.core.env.CountdownEnv;
import dev.proxima.core.env.ScriptedEnv;
import dev.proxima.core.io.StateDict;
import org.junit.jupiter.api.Test;

class NormalizeRewardTest {
    private static final NormalizeReward.Config GAMMA_HALF_UNCLIPPED =
            new NormalizeReward.Config(0.5, 1e-8, Double.POSITIVE_INFINITY);

    private static double scaled(double reward, double... returns) {
        return reward / Math.sqrt(RunningMeanStdTest.closedForm(returns)[1] + 1e-8);
    }

    @Test
    void rewardsAreDividedByTheSpreadOfTheDiscountedReturn() {
        var env = new NormalizeReward<>(new ScriptedEnv(new float[5], new double[] {1, 2, 3, 0}), GAMMA_HALF_UNCLIPPED);
        env.reset(0);
        double r1 = env.step(0).reward();
        double r2 = env.step(0).reward();
        double r3 = env.step(0).reward();
        // By hand: G = 1, then 0.5 * 1 + 2 = 2.5, then 0.5 * 2.5 + 3 = 4.25.
        assertEquals(4.25, env.discountedReturn());
        // The spread of {1, 2.5} is 0.75, so the reward 2 becomes 2 / 0.75.
        assertEquals(2 / 0.75, r2, 1e-3);
        assertEquals(scaled(1, 1), r1, 1e-9);
        assertEquals(scaled(2, 1, 2.5), r2, 1e-12);
        assertEquals(scaled(3, 1, 2.5, 4.25), r3, 1e-12);
    }

    @Test
    void terminationDropsTheEarlierReturnInTheSameUpdate() {
        var env = new NormalizeReward<>(new ScriptedEnv(new float[3], new double[] {1, 2}), GAMMA_HALF_UNCLIPPED);
        env.reset(0);
        env.step(0);
        env.step(0); // terminates: G = 1 * 0.5 * (1 - 1) + 2
        assertEquals(2.0, env.discountedReturn());
        env.reset(0);
        env.step(0); // the accumulator carries over resets, as in Gymnasium: G = 2 * 0.5 + 1
        assertEquals(2.0, env.discountedReturn());
    }

    @Test
    void defaultConfigClipsAtTenAndSignsSurvive() {
        var env = new NormalizeReward<>(new ScriptedEnv(new float[2], new double[] {-1}));
        env.reset(0);
        // The first return has a tiny spread (1e-4 prior weight), so -1 scales to about -70.7, then clips.
        assertEquals(-10.0, env.step(0).reward());
    }

    @Test
    void frozenStatisticsLeaveTheSpreadAlone() {
        var env = new NormalizeReward<>(new ScriptedEnv(new float[4], new double[] {1, 2, 3}), GAMMA_HALF_UNCLIPPED);
        env.setUpdating(false);
        env.reset(0);
        assertEquals(1 / Math.sqrt(1 + 1e-8), env.step(0).reward(), 1e-15);
        assertEquals(1e-4, env.statistics().count());
    }

    @Test
    void saveAndLoadRestoreReturnStatistics() {
        var env = new NormalizeReward<>(CountdownEnv.discrete());
        env.reset(1); // seed 1 gives a five-step episode
        env.step(1);
        StateDict saved = new StateDict();
        env.saveState(saved, "norm.");
        double expected = env.step(2).reward();
        var restored = new NormalizeReward<>(CountdownEnv.discrete());
        restored.loadState(saved, "norm.");
        assertEquals(expected, restored.step(2).reward());
    }

    @Test
    void rejectsADiscountOutsideZeroToOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NormalizeReward.Config(1.5, 1e-8, 10));
        assertEquals("gamma must be in [0.0, 1.0], was 1.5", e.getMessage());
    }
}
