package dev.proxima.rl.common;

import dev.proxima.core.io.StateDict;
import dev.proxima.core.io.Stateful;
import dev.proxima.core.random.Rng;
import java.util.Arrays;

/**
 * Off-policy experience: a ring buffer of transitions {@code (s, a, r, s', terminated)} with
 * float observations and continuous actions, allocated once at full capacity. When full, the
 * oldest transition is overwritten. Sampling is uniform with replacement, as in SB3's and
 * CleanRL's buffers, and writes into a caller-owned {@link Batch}, so the training loop
 * allocates nothing.
 *
 * <p>{@code terminated} marks a true terminal state (no bootstrap from {@code s'}); a transition
 * cut by a time limit is stored with {@code terminated = false} and its real final observation
 * as {@code s'}, so the critic bootstraps through truncation (SB3's
 * {@code handle_timeout_termination}).
 *
 * <p>Saved and restored whole ({@link Stateful}), so a resumed run samples exactly what an
 * uninterrupted one would. Single-threaded.
 */
public final class ReplayBuffer implements Stateful {
    public final int capacity;
    public final int observationSize;
    public final int actionSize;
    private final float[] observations, nextObservations, actions, rewards;
    private final boolean[] terminated;
    private int next;
    private int size;

    /** A sampled minibatch, row-major: row {@code i} of {@code observations} is {@code [i*obs, (i+1)*obs)}. */
    public static final class Batch {
        public final int size;
        public final float[] observations, nextObservations, actions, rewards, notTerminated;

        public Batch(int size, int observationSize, int actionSize) {
            this.size = size;
            this.observations = new float[size * observationSize];
            this.nextObservations = new float[size * observationSize];
            this.actions = new float[size * actionSize];
            this.rewards = new float[size];
            this.notTerminated = new float[size];
        }
    }

    public ReplayBuffer(int capacity, int observationSize, int actionSize) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be ≥ 1, was " + capacity);
        }
        if (observationSize < 1 || actionSize < 1) {
            throw new IllegalArgumentException("observationSize and actionSize must be ≥ 1, were " + observationSize + " and "
                    + actionSize);
        }
        long floats = (long) capacity * (2L * observationSize + actionSize + 1);
        if (floats > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a replay buffer of " + capacity + " transitions of " + observationSize
                    + " observations is too large for one array; lower the capacity");
        }
        this.capacity = capacity;
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        this.observations = new float[capacity * observationSize];
        this.nextObservations = new float[capacity * observationSize];
        this.actions = new float[capacity * actionSize];
        this.rewards = new float[capacity];
        this.terminated = new boolean[capacity];
    }

    /** Stores one transition (the arrays are copied). */
    public void add(float[] observation, float[] action, double reward, float[] nextObservation, boolean isTerminal) {
        if (observation.length != observationSize || nextObservation.length != observationSize
                || action.length != actionSize) {
            throw new IllegalArgumentException("transition sizes " + observation.length + "/" + action.length + "/"
                    + nextObservation.length + " do not match the buffer's " + observationSize + "/" + actionSize);
        }
        System.arraycopy(observation, 0, observations, next * observationSize, observationSize);
        System.arraycopy(nextObservation, 0, nextObservations, next * observationSize, observationSize);
        System.arraycopy(action, 0, actions, next * actionSize, actionSize);
        rewards[next] = (float) reward;
        terminated[next] = isTerminal;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /** Transitions stored (at most {@link #capacity}). */
    public int size() {
        return size;
    }

    /** Fills {@code out} with {@code out.size} transitions drawn uniformly with replacement. */
    public void sample(Rng rng, Batch out) {
        if (size == 0) {
            throw new IllegalStateException("cannot sample from an empty replay buffer");
        }
        for (int i = 0; i < out.size; i++) {
            int j = rng.nextInt(size);
            System.arraycopy(observations, j * observationSize, out.observations, i * observationSize, observationSize);
            System.arraycopy(nextObservations, j * observationSize, out.nextObservations, i * observationSize, observationSize);
            System.arraycopy(actions, j * actionSize, out.actions, i * actionSize, actionSize);
            out.rewards[i] = rewards[j];
            out.notTerminated[i] = terminated[j] ? 0f : 1f;
        }
    }

    @Override
    public void saveState(StateDict out, String prefix) {
        out.putLongs(prefix + "position", new long[] {next, size, capacity, observationSize, actionSize});
        out.putFloats(prefix + "observations", Arrays.copyOf(observations, size * observationSize));
        out.putFloats(prefix + "next_observations", Arrays.copyOf(nextObservations, size * observationSize));
        out.putFloats(prefix + "actions", Arrays.copyOf(actions, size * actionSize));
        out.putFloats(prefix + "rewards", Arrays.copyOf(rewards, size));
        float[] flags = new float[size];
        for (int i = 0; i < size; i++) flags[i] = terminated[i] ? 1f : 0f;
        out.putFloats(prefix + "terminated", flags);
    }

    @Override
    public void loadState(StateDict in, String prefix) {
        long[] position = in.longs(prefix + "position");
        if (position.length != 5 || position[2] != capacity || position[3] != observationSize || position[4] != actionSize) {
            throw new IllegalArgumentException("saved replay buffer under '" + prefix + "' has capacity/observation/action "
                    + (position.length == 5 ? position[2] + "/" + position[3] + "/" + position[4] : "?")
                    + ", this one " + capacity + "/" + observationSize + "/" + actionSize);
        }
        int n = (int) position[1];
        System.arraycopy(in.floats(prefix + "observations"), 0, observations, 0, n * observationSize);
        System.arraycopy(in.floats(prefix + "next_observations"), 0, nextObservations, 0, n * observationSize);
        System.arraycopy(in.floats(prefix + "actions"), 0, actions, 0, n * actionSize);
        System.arraycopy(in.floats(prefix + "rewards"), 0, rewards, 0, n);
        float[] flags = in.floats(prefix + "terminated");
        for (int i = 0; i < n; i++) terminated[i] = flags[i] != 0f;
        next = (int) position[0];
        size = n;
    }
}
