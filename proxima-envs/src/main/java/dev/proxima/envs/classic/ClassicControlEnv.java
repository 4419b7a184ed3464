package dev.proxima.envs.classic;

import dev.proxima.core.env.Env;
import dev.proxima.core.env.Reset;
import dev.proxima.core.env.Step;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.io.Stateful;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;
import dev.proxima.core.space.Discrete;
import java.util.Arrays;

/**
 * What the classic-control tasks share: the seeded generator, the reset/step order, action
 * checks whose messages name what is allowed, and saving the complete state.
 *
 * <p>Each task keeps its physical state in {@code double} and rounds to float32 only when it
 * builds an observation (or where Gymnasium itself stores float32), because that is what
 * Gymnasium's numpy code does; matching that arithmetic operation for operation is what lets the
 * reference trajectories in the fixture tests agree.
 *
 * <p>Differences from Gymnasium's call order: stepping before the first reset or after the
 * episode terminated throws {@link IllegalStateException} (Gymnasium warns and keeps going), and
 * {@link #reset()} needs an earlier {@link #reset(long)}, since we never seed from entropy.
 *
 * @param <A> action type: {@code Integer} for Discrete action spaces, {@code float[]} for Box
 */
public abstract sealed class ClassicControlEnv<A> implements Env<float[], A>, Stateful
        permits CartPole, Acrobot, MountainCar, MountainCarContinuous, Pendulum {
    private final Class<A> actionType;
    private Rng rng;
    private boolean episodeRunning;

    ClassicControlEnv(Class<A> actionType) {
        this.actionType = actionType;
    }

    @Override
    public final Reset<float[]> reset(long seed) {
        rng = Rng.of(seed);
        return begin();
    }

    @Override
    public final Reset<float[]> reset() {
        if (rng == null) {
            throw new IllegalStateException(id() + ": reset() continues the generator of an earlier reset(seed);"
                    + " call reset(seed) first");
        }
        return begin();
    }

    private Reset<float[]> begin() {
        sampleStartState(rng);
        episodeRunning = true;
        return new Reset<>(observation());
    }

    @Override
    public final Step<float[]> step(A action) {
        if (!episodeRunning) {
            throw new IllegalStateException(id() + ": " + (rng == null
                    ? "step called before reset; call reset(seed) first"
                    : "the episode has terminated; call reset() before stepping again"));
        }
        A checked = checkAction(action);
        Step<float[]> step = advance(checked);
        episodeRunning = !step.terminated();
        return step;
    }

    /** The raw physical state (length {@link #stateSize()}), e.g. {@code x, x_dot, theta, theta_dot}. */
    public final double[] state() {
        return physicalState();
    }

    /**
     * Replaces the physical state, as assigning Gymnasium's {@code env.unwrapped.state} does;
     * reference trajectories use it to start from a recorded state. Call it after a reset: it
     * does not start an episode.
     */
    public final void setState(double... state) {
        if (state == null || state.length != stateSize()) {
            throw new IllegalArgumentException(id() + ": state must hold " + stateSize() + " values ("
                    + stateDescription() + "), held " + (state == null ? "null" : state.length));
        }
        for (int i = 0; i < state.length; i++) {
            if (!Double.isFinite(state[i])) {
                throw new IllegalArgumentException(id() + ": state value " + i + " must be finite, was " + state[i]);
            }
        }
        setPhysicalState(state.clone());
    }

    /** Number of values in the physical state. */
    public abstract int stateSize();

    /** Names of the physical state's values, for messages. */
    abstract String stateDescription();

    /** Draws the start state of an episode from the env's own generator. */
    abstract void sampleStartState(Rng rng);

    /** Advances the physics by one step with an already checked action. */
    abstract Step<float[]> advance(A action);

    /** The float32 observation of the current state, a fresh array. */
    abstract float[] observation();

    abstract double[] physicalState();

    abstract void setPhysicalState(double[] state);

    private A checkAction(A action) {
        Object raw = action; // callers holding a raw or wildcard-typed Env can pass anything
        if (!actionType.isInstance(raw)) {
            throw new IllegalArgumentException(id() + ": action must be " + expectedAction() + ", was "
                    + describe(raw));
        }
        switch (actionSpace()) {
            case Discrete discrete -> {
                int a = (Integer) raw;
                if (!discrete.contains(a)) {
                    throw new IllegalArgumentException(id() + ": action " + a + " is outside " + discrete
                            + "; allowed: integers " + discrete.start() + ".." + (discrete.start() + discrete.n() - 1));
                }
            }
            case Box box -> {
                float[] a = (float[]) raw;
                if (a.length != box.flatSize()) {
                    throw new IllegalArgumentException(id() + ": action must be " + expectedAction() + ", was "
                            + describe(raw));
                }
                for (int i = 0; i < a.length; i++) {
                    if (!Float.isFinite(a[i])) {
                        throw new IllegalArgumentException(id() + ": action[" + i + "] is " + a[i]
                                + "; allowed: finite numbers, clipped into [" + box.low(i) + ", " + box.high(i) + "]");
                    }
                }
            }
        }
        return actionType.cast(raw);
    }

    private String expectedAction() {
        return switch (actionSpace()) {
            case Discrete d -> "an Integer in " + d;
            case Box b -> "a float[" + b.flatSize() + "] in " + b;
        };
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        return value instanceof float[] f ? "float[" + f.length + "] " + Arrays.toString(f)
                : value.getClass().getSimpleName() + " " + value;
    }

    @Override
    public void saveState(StateDict out, String prefix) {
        out.putLongs(prefix + "rng", rng == null ? new long[6] : rng.state());
        out.putLongs(prefix + "order", new long[] {rng == null ? 0 : 1, episodeRunning ? 1 : 0});
        out.putDoubles(prefix + "physics", physicalState());
    }

    @Override
    public void loadState(StateDict in, String prefix) {
        long[] order = in.longs(prefix + "order");
        double[] physics = in.doubles(prefix + "physics");
        if (order.length != 2 || physics.length != stateSize()) {
            throw new IllegalArgumentException(id() + ": saved state under '" + prefix + "' does not fit this env ("
                    + physics.length + " physics values, expected " + stateSize() + ")");
        }
        if (order[0] != 0) {
            if (rng == null) {
                rng = Rng.of(0);
            }
            rng.restore(in.longs(prefix + "rng"));
        } else {
            rng = null;
        }
        episodeRunning = order[1] != 0;
        setPhysicalState(physics);
    }

    /** Clamps like numpy's clip and Python's min(max(x, lo), hi): NaN stays NaN. */
    static double clip(double x, double lo, double hi) {
        return Math.min(Math.max(x, lo), hi);
    }
}
