package dev.proxima.envs.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.env.Step;
import dev.proxima.envs.EnvContract;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClassicControlEnvTest {
    static Stream<Supplier<ClassicControlEnv<?>>> allEnvs() {
        return Stream.of(CartPole::new, Acrobot::new, MountainCar::new, MountainCarContinuous::new,
                MountainCarContinuous::sparse, Pendulum::new);
    }

    @ParameterizedTest
    @MethodSource("allEnvs")
    void passesTheEnvContractWithoutATimeLimit(Supplier<ClassicControlEnv<?>> factory) {
        EnvContract.check(factory);
    }

    @ParameterizedTest
    @MethodSource("allEnvs")
    void resetWithoutASeedFirstIsRefused(Supplier<ClassicControlEnv<?>> factory) {
        ClassicControlEnv<?> env = factory.get();
        IllegalStateException e = assertThrows(IllegalStateException.class, env::reset);
        assertEquals(env.id() + ": reset() continues the generator of an earlier reset(seed); call reset(seed) first",
                e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("allEnvs")
    void differentSeedsGiveDifferentStarts(Supplier<ClassicControlEnv<?>> factory) {
        ClassicControlEnv<?> env = factory.get();
        float[] a = env.reset(1).observation();
        assertFalse(Arrays.equals(a, env.reset(2).observation()), env.id());
    }

    @ParameterizedTest
    @MethodSource("allEnvs")
    void setStateChecksItsLength(Supplier<ClassicControlEnv<?>> factory) {
        ClassicControlEnv<?> env = factory.get();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.setState(1, 2, 3, 4, 5));
        assertTrue(e.getMessage().startsWith(env.id() + ": state must hold " + env.stateSize() + " values"),
                e.getMessage());
        double[] withNaN = new double[env.stateSize()];
        withNaN[0] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> env.setState(withNaN));
        assertEquals(env.id() + ": state value 0 must be finite, was NaN", e.getMessage());
    }

    @Test
    void cartPoleStartsUniformlyWithinFiveHundredths() {
        CartPole env = new CartPole();
        for (long seed = 0; seed < 200; seed++) {
            env.reset(seed);
            for (double v : env.state()) {
                assertTrue(v >= -0.05 && v < 0.05, "seed " + seed + ": " + v);
            }
        }
    }

    @Test
    void cartPolePaysOneOnTheStepThePoleFalls() {
        CartPole env = new CartPole();
        env.reset(0);
        env.setState(0, 0, 0.2, 2.0); // falling fast to the right: one push cannot save it
        Step<float[]> step = env.step(1);
        assertTrue(step.terminated());
        assertEquals(1.0, step.reward());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(1));
        assertEquals("CartPole-v1: the episode has terminated; call reset() before stepping again", e.getMessage());
    }

    @Test
    void acrobotStartsFromFloat32ValuesWithinOneTenth() {
        Acrobot env = new Acrobot();
        for (long seed = 0; seed < 200; seed++) {
            env.reset(seed);
            for (double v : env.state()) {
                assertTrue(v >= -0.1 && v <= 0.1, "seed " + seed + ": " + v);
                assertEquals((float) v, v, 0.0, "Gymnasium stores the start state as float32");
            }
        }
    }

    @Test
    void mountainCarsStartAtRestBetweenMinusSixAndFourTenths() {
        for (ClassicControlEnv<?> env : List.of(new MountainCar(), new MountainCarContinuous())) {
            for (long seed = 0; seed < 200; seed++) {
                env.reset(seed);
                double[] s = env.state();
                assertTrue(s[0] >= -0.6 && s[0] < -0.4, env.id() + " seed " + seed + ": " + s[0]);
                assertEquals(0.0, s[1]);
            }
        }
    }

    @Test
    void mountainCarContinuousKeepsFloat32StateBetweenSteps() {
        MountainCarContinuous env = new MountainCarContinuous();
        env.reset(3);
        assertNotEquals((float) env.state()[0], env.state()[0], "the start state is still float64");
        env.step(new float[] {0.5f});
        for (double v : env.state()) {
            assertEquals((float) v, v, 0.0);
        }
    }

    @Test
    void mountainCarContinuousPaysFuelOnTheUnclippedAction() {
        MountainCarContinuous env = new MountainCarContinuous();
        env.reset(0);
        assertEquals(-0.1 * 4, env.step(new float[] {2f}).reward(), 1e-15);
    }

    /** E3: same dynamics, reward 1 only on reaching x ≥ 0.45, no fuel cost, termination there. */
    @Test
    void sparseMountainCarPaysOneAtTheGoalAndNothingElse() {
        MountainCarContinuous dense = new MountainCarContinuous(), sparse = MountainCarContinuous.sparse();
        assertEquals("SparseMountainCarContinuous-v0", sparse.id());
        dense.reset(7);
        sparse.reset(7);
        assertEquals(0.0, sparse.step(new float[] {2f}).reward(), 0.0, "no fuel cost");
        dense.step(new float[] {2f});
        assertArrayEquals(dense.state(), sparse.state(), "the dynamics are the dense task's");
        sparse.setState(new double[] {0.449, 0.002});
        var goal = sparse.step(new float[] {1f});
        assertTrue(goal.terminated());
        assertEquals(1.0, goal.reward(), 0.0);
        sparse.reset(1);
        sparse.setState(new double[] {0.46, -0.0001});
        var moving = sparse.step(new float[] {-1f});
        assertTrue(moving.terminated() && moving.reward() == 1.0, "x ≥ 0.45 counts whatever the velocity");
        assertEquals(999, dev.proxima.envs.Envs.maxEpisodeSteps("SparseMountainCarContinuous-v0"));
    }

    @Test
    void pendulumStartsWithAngleInPlusMinusPiAndSpeedInPlusMinusOne() {
        Pendulum env = new Pendulum();
        boolean sawLargeAngle = false;
        for (long seed = 0; seed < 200; seed++) {
            env.reset(seed);
            double[] s = env.state();
            assertTrue(s[0] >= -Math.PI && s[0] < Math.PI, "seed " + seed + ": " + s[0]);
            assertTrue(s[1] >= -1 && s[1] < 1, "seed " + seed + ": " + s[1]);
            sawLargeAngle |= Math.abs(s[0]) > 2;
        }
        assertTrue(sawLargeAngle, "angles should cover the whole circle, not only [-1, 1]");
    }

    @Test
    void pendulumAngleNormalizationFollowsPythonsModulo() {
        assertEquals(0.0, Pendulum.angleNormalize(0.0), 0.0);
        assertEquals(0.5, Pendulum.angleNormalize(0.5 + 2 * Math.PI), 1e-12);
        assertEquals(-0.5, Pendulum.angleNormalize(-0.5 - 4 * Math.PI), 1e-12);
        assertEquals(-Math.PI, Pendulum.angleNormalize(Math.PI), 0.0); // pi wraps to -pi, as in numpy
    }

    @Test
    void pendulumRewardAtRestUpright() {
        Pendulum env = new Pendulum();
        env.reset(0);
        env.setState(0, 0);
        Step<float[]> step = env.step(new float[] {0f});
        assertEquals(-0.0, step.reward(), 0.0);
        assertArrayEquals(new float[] {1, 0, 0}, step.observation());
    }

    @Test
    void badActionMessagesNameTheActionAndWhatIsAllowed() {
        CartPole cartPole = new CartPole();
        cartPole.reset(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cartPole.step(2));
        assertEquals("CartPole-v1: action 2 is outside Discrete[n=2, start=0]; allowed: integers 0..1", e.getMessage());

        Pendulum pendulum = new Pendulum();
        pendulum.reset(0);
        e = assertThrows(IllegalArgumentException.class, () -> pendulum.step(new float[] {Float.NaN}));
        assertEquals("Pendulum-v1: action[0] is NaN; allowed: finite numbers, clipped into [-2.0, 2.0]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pendulum.step(new float[] {1, 2}));
        assertTrue(e.getMessage().startsWith("Pendulum-v1: action must be a float[1] in Box("), e.getMessage());
        assertTrue(e.getMessage().endsWith("was float[2] [1.0, 2.0]"), e.getMessage());
    }
}
