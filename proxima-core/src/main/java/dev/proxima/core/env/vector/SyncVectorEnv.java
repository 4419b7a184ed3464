package dev.proxima.core.env.vector;

import dev.proxima.core.env.AutoresetMode;
import dev.proxima.core.env.Env;
import dev.proxima.core.env.VectorStep;
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
public final class SyncVectorEnv extends InProcessVectorEnv {
    public SyncVectorEnv(List<? extends Env<float[], ?>> envs, AutoresetMode mode) {
        super(envs, mode);
    }

    /** {@code numEnvs} sub-envs made by {@code factory.apply(i)}. */
    public static SyncVectorEnv of(IntFunction<? extends Env<float[], ?>> factory, int numEnvs, AutoresetMode mode) {
        return new SyncVectorEnv(build(factory, numEnvs), mode);
    }

    @Override
    void resetAll(long seed, VectorStep out) {
        resetRange(0, numEnvs(), seed, out);
    }

    @Override
    void stepAll(VectorStep out) {
        stepRange(0, numEnvs(), out);
    }
}
