package dev.proxima.core.env.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.env.CountdownEnv;
import dev.proxima.core.env.Env;
import dev.proxima.core.env.ScriptedEnv;
import dev.proxima.core.env.Step;
import dev.proxima.core.io.StateDict;
import org.junit.jupiter.api.Test;

class TimeLimitTest {
    private static ScriptedEnv fiveSteps() {
        return new ScriptedEnv(new float[6], new double[] {1, 1, 1, 1, 1});
    }

    @Test
    void truncatesOnTheStepThatReachesTheLimit() {
        var env = new TimeLimit<>(fiveSteps(), 3);
        env.reset(0);
        assertFalse(env.step(0).truncated());
        assertFalse(env.step(0).truncated());
        Step<float[]> third = env.step(0);
        assertTrue(third.truncated());
        assertFalse(third.terminated());
        assertEquals(3, env.elapsedSteps());
    }

    @Test
    void aStepThatTerminatesAtTheLimitReportsBothFlags() {
        var env = new TimeLimit<>(fiveSteps(), 5);
        env.reset(0);
        for (int i = 0; i < 4; i++) {
            env.step(0);
        }
        Step<float[]> last = env.step(0);
        assertTrue(last.terminated());
        assertTrue(last.truncated());
    }

    @Test
    void refusesToStepPastTheLimitEvenThoughTheInnerEnvWould() {
        var env = new TimeLimit<>(fiveSteps(), 1);
        env.reset(0);
        env.step(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
        assertEquals("Scripted-v0 (TimeLimit): the episode has ended; call reset() before stepping again", e.getMessage());
        env.reset();
        assertEquals(0, env.elapsedSteps());
        env.step(0);
    }

    @Test
    void stepBeforeResetThrows() {
        var env = new TimeLimit<>(fiveSteps(), 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
        assertEquals("Scripted-v0 (TimeLimit): step called before reset; call reset(seed) first", e.getMessage());
    }

    @Test
    void savedStateKeepsTheStepCountAndTheInnerEnvUnderEnvPrefix() {
        var env = new TimeLimit<>(CountdownEnv.discrete(), 50);
        env.reset(11);
        env.step(0);
        StateDict saved = new StateDict();
        env.saveState(saved, "tl.");
        assertTrue(saved.contains("tl.elapsed_steps"));
        assertTrue(saved.contains("tl.env.rng"));
        var restored = new TimeLimit<>(CountdownEnv.discrete(), 50);
        restored.loadState(saved, "tl.");
        assertEquals(1, restored.elapsedSteps());
    }

    @Test
    void savingOverANonStatefulEnvNamesIt() {
        var env = new TimeLimit<>(fiveSteps(), 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.saveState(new StateDict(), ""));
        assertTrue(e.getMessage().contains("does not implement Stateful"), e.getMessage());
    }

    @Test
    void unwrapFindsTheInnermostEnv() {
        ScriptedEnv inner = fiveSteps();
        Env<float[], Integer> stacked = new RecordEpisodeStatistics<>(new TimeLimit<>(inner, 2));
        assertSame(inner, EnvWrapper.unwrap(stacked));
        assertSame(inner, EnvWrapper.unwrap(inner));
    }

    @Test
    void rejectsANonPositiveLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TimeLimit<>(fiveSteps(), 0));
        assertEquals("maxEpisodeSteps must be > 0, was 0", e.getMessage());
    }
}
