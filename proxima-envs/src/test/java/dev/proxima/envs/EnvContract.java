package dev.proxima.envs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.proxima.core.env.Env;
import dev.proxima.core.env.Reset;
import dev.proxima.core.env.Step;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.io.Stateful;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;
import dev.proxima.core.space.Discrete;
import dev.proxima.core.space.Space;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The behaviour every env must show, checked on fresh instances from a factory (after
 * Gymnasium's {@code check_env} and its determinism rollout test):
 *
 * <ol>
 *   <li>stepping before the first reset throws {@link IllegalStateException};</li>
 *   <li>observations, from reset and from every step, are in the observation space, and rewards
 *       are finite;</li>
 *   <li>{@code reset(seed)} is deterministic across instances and, unless the env carries
 *       statistics across episodes on purpose (normalizing wrappers), also on one instance
 *       whatever happened before;</li>
 *   <li>the same seed and actions give the same trajectory, resets included;</li>
 *   <li>stepping after an episode ended throws {@link IllegalStateException}, and reset() recovers
 *       (checked when an episode ends within {@link #MAX_STEPS} random steps);</li>
 *   <li>actions of the wrong type, size or value throw {@link IllegalArgumentException} and leave
 *       the env as it was;</li>
 *   <li>the env is {@link Stateful}, and restoring a mid-episode state, into the same or a fresh
 *       instance, continues identically, including later resets;</li>
 *   <li>{@code close()} may be called twice.</li>
 * </ol>
 */
public final class EnvContract {
    /** Random steps allowed for an episode to end; long enough for every registered time limit. */
    static final int MAX_STEPS = 1200;

    private EnvContract() {}

    /** Runs every check on envs made by {@code factory}; each call must return a new instance. */
    public static void check(Supplier<? extends Env<?, ?>> factory) {
        check(factory, false);
    }

    /**
     * The checks for envs whose observations depend on earlier episodes by design, such as
     * {@code NormalizeObservation}: a repeated {@code reset(seed)} on one instance may differ.
     */
    public static void checkCarryingStateAcrossEpisodes(Supplier<? extends Env<?, ?>> factory) {
        check(factory, true);
    }

    @SuppressWarnings("unchecked")
    private static void check(Supplier<? extends Env<?, ?>> factory, boolean carriesStateAcrossEpisodes) {
        // The checks only pass values from an env's own spaces back to it, so erasing the types is safe.
        Supplier<Env<Object, Object>> typed = (Supplier<Env<Object, Object>>) (Supplier<?>) factory;
        Env<Object, Object> first = typed.get();
        if (first == typed.get()) {
            fail("the factory must return a new env on every call");
        }
        stepBeforeResetThrows(typed);
        observationsStayInTheSpace(typed);
        seededResetIsDeterministic(typed, carriesStateAcrossEpisodes);
        sameSeedAndActionsGiveTheSameTrajectory(typed);
        stepAfterTheEndThrows(typed);
        badActionsAreRejectedWithoutEffect(typed);
        savedStateContinuesIdentically(typed);
        closeIsIdempotent(first);
    }

    private static void stepBeforeResetThrows(Supplier<Env<Object, Object>> factory) {
        Env<Object, Object> env = factory.get();
        Object action = env.actionSpace().sample(Rng.of(0));
        assertThrows(IllegalStateException.class, () -> env.step(action), env.id() + ": step before reset");
    }

    private static void observationsStayInTheSpace(Supplier<Env<Object, Object>> factory) {
        Env<Object, Object> env = factory.get();
        Rng actions = Rng.of(1);
        Space<Object> space = env.observationSpace();
        for (long seed = 0; seed < 3; seed++) {
            Object observation = env.reset(seed).observation();
            assertTrue(space.contains(observation), env.id() + ": reset observation " + show(observation)
                    + " outside " + space);
            for (int t = 0; t < MAX_STEPS; t++) {
                Step<Object> step = env.step(env.actionSpace().sample(actions));
                assertTrue(space.contains(step.observation()), env.id() + ": step " + t + " observation "
                        + show(step.observation()) + " outside " + space);
                assertTrue(Double.isFinite(step.reward()), env.id() + ": reward " + step.reward());
                if (step.done()) {
                    break;
                }
            }
        }
    }

    private static void seededResetIsDeterministic(Supplier<Env<Object, Object>> factory,
                                                   boolean carriesStateAcrossEpisodes) {
        Env<Object, Object> a = factory.get();
        Env<Object, Object> b = factory.get();
        Object first = a.reset(42).observation();
        assertEqualValues(first, b.reset(42).observation(), a.id() + ": reset(42) on two instances");
        if (carriesStateAcrossEpisodes) {
            return;
        }
        a.reset(7);
        assertEqualValues(first, a.reset(42).observation(), a.id() + ": reset(42) again on one instance");
    }

    /** Observations, rewards and flags of a run with seeded random actions, resetting when an episode ends. */
    private static List<Object> trajectory(Env<Object, Object> env, long seed, int steps) {
        List<Object> record = new ArrayList<>();
        Rng actions = Rng.of(seed * 31 + 5);
        record.add(env.reset(seed).observation());
        for (int t = 0; t < steps; t++) {
            Step<Object> step = env.step(env.actionSpace().sample(actions));
            record.add(step.observation());
            record.add(List.of(step.reward(), step.terminated(), step.truncated()));
            if (step.done()) {
                record.add(env.reset().observation());
            }
        }
        return record;
    }

    private static void sameSeedAndActionsGiveTheSameTrajectory(Supplier<Env<Object, Object>> factory) {
        Env<Object, Object> a = factory.get();
        List<Object> expected = trajectory(a, 3, 600);
        List<Object> actual = trajectory(factory.get(), 3, 600);
        assertEquals(expected.size(), actual.size(), a.id() + ": trajectory length");
        for (int i = 0; i < expected.size(); i++) {
            assertEqualValues(expected.get(i), actual.get(i), a.id() + ": trajectory entry " + i);
        }
    }

    private static void stepAfterTheEndThrows(Supplier<Env<Object, Object>> factory) {
        Env<Object, Object> env = factory.get();
        Rng actions = Rng.of(2);
        env.reset(5);
        for (int t = 0; t < MAX_STEPS; t++) {
            if (env.step(env.actionSpace().sample(actions)).done()) {
                Object action = env.actionSpace().sample(actions);
                assertThrows(IllegalStateException.class, () -> env.step(action), env.id() + ": step after the end");
                env.reset();
                assertDoesNotThrow(() -> env.step(action), env.id() + ": step after reset()");
                return;
            }
        }
        // No episode ended (e.g. Pendulum without a time limit): nothing to check.
    }

    private static void badActionsAreRejectedWithoutEffect(Supplier<Env<Object, Object>> factory) {
        Env<Object, Object> env = factory.get();
        Env<Object, Object> twin = factory.get();
        env.reset(9);
        twin.reset(9);
        List<Object> badActions = new ArrayList<>();
        Space<?> actionSpace = env.actionSpace();
        switch (actionSpace) {
            case Discrete d -> {
                badActions.add(d.start() - 1);
                badActions.add(d.start() + d.n());
                badActions.add(new float[] {0});
            }
            case Box b -> {
                badActions.add(new float[b.flatSize() + 1]);
                float[] nan = new float[b.flatSize()];
                nan[0] = Float.NaN;
                badActions.add(nan);
                badActions.add(0);
            }
        }
        badActions.add(null);
        badActions.add("left");
        for (Object bad : badActions) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(bad),
                    env.id() + ": action " + show(bad));
            assertTrue(e.getMessage() != null && e.getMessage().contains(env.id()),
                    env.id() + ": the message should name the env: " + e.getMessage());
        }
        Object good = env.actionSpace().sample(Rng.of(4));
        Step<Object> afterBad = env.step(good);
        Step<Object> clean = twin.step(good);
        assertEqualValues(clean.observation(), afterBad.observation(), env.id() + ": state after rejected actions");
        assertEquals(clean.reward(), afterBad.reward(), env.id() + ": reward after rejected actions");
    }

    private static void savedStateContinuesIdentically(Supplier<Env<Object, Object>> factory) {
        Env<Object, Object> env = factory.get();
        assertInstanceOf(Stateful.class, env, env.id() + " must implement Stateful");
        Rng actions = Rng.of(8);
        env.reset(21);
        for (int t = 0; t < 7; t++) {
            if (env.step(env.actionSpace().sample(actions)).done()) {
                env.reset();
            }
        }
        StateDict saved = new StateDict();
        ((Stateful) env).saveState(saved, "env.");
        Rng actionsAtSave = Rng.of(0);
        actionsAtSave.restore(actions.state());

        List<Object> expected = continueFor(env, actions, 300);
        Env<Object, Object> fresh = factory.get();
        ((Stateful) fresh).loadState(saved, "env.");
        Rng replay = Rng.of(0);
        replay.restore(actionsAtSave.state());
        assertTrajectoriesEqual(expected, continueFor(fresh, replay, 300), env.id() + ": restored into a fresh env");

        ((Stateful) env).loadState(saved, "env.");
        replay.restore(actionsAtSave.state());
        assertTrajectoriesEqual(expected, continueFor(env, replay, 300), env.id() + ": restored into the same env");
    }

    private static List<Object> continueFor(Env<Object, Object> env, Rng actions, int steps) {
        List<Object> record = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            Step<Object> step = env.step(env.actionSpace().sample(actions));
            record.add(step.observation());
            record.add(List.of(step.reward(), step.terminated(), step.truncated()));
            if (step.done()) {
                Reset<Object> reset = env.reset();
                record.add(reset.observation());
            }
        }
        return record;
    }

    private static void assertTrajectoriesEqual(List<Object> expected, List<Object> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": length");
        for (int i = 0; i < expected.size(); i++) {
            assertEqualValues(expected.get(i), actual.get(i), what + ": entry " + i);
        }
    }

    private static void closeIsIdempotent(Env<Object, Object> env) {
        env.reset(0);
        assertDoesNotThrow(() -> {
            env.close();
            env.close();
        }, env.id() + ": close twice");
    }

    private static void assertEqualValues(Object expected, Object actual, String what) {
        if (expected instanceof float[] e && actual instanceof float[] a) {
            assertArrayEquals(e, a, what); // bit for bit: the same seed must give the same floats
        } else if (!Objects.deepEquals(expected, actual)) {
            fail(what + ": expected " + show(expected) + " but was " + show(actual));
        }
    }

    private static String show(Object value) {
        return value instanceof float[] f ? Arrays.toString(f) : String.valueOf(value);
    }
}
