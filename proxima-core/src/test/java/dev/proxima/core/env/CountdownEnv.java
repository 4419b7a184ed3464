package dev.proxima.core.env;

import dev.proxima.core.io.StateDict;
import dev.proxima.core.io.Stateful;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;
import dev.proxima.core.space.Discrete;
import dev.proxima.core.space.Space;
import java.util.function.ToDoubleFunction;

/**
 * A small random test env: each episode lasts 1 to 5 steps drawn from the env's generator; odd
 * lengths end by termination, even ones by truncation, so vector-env tests see both flags.
 * Observation: {@code [steps left, last action value, a random number drawn at reset]}. Rewards
 * mix the action and the step count so a wrong action or order shows up in the numbers.
 */
public final class CountdownEnv<A> implements Env<float[], A>, Stateful {
    private static final Box OBSERVATION_SPACE = Box.uniform(-10, 10, 3);

    private final Space<A> actionSpace;
    private final ToDoubleFunction<A> actionValue;
    private Rng rng;
    private int length;
    private int remaining;
    private double lastAction;
    private double noise;
    private boolean running;

    private CountdownEnv(Space<A> actionSpace, ToDoubleFunction<A> actionValue) {
        this.actionSpace = actionSpace;
        this.actionValue = actionValue;
    }

    /** Actions 0, 1, 2. */
    public static CountdownEnv<Integer> discrete() {
        return new CountdownEnv<>(new Discrete(3), a -> a);
    }

    /** One continuous action in [-1, 1]. */
    public static CountdownEnv<float[]> continuous() {
        return new CountdownEnv<>(Box.uniform(-1, 1, 1), a -> a[0]);
    }

    @Override
    public Space<float[]> observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Space<A> actionSpace() {
        return actionSpace;
    }

    @Override
    public Reset<float[]> reset(long seed) {
        rng = Rng.of(seed);
        return reset();
    }

    @Override
    public Reset<float[]> reset() {
        if (rng == null) {
            throw new IllegalStateException("countdown: call reset(seed) first");
        }
        length = 1 + rng.nextInt(5);
        remaining = length;
        lastAction = 0;
        noise = rng.nextDouble();
        running = true;
        return new Reset<>(observation());
    }

    @Override
    public Step<float[]> step(A action) {
        if (!running) {
            throw new IllegalStateException("countdown: episode over or not started");
        }
        if (!actionSpace.contains(action)) {
            throw new IllegalArgumentException("countdown: bad action");
        }
        lastAction = actionValue.applyAsDouble(action);
        remaining--;
        double reward = lastAction * 10 + remaining + noise;
        boolean ended = remaining == 0;
        running = !ended;
        return new Step<>(observation(), reward, ended && length % 2 == 1, ended && length % 2 == 0);
    }

    private float[] observation() {
        return new float[] {remaining, (float) lastAction, (float) noise};
    }

    @Override
    public String id() {
        return "Countdown-v0";
    }

    @Override
    public void saveState(StateDict out, String prefix) {
        out.putLongs(prefix + "rng", rng == null ? new long[6] : rng.state());
        out.putLongs(prefix + "ints", new long[] {rng == null ? 0 : 1, length, remaining, running ? 1 : 0});
        out.putDoubles(prefix + "doubles", new double[] {lastAction, noise});
    }

    @Override
    public void loadState(StateDict in, String prefix) {
        long[] ints = in.longs(prefix + "ints");
        rng = ints[0] == 0 ? null : Rng.of(0);
        if (rng != null) {
            rng.restore(in.longs(prefix + "rng"));
        }
        length = (int) ints[1];
        remaining = (int) ints[2];
        running = ints[3] != 0;
        double[] doubles = in.doubles(prefix + "doubles");
        lastAction = doubles[0];
        noise = doubles[1];
    }
}
