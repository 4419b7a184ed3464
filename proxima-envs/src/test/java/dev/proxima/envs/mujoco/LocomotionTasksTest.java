package dev.proxima.envs.mujoco;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.env.Env;
import dev.proxima.core.env.Step;
import dev.proxima.core.random.Rng;
import dev.proxima.envs.EnvContract;
import dev.proxima.envs.Envs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hopper, Walker2d and HalfCheetah against the Gymnasium v4 definitions. */
class LocomotionTasksTest {
    @Test
    void everyTaskPassesTheEnvContract() {
        for (String id : List.of("Hopper-v4", "Walker2d-v4", "HalfCheetah-v4")) {
            EnvContract.check(() -> Envs.make(id));
        }
    }

    @Test
    void observationAndActionSizesAndTimestepsAreTheV4Ones() {
        try (var hopper = PlanarWalker.hopper(); var walker = PlanarWalker.walker2d(); var cheetah = new HalfCheetah()) {
            assertEquals(11, hopper.observationSpace().low().length);
            assertEquals(3, hopper.actionSpace().low().length);
            assertEquals(0.008, hopper.dt(), 1e-15);
            assertEquals(17, walker.observationSpace().low().length);
            assertEquals(6, walker.actionSpace().low().length);
            assertEquals(0.008, walker.dt(), 1e-15);
            assertEquals(17, cheetah.observationSpace().low().length);
            assertEquals(6, cheetah.actionSpace().low().length);
            assertEquals(0.05, cheetah.dt(), 1e-15);
            assertEquals(1000, Envs.maxEpisodeSteps("Hopper-v4"));
        }
    }

    /** The reward is recomputed from the state: forward velocity + 1 − 1e-3 Σa² for Hopper. */
    @Test
    void hopperRewardTermsAndTerminationFollowTheState() {
        try (PlanarWalker env = PlanarWalker.hopper()) {
            env.reset(3);
            Rng rng = Rng.of(9);
            boolean terminated = false;
            for (int t = 0; t < 1000 && !terminated; t++) {
                float[] a = env.actionSpace().sample(rng);
                double x = env.data.qpos.getAtIndex(JAVA_DOUBLE, 0);
                Step<float[]> s = env.step(a);
                double velocity = (env.data.qpos.getAtIndex(JAVA_DOUBLE, 0) - x) / 0.008;
                double ctrl = 0;
                for (float v : a) ctrl += (double) v * v;
                assertEquals(velocity + 1.0 - 1e-3 * ctrl, s.reward(), 1e-12);
                assertEquals(!env.healthy(), s.terminated());
                double z = env.data.qpos.getAtIndex(JAVA_DOUBLE, 1), pitch = env.data.qpos.getAtIndex(JAVA_DOUBLE, 2);
                if (!s.terminated()) {
                    assertTrue(z > 0.7 && Math.abs(pitch) < 0.2, "healthy state z " + z + " pitch " + pitch);
                }
                terminated = s.terminated();
            }
            assertTrue(terminated, "random actions make the hopper fall within 1000 steps");
        }
    }

    @Test
    void halfCheetahNeverTerminatesAndItsRewardIsVelocityMinusControlCost() {
        try (HalfCheetah env = new HalfCheetah()) {
            env.reset(1);
            Rng rng = Rng.of(2);
            for (int t = 0; t < 300; t++) {
                float[] a = env.actionSpace().sample(rng);
                double x = env.data.qpos.getAtIndex(JAVA_DOUBLE, 0);
                Step<float[]> s = env.step(a);
                double ctrl = 0;
                for (float v : a) ctrl += (double) v * v;
                assertEquals((env.data.qpos.getAtIndex(JAVA_DOUBLE, 0) - x) / 0.05 - 0.1 * ctrl, s.reward(), 1e-12);
                assertFalse(s.terminated());
            }
        }
    }

    @Test
    void resetNoiseIsWithinTheScaleAndTheSameSeedGivesTheSameEpisode() {
        try (PlanarWalker a = PlanarWalker.hopper(); PlanarWalker b = PlanarWalker.hopper()) {
            double[] qpos0 = a.model.qpos0();
            a.reset(42);
            for (int i = 0; i < qpos0.length; i++) {
                assertTrue(Math.abs(a.data.qpos.getAtIndex(JAVA_DOUBLE, i) - qpos0[i]) <= 5e-3);
            }
            assertArrayEquals(a.reset(42).observation(), b.reset(42).observation());
            Rng ra = Rng.of(5), rb = Rng.of(5);
            for (int t = 0; t < 50; t++) {
                Step<float[]> sa = a.step(a.actionSpace().sample(ra)), sb = b.step(b.actionSpace().sample(rb));
                assertArrayEquals(sa.observation(), sb.observation());
                assertEquals(sa.reward(), sb.reward());
                if (sa.terminated()) {
                    break;
                }
            }
        }
    }

    @Test
    void badActionsAreRefusedWithTheField() {
        try (Env<float[], float[]> env = Envs.makeContinuous("Hopper-v4")) {
            env.reset(0);
            var nan = assertThrows(IllegalArgumentException.class, () -> env.step(new float[] {0, Float.NaN, 0}));
            assertTrue(nan.getMessage().contains("action[1]"), nan.getMessage());
            var size = assertThrows(IllegalArgumentException.class, () -> env.step(new float[] {0, 0}));
            assertTrue(size.getMessage().contains("float[] of 3 values"), size.getMessage());
        }
    }
}
