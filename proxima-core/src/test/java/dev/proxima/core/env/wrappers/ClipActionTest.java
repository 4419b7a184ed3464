package dev.proxima.core.env.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.env.CountdownEnv;
import dev.proxima.core.env.Env;
import dev.proxima.core.env.ScriptedEnv;
import dev.proxima.core.space.Box;
import org.junit.jupiter.api.Test;

class ClipActionTest {
    @Test
    void actionsOutsideTheBoundsReachTheEnvClipped() {
        var env = new ClipAction<>(CountdownEnv.continuous());
        env.reset(5);
        // CountdownEnv reports the action it received in observation feature 1.
        assertEquals(1.0f, env.step(new float[] {7.5f}).observation()[1]);
        env.reset(5);
        assertEquals(-1.0f, env.step(new float[] {-3f}).observation()[1]);
        env.reset(5);
        assertEquals(0.25f, env.step(new float[] {0.25f}).observation()[1]);
    }

    @Test
    void declaresAnUnboundedSpaceOfTheSameSize() {
        var env = new ClipAction<>(CountdownEnv.continuous());
        assertEquals(Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 1), env.actionSpace());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void wrongTypesAndSizesAreRejectedByName() {
        var env = new ClipAction<>(CountdownEnv.continuous());
        env.reset(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(new float[2]));
        assertEquals("Countdown-v0: action must be a float[1], was float[2]", e.getMessage());
        Env raw = env;
        e = assertThrows(IllegalArgumentException.class, () -> raw.step(3));
        assertTrue(e.getMessage().endsWith("was Integer"), e.getMessage());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void needsABoxActionSpace() {
        Env discrete = new ScriptedEnv(new float[2], new double[] {0});
        assertThrows(IllegalArgumentException.class, () -> new ClipAction<>(discrete));
    }
}
