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

/** The MuJoCo tasks against the Gymnasium v4 definitions. */
class MuJoCoTasksTest {
    @Test
    void everyTaskPassesTheEnvContract() {
        for (String id : List.of("Hopper-v4", "Walker2d-v4", "HalfCheetah-v4", "Ant-v4", "Swimmer-v4", "Reacher-v4",
                "InvertedPendulum-v4", "InvertedDoublePendulum-v4")) {
            EnvContract.check(() -> Envs.make(id));
        }
        EnvContract.check(Ant::withContactForces);
    }

    @Test
    void observationAndActionSizesAndTimestepsAreTheV4Ones() {
        try (var hopper = PlanarWalker.hopper(); var walker = PlanarWalker.walker2d(); var cheetah = new HalfCheetah()) {
            assertEquals(11, hopper.observationSpace().low().length);
            assertEquals(3, hopper.actionBox().low().length);
            assertEquals(0.008, hopper.dt(), 1e-15);
            assertEquals(17, walker.observationSpace().low().length);
            assertEquals(6, walker.actionBox().low().length);
            assertEquals(0.008, walker.dt(), 1e-15);
            assertEquals(17, cheetah.observationSpace().low().length);
            assertEquals(6, cheetah.actionBox().low().length);
            assertEquals(0.05, cheetah.dt(), 1e-15);
            assertEquals(1000, Envs.maxEpisodeSteps("Hopper-v4"));
        }
        // Gymnasium v4 sizes and step lengths: observations, actions, dt.
        assertShape(new Ant(), 27, 8, 0.05);
        assertShape(new Swimmer(), 8, 2, 0.04);
        assertShape(new Reacher(), 11, 2, 0.02);
        assertShape(InvertedPendulum.single(), 4, 1, 0.04);
        assertShape(InvertedPendulum.twoPoles(), 11, 1, 0.05);
        try (Ant ant = Ant.withContactForces()) {
            assertEquals(111, ant.observationSpace().low().length);
            assertEquals(0.05, ant.dt(), 1e-15);
        }
    }

    private static void assertShape(MuJoCoEnv<float[]> env, int observations, int actions, double dt) {
        try (env) {
            assertEquals(observations, ((dev.proxima.core.space.Box) env.observationSpace()).low().length, env.id());
            assertEquals(actions, ((dev.proxima.core.space.Box) env.actionSpace()).low().length, env.id());
            assertEquals(dt, env.dt(), 1e-15, env.id());
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

    /** Reacher scores the state before the step: −|fingertip − target| − Σa². */
    @Test
    void reacherRewardUsesTheStateBeforeTheStep() {
        try (Reacher env = new Reacher()) {
            env.reset(4);
            int tip = env.model.requireId(MjModel.ObjectType.BODY, "fingertip");
            int target = env.model.requireId(MjModel.ObjectType.BODY, "target");
            double gx = env.data.qpos.getAtIndex(JAVA_DOUBLE, 2), gy = env.data.qpos.getAtIndex(JAVA_DOUBLE, 3);
            assertTrue(Math.hypot(gx, gy) < 0.2, "target inside the 0.2 disc");
            Rng rng = Rng.of(6);
            for (int t = 0; t < 50; t++) {
                double d2 = 0;
                for (int c = 0; c < 3; c++) {
                    double diff = env.data.xpos.getAtIndex(JAVA_DOUBLE, 3L * tip + c) - env.data.xpos.getAtIndex(JAVA_DOUBLE, 3L * target + c);
                    d2 += diff * diff;
                }
                float[] a = env.actionSpace().sample(rng);
                double ctrl = 0;
                for (float v : a) ctrl += (double) v * v;
                assertEquals(-Math.sqrt(d2) - ctrl, env.step(a).reward(), 1e-12);
            }
        }
    }

    /** Ant: x velocity of the torso + 1 − 0.5 Σa²; ends when the torso height leaves [0.2, 1]. */
    @Test
    void antRewardAndHealth() {
        try (Ant env = new Ant()) {
            env.reset(8);
            int torso = env.model.requireId(MjModel.ObjectType.BODY, "torso");
            Rng rng = Rng.of(3);
            for (int t = 0; t < 200; t++) {
                float[] a = env.actionSpace().sample(rng);
                double x = env.data.xpos.getAtIndex(JAVA_DOUBLE, 3L * torso);
                Step<float[]> s = env.step(a);
                double ctrl = 0;
                for (float v : a) ctrl += (double) v * v;
                double expected = (env.data.xpos.getAtIndex(JAVA_DOUBLE, 3L * torso) - x) / 0.05 + 1 - 0.5 * ctrl;
                assertEquals(expected, s.reward(), 1e-12);
                double z = env.data.qpos.getAtIndex(JAVA_DOUBLE, 2);
                assertEquals(!(0.2 <= z && z <= 1.0), s.terminated());
                if (s.terminated()) {
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

    /** Gymnasium's xml_file: a task on a model from disk; bad files fail with one message naming them. */
    @Test
    void aTaskRunsOnAModelFileAndBadFilesAreRefusedByName(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        String hopperXml;
        try (var in = MuJoCoTasksTest.class.getResourceAsStream("/mujoco/hopper.xml")) {
            hopperXml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.nio.file.Path same = java.nio.file.Files.writeString(tmp.resolve("hopper.xml"), hopperXml);
        try (Env<float[], float[]> fromFile = Envs.makeMuJoCo("Hopper-v4", same);
             Env<float[], float[]> shipped = Envs.makeContinuous("Hopper-v4")) {
            assertArrayEquals(shipped.reset(4).observation(), fromFile.reset(4).observation());
            float[] a = {0.3f, -0.2f, 0.1f};
            assertArrayEquals(shipped.step(a).observation(), fromFile.step(a).observation(), "the same file steps the same");
        }
        java.nio.file.Path heavy = java.nio.file.Files.writeString(tmp.resolve("low-gravity.xml"),
                hopperXml.replace("<option integrator=\"RK4\" timestep=\"0.002\"/>",
                        "<option integrator=\"RK4\" timestep=\"0.002\" gravity=\"0 0 -1\"/>"));
        try (Env<float[], float[]> moon = Envs.makeMuJoCo("Hopper-v4", heavy);
             Env<float[], float[]> shipped = Envs.makeContinuous("Hopper-v4")) {
            moon.reset(4);
            shipped.reset(4);
            float[] zero = new float[3];
            assertFalse(java.util.Arrays.equals(shipped.step(zero).observation(), moon.step(zero).observation()),
                    "the file's own physics is used");
        }
        var missing = assertThrows(MuJoCoException.class, () -> Envs.makeMuJoCo("Hopper-v4", tmp.resolve("nope.xml")));
        assertTrue(missing.getMessage().contains("nope.xml: no such file"), missing.getMessage());
        java.nio.file.Path broken = java.nio.file.Files.writeString(tmp.resolve("broken.xml"), "<mujoco><worldbody><body>");
        var bad = assertThrows(MuJoCoException.class, () -> Envs.makeMuJoCo("Hopper-v4", broken));
        assertTrue(bad.getMessage().contains("broken.xml does not compile"), bad.getMessage());
        var misfit = assertThrows(MuJoCoException.class, () -> Envs.makeMuJoCo("Reacher-v4", same));
        assertTrue(misfit.getMessage().contains("does not fit Reacher-v4"), misfit.getMessage());
        var notMuJoCo = assertThrows(IllegalArgumentException.class, () -> Envs.makeMuJoCo("Pendulum-v1", same));
        assertTrue(notMuJoCo.getMessage().contains("MuJoCo tasks only"), notMuJoCo.getMessage());
    }
}
