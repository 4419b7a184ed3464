package dev.proxima.core.env.vector;

import dev.proxima.core.env.AutoresetMode;
import dev.proxima.core.env.Env;
import dev.proxima.core.env.EpisodeStats;
import dev.proxima.core.env.Reset;
import dev.proxima.core.env.Step;
import dev.proxima.core.env.VectorEnv;
import dev.proxima.core.env.VectorStep;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.io.Stateful;
import dev.proxima.core.space.Box;
import dev.proxima.core.space.Discrete;
import dev.proxima.core.space.Space;
import dev.proxima.core.util.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A vector env whose sub-envs are objects in this JVM: everything except who steps which
 * sub-env. That covers action checks, stepping one sub-env with the chosen autoreset mode,
 * copying its results into the {@link VectorStep}, and saving state.
 *
 * <p>{@link SyncVectorEnv} and {@link ThreadedVectorEnv} differ only in who calls {@link
 * #stepRange} for which indices, so their results cannot differ. Every method that touches one
 * index touches only that index's slots, which is what makes disjoint ranges safe to run on
 * different threads.
 *
 * <p>Actions are checked for all sub-envs before any is stepped, so a bad action leaves every
 * sub-env untouched. {@link #resetAt} is allowed in every mode (not only DISABLED); it clears
 * any pending autoreset of that sub-env.
 *
 * <p>A continuous action reaches its sub-env in an array this class reuses on every step (so a
 * rollout allocates nothing here); an env must not keep a reference to its action array.
 */
abstract sealed class InProcessVectorEnv implements VectorEnv, Stateful permits SyncVectorEnv, ThreadedVectorEnv {
    private final List<Env<float[], Object>> envs;
    private final AutoresetMode mode;
    private final Box observationSpace;
    private final Space<?> actionSpace;
    private final int observationSize;
    /** Reused action objects, one per sub-env: Integer for Discrete, float[] for Box. */
    private final Object[] stagedActions;
    private final float[][] continuousActions;
    /**
     * NEXT_STEP: the sub-env ended at the previous step and is reset by the next one.
     * DISABLED: the sub-env ended and must be reset with resetAt before it can step.
     */
    private final boolean[] endedAtPreviousStep;
    private boolean started;
    private boolean closed;

    @SuppressWarnings("unchecked")
    InProcessVectorEnv(List<? extends Env<float[], ?>> envs, AutoresetMode mode) {
        if (envs == null || envs.isEmpty()) {
            throw new IllegalArgumentException("a vector env needs at least one sub-env");
        }
        if (mode == null) {
            throw new IllegalArgumentException("autoreset mode must be one of NEXT_STEP, SAME_STEP, DISABLED, was null");
        }
        this.mode = mode;
        this.envs = new ArrayList<>(envs.size());
        for (Env<float[], ?> env : envs) {
            // The action type matches actionSpace, which every staged action is checked against.
            this.envs.add((Env<float[], Object>) env);
        }
        Env<float[], Object> first = this.envs.getFirst();
        if (!(first.observationSpace() instanceof Box box)) {
            throw new IllegalArgumentException("vector envs need a Box observation space, " + first.id() + " has "
                    + first.observationSpace());
        }
        this.observationSpace = box;
        this.actionSpace = first.actionSpace();
        for (int i = 1; i < this.envs.size(); i++) {
            Env<float[], Object> env = this.envs.get(i);
            if (!observationSpace.equals(env.observationSpace()) || !actionSpace.equals(env.actionSpace())) {
                throw new IllegalArgumentException("sub-env " + i + " (" + env.id() + ") has spaces "
                        + env.observationSpace() + " / " + env.actionSpace() + " but sub-env 0 (" + first.id()
                        + ") has " + observationSpace + " / " + actionSpace + "; all sub-envs must share them");
            }
        }
        this.observationSize = observationSpace.flatSize();
        int n = this.envs.size();
        this.stagedActions = new Object[n];
        this.continuousActions = new float[n][];
        if (actionSpace instanceof Box actionBox) {
            for (int i = 0; i < n; i++) {
                continuousActions[i] = new float[actionBox.flatSize()];
                stagedActions[i] = continuousActions[i];
            }
        }
        this.endedAtPreviousStep = new boolean[n];
    }

    /** {@code numEnvs} sub-envs made by {@code factory.apply(i)}. */
    static List<Env<float[], ?>> build(IntFunction<? extends Env<float[], ?>> factory, int numEnvs) {
        Checks.positive(numEnvs, "numEnvs");
        List<Env<float[], ?>> envs = new ArrayList<>(numEnvs);
        for (int i = 0; i < numEnvs; i++) {
            envs.add(factory.apply(i));
        }
        return envs;
    }

    /** Runs {@link #resetRange} over all sub-envs. */
    abstract void resetAll(long seed, VectorStep out);

    /** Runs {@link #stepRange} over all sub-envs with the staged actions. */
    abstract void stepAll(VectorStep out);

    @Override
    public final int numEnvs() {
        return envs.size();
    }

    @Override
    public final Box singleObservationSpace() {
        return observationSpace;
    }

    @Override
    public final Space<?> singleActionSpace() {
        return actionSpace;
    }

    @Override
    public final AutoresetMode autoresetMode() {
        return mode;
    }

    @Override
    public final void reset(long seed, VectorStep out) {
        requireOpen();
        requireOutput(out);
        resetAll(seed, out);
        started = true;
    }

    @Override
    public final void step(int[] actions, VectorStep out) {
        requireOutput(out);
        stageDiscrete(actions);
        out.clearEpisodeInfo();
        stepAll(out);
    }

    @Override
    public final void step(float[] actions, VectorStep out) {
        requireOutput(out);
        stageContinuous(actions);
        out.clearEpisodeInfo();
        stepAll(out);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this vector env of " + envs.getFirst().id() + " is closed");
        }
    }

    private void requireOutput(VectorStep out) {
        if (out == null || out.numEnvs != envs.size() || out.observationSize != observationSize) {
            throw new IllegalArgumentException("output buffer must be sized for " + envs.size() + " envs x "
                    + observationSize + " observation features (use newStep()), was "
                    + (out == null ? "null" : out.numEnvs + " x " + out.observationSize));
        }
    }

    /** Checks the discrete actions of every sub-env and stages them for {@link #stepRange}. */
    private void stageDiscrete(int[] actions) {
        requireStartedAndSteppable();
        if (!(actionSpace instanceof Discrete discrete)) {
            throw new IllegalArgumentException(envs.getFirst().id() + " has the continuous action space "
                    + actionSpace + "; call step(float[] actions) with numEnvs * " + actionSpace.flatSize() + " values");
        }
        if (actions == null || actions.length != envs.size()) {
            throw new IllegalArgumentException("actions must hold one action per sub-env (" + envs.size()
                    + "), held " + (actions == null ? "null" : actions.length));
        }
        int lo = discrete.start();
        int hi = discrete.start() + discrete.n() - 1;
        for (int i = 0; i < actions.length; i++) {
            if (actions[i] < lo || actions[i] > hi) {
                throw new IllegalArgumentException("action " + actions[i] + " of sub-env " + i + " is outside "
                        + discrete + "; allowed: integers " + lo + ".." + hi);
            }
        }
        for (int i = 0; i < actions.length; i++) {
            stagedActions[i] = actions[i]; // boxes through Integer.valueOf's cache for small action sets
        }
    }

    /** Checks the continuous actions ({@code actions[i * size + j]}) and stages them for {@link #stepRange}. */
    private void stageContinuous(float[] actions) {
        requireStartedAndSteppable();
        if (!(actionSpace instanceof Box)) {
            throw new IllegalArgumentException(envs.getFirst().id() + " has the discrete action space "
                    + actionSpace + "; call step(int[] actions) with one action per sub-env");
        }
        int size = actionSpace.flatSize();
        if (actions == null || actions.length != envs.size() * size) {
            throw new IllegalArgumentException("actions must hold numEnvs * actionSize = " + envs.size() + " * "
                    + size + " values, held " + (actions == null ? "null" : actions.length));
        }
        for (int k = 0; k < actions.length; k++) {
            if (!Float.isFinite(actions[k])) {
                throw new IllegalArgumentException("action " + (k % size) + " of sub-env " + (k / size)
                        + " is " + actions[k] + "; allowed: finite numbers (space " + actionSpace + ")");
            }
        }
        for (int i = 0; i < envs.size(); i++) {
            System.arraycopy(actions, i * size, continuousActions[i], 0, size);
        }
    }

    private void requireStartedAndSteppable() {
        requireOpen();
        if (!started) {
            throw new IllegalStateException("step called before reset; call reset(seed, out) first");
        }
        if (mode == AutoresetMode.DISABLED) {
            for (int i = 0; i < endedAtPreviousStep.length; i++) {
                if (endedAtPreviousStep[i]) {
                    throw new IllegalStateException("sub-env " + i + " ended its episode at the previous step;"
                            + " with AutoresetMode.DISABLED call resetAt(" + i + ", out) before stepping");
                }
            }
        }
    }

    /** Steps sub-envs {@code from..to-1} with the staged actions. The caller cleared the episode info. */
    final void stepRange(int from, int to, VectorStep out) {
        for (int i = from; i < to; i++) {
            stepOne(i, out);
        }
    }

    private void stepOne(int i, VectorStep out) {
        Env<float[], Object> env = envs.get(i);
        if (mode == AutoresetMode.NEXT_STEP && endedAtPreviousStep[i]) {
            copyObservation(env.reset().observation(), out.observations, i);
            out.rewards[i] = 0;
            out.terminated[i] = false;
            out.truncated[i] = false;
            endedAtPreviousStep[i] = false;
            return;
        }
        Step<float[]> step = env.step(stagedActions[i]);
        out.rewards[i] = step.reward();
        out.terminated[i] = step.terminated();
        out.truncated[i] = step.truncated();
        boolean ended = step.done();
        if (ended) {
            out.episodeEnded[i] = true;
            if (step.info().get(EpisodeStats.INFO_KEY) instanceof EpisodeStats stats) {
                out.episodeReturns[i] = stats.episodeReturn();
                out.episodeLengths[i] = stats.length();
            }
        }
        if (ended && mode == AutoresetMode.SAME_STEP) {
            copyObservation(step.observation(), out.finalObservations, i);
            copyObservation(env.reset().observation(), out.observations, i);
        } else {
            copyObservation(step.observation(), out.observations, i);
            endedAtPreviousStep[i] = ended;
        }
    }

    /** Resets sub-envs {@code from..to-1}, sub-env i with {@code seed + i}. */
    final void resetRange(int from, int to, long seed, VectorStep out) {
        for (int i = from; i < to; i++) {
            Reset<float[]> reset = envs.get(i).reset(seed + i);
            startedAt(i, reset, out);
        }
    }

    /** Resets sub-env {@code index} alone on the caller's thread, continuing its generator. */
    @Override
    public final void resetAt(int index, VectorStep out) {
        requireOpen();
        if (!started) {
            throw new IllegalStateException("resetAt called before reset; call reset(seed, out) first so every"
                    + " sub-env has a seeded generator");
        }
        if (index < 0 || index >= envs.size()) {
            throw new IllegalArgumentException("sub-env index must be in 0.." + (envs.size() - 1) + ", was " + index);
        }
        requireOutput(out);
        startedAt(index, envs.get(index).reset(), out);
    }

    private void startedAt(int i, Reset<float[]> reset, VectorStep out) {
        copyObservation(reset.observation(), out.observations, i);
        out.rewards[i] = 0;
        out.terminated[i] = false;
        out.truncated[i] = false;
        out.episodeEnded[i] = false;
        out.episodeReturns[i] = Double.NaN;
        out.episodeLengths[i] = 0;
        endedAtPreviousStep[i] = false;
    }

    private void copyObservation(float[] observation, float[] target, int i) {
        if (observation.length != observationSize) {
            throw new IllegalStateException("sub-env " + i + " (" + envs.get(i).id() + ") returned "
                    + observation.length + " observation features, its space declares " + observationSize);
        }
        System.arraycopy(observation, 0, target, i * observationSize, observationSize);
    }

    /** Saves every sub-env under {@code prefix + "env<i>."} and the pending autoresets. */
    @Override
    public final void saveState(StateDict out, String prefix) {
        for (int i = 0; i < envs.size(); i++) {
            stateful(i).saveState(out, prefix + "env" + i + ".");
        }
        long[] ended = new long[endedAtPreviousStep.length];
        for (int i = 0; i < ended.length; i++) {
            ended[i] = endedAtPreviousStep[i] ? 1 : 0;
        }
        out.putLongs(prefix + "ended_at_previous_step", ended);
        out.putLongs(prefix + "started", new long[] {started ? 1 : 0});
    }

    @Override
    public final void loadState(StateDict in, String prefix) {
        long[] ended = in.longs(prefix + "ended_at_previous_step");
        if (ended.length != envs.size()) {
            throw new IllegalArgumentException("state '" + prefix + "ended_at_previous_step' holds " + ended.length
                    + " sub-envs but this vector env has " + envs.size());
        }
        for (int i = 0; i < envs.size(); i++) {
            stateful(i).loadState(in, prefix + "env" + i + ".");
        }
        for (int i = 0; i < ended.length; i++) {
            endedAtPreviousStep[i] = ended[i] != 0;
        }
        started = in.longs(prefix + "started")[0] != 0;
    }

    private Stateful stateful(int i) {
        if (envs.get(i) instanceof Stateful stateful) {
            return stateful;
        }
        throw new IllegalStateException("cannot save or load vector env state: sub-env " + i + " ("
                + envs.get(i).getClass().getName() + ") does not implement Stateful");
    }

    /** Closes every sub-env once; later calls do nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (Env<float[], Object> env : envs) {
            try {
                env.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
