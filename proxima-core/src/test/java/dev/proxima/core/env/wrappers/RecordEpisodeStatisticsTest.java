package dev.proxima.core.env.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.proxima.core.env.EpisodeStats;
import dev.proxima.core.env.ScriptedEnv;
import dev.proxima.core.env.Step;
import org.junit.jupiter.api.Test;

class RecordEpisodeStatisticsTest {
    @Test
    void theFinalStepCarriesReturnAndLength() {
        var env = new RecordEpisodeStatistics<>(new ScriptedEnv(new float[4], new double[] {1.5, -0.5, 2}));
        env.reset(0);
        assertFalse(env.step(0).info().containsKey(EpisodeStats.INFO_KEY));
        env.step(1);
        Step<float[]> last = env.step(0);
        assertEquals(new EpisodeStats(3.0, 3), last.info().get(EpisodeStats.INFO_KEY));
        env.reset();
        env.step(0);
        env.step(0);
        assertEquals(new EpisodeStats(3.0, 3), env.step(0).info().get(EpisodeStats.INFO_KEY));
    }

    @Test
    void countsTheTruncatingStepOfATimeLimit() {
        var env = new RecordEpisodeStatistics<>(new TimeLimit<>(new ScriptedEnv(new float[4], new double[] {1, 1, 1}), 2));
        env.reset(0);
        env.step(0);
        assertEquals(new EpisodeStats(2.0, 2), env.step(0).info().get(EpisodeStats.INFO_KEY));
    }

    @Test
    void wrappingTwiceIsReportedInsteadOfOverwriting() {
        var env = new RecordEpisodeStatistics<>(new RecordEpisodeStatistics<>(
                new ScriptedEnv(new float[2], new double[] {1})));
        env.reset(0);
        assertThrows(IllegalStateException.class, () -> env.step(0));
    }
}
