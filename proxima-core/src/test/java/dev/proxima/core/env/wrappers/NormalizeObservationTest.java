package dev.proxima.core.env.wrappers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.proxima.core.env.CountdownEnv;
import dev.proxima.core.env.ScriptedEnv;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.space.Box;
import org.junit.jupiter.api.Test;

class NormalizeObservationTest {
    private static ScriptedEnv oneThreeFive() {
        return new ScriptedEnv(new float[] {1, 3, 5}, new double[] {0, 0});
    }

    private static float normalized(double x, double... seen) {
        double[] stats = RunningMeanStdTest.closedForm(seen);
        return (float) ((x - stats[0]) / Math.sqrt(stats[1] + 1e-8));
    }

    @Test
    void eachObservationIsStandardizedWithStatisticsThatIncludeIt() {
        var env = new NormalizeObservation<>(oneThreeFive(), new NormalizeObservation.Config(1e-8, Double.POSITIVE_INFINITY));
        float first = env.reset(0).observation()[0];
        float second = env.step(0).observation()[0];
        float third = env.step(0).observation()[0];
        // By hand: after 1, 3, 5 the mean is 3 and the variance 8/3, so 5 maps to 2 / sqrt(8/3) = sqrt(1.5).
        assertEquals(Math.sqrt(1.5), third, 1e-3);
        // After 1, 3: mean 2, variance 1, so 3 maps to 1.
        assertEquals(1.0, second, 1e-3);
        assertEquals(normalized(1, 1), first, 1e-6);
        assertEquals(normalized(3, 1, 3), second, 1e-6);
        assertEquals(normalized(5, 1, 3, 5), third, 1e-6);
        assertEquals(3.0001, env.statistics().count(), 1e-12);
    }

    @Test
    void clipsToTheConfiguredBoundAndDeclaresItInTheSpace() {
        var env = new NormalizeObservation<>(new ScriptedEnv(new float[] {0, 0, 0, 1000}, new double[] {0, 0, 0}),
                new NormalizeObservation.Config(1e-8, 1.5));
        env.reset(0);
        env.step(0);
        env.step(0);
        assertArrayEquals(new float[] {1.5f}, env.step(0).observation());
        assertEquals(Box.uniform(-1.5f, 1.5f, 1), env.observationSpace());
    }

    @Test
    void frozenStatisticsNormalizeWithoutChanging() {
        var train = new NormalizeObservation<>(oneThreeFive());
        train.reset(0);
        train.step(0);
        train.step(0);
        var eval = new NormalizeObservation<>(oneThreeFive());
        eval.statistics().copyFrom(train.statistics());
        eval.setUpdating(false);
        double[] meanBefore = eval.statistics().mean();
        float first = eval.reset(0).observation()[0];
        assertArrayEquals(meanBefore, eval.statistics().mean());
        assertEquals(normalized(1, 1, 3, 5), first, 1e-6);
    }

    @Test
    void saveAndLoadRestoreStatisticsAndTheInnerEpisode() {
        var env = new NormalizeObservation<>(CountdownEnv.discrete());
        env.reset(1); // seed 1 gives a five-step episode
        env.step(1);
        StateDict saved = new StateDict();
        env.saveState(saved, "");
        float[] expected = env.step(2).observation();
        var restored = new NormalizeObservation<>(CountdownEnv.discrete());
        restored.loadState(saved, "");
        assertArrayEquals(expected, restored.step(2).observation());
        assertEquals(env.statistics().var(2), restored.statistics().var(2));
    }

    @Test
    void rejectsNonPositiveSettings() {
        assertThrows(IllegalArgumentException.class, () -> new NormalizeObservation.Config(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new NormalizeObservation.Config(1e-8, -1));
    }
}
