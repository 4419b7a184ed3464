package dev.proxima.core.env.vector;

import dev.proxima.core.env.AutoresetMode;
import dev.proxima.core.env.Env;
import dev.proxima.core.env.VectorEnv;
import dev.proxima.core.env.VectorStep;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.io.Stateful;
import dev.proxima.core.space.Box;
import dev.proxima.core.space.Space;
import dev.proxima.core.util.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Steps its sub-envs one after another on the caller's thread (Gymnasium's {@code SyncVectorEnv}).
 * The reference for {@link ThreadedVectorEnv}, which must produce the same numbers. Autoreset
 * follows {@link AutoresetMode}; the episode fields of {@link VectorStep} are filled from the
 * {@code EpisodeStats} that a RecordEpisodeStatistics wrapper puts in the final step's info.
 *
 * <p>Not thread-safe: one thread drives it.
 */
public final class SyncVectorEnv implements VectorEnv, Stateful {
    private final SubEnvs subEnvs;

    public SyncVectorEnv(List<? extends Env<float[], ?>> envs, AutoresetMode mode) {
        this.subEnvs = new SubEnvs(envs, mode);
    }

    /** {@code numEnvs} sub-envs made by {@code factory.apply(i)}. */
    public static SyncVectorEnv of(IntFunction<? extends Env<float[], ?>> factory, int numEnvs, AutoresetMode mode) {
        return new SyncVectorEnv(build(factory, numEnvs), mode);
    }

    static List<Env<float[], ?>> build(IntFunction<? extends Env<float[], ?>> factory, int numEnvs) {
        Checks.positive(numEnvs, "numEnvs");
        List<Env<float[], ?>> envs = new ArrayList<>(numEnvs);
        for (int i = 0; i < numEnvs; i++) {
            envs.add(factory.apply(i));
        }
        return envs;
    }

    @Override
    public int numEnvs() {
        return subEnvs.size();
    }

    @Override
    public Box singleObservationSpace() {
        return subEnvs.observationSpace();
    }

    @Override
    public Space<?> singleActionSpace() {
        return subEnvs.actionSpace();
    }

    @Override
    public AutoresetMode autoresetMode() {
        return subEnvs.mode();
    }

    @Override
    public void reset(long seed, VectorStep out) {
        subEnvs.requireOpen();
        subEnvs.requireOutput(out);
        subEnvs.resetRange(0, subEnvs.size(), seed, out);
        subEnvs.markStarted();
    }

    /** Resets sub-env {@code index} alone, continuing its generator; clears any pending autoreset of it. */
    @Override
    public void resetAt(int index, VectorStep out) {
        subEnvs.resetAt(index, out);
    }

    @Override
    public void step(int[] actions, VectorStep out) {
        subEnvs.requireOutput(out);
        subEnvs.stageDiscrete(actions);
        out.clearEpisodeInfo();
        subEnvs.stepRange(0, subEnvs.size(), out);
    }

    @Override
    public void step(float[] actions, VectorStep out) {
        subEnvs.requireOutput(out);
        subEnvs.stageContinuous(actions);
        out.clearEpisodeInfo();
        subEnvs.stepRange(0, subEnvs.size(), out);
    }

    /** Saves every sub-env under {@code prefix + "env<i>."} and the pending autoresets. */
    @Override
    public void saveState(StateDict out, String prefix) {
        subEnvs.saveState(out, prefix);
    }

    @Override
    public void loadState(StateDict in, String prefix) {
        subEnvs.loadState(in, prefix);
    }

    /** Closes every sub-env; calling it again does nothing. */
    @Override
    public void close() {
        subEnvs.close();
    }
}
