package dev.proxima.core.env;

import dev.proxima.core.space.Space;

/**
 * A batch of independent copies of one environment stepped together (Gymnasium's
 * {@code VectorEnv}), with float32 observations written into reusable buffers.
 *
 * <p>Seeding: {@code reset(seed)} resets sub-env i with seed {@code seed + i}, as Gymnasium does.
 * Actions are passed as {@code int[numEnvs]} for Discrete action spaces and as
 * {@code float[numEnvs * actionSize]} for Box action spaces.
 */
public interface VectorEnv extends AutoCloseable {
    int numEnvs();

    Space<float[]> singleObservationSpace();

    Space<?> singleActionSpace();

    AutoresetMode autoresetMode();

    /** Resets every sub-env (sub-env i with {@code seed + i}) and writes observations into {@code out}. */
    void reset(long seed, VectorStep out);

    /** DISABLED mode: resets sub-env {@code index} only, writing its observation into {@code out}. */
    void resetAt(int index, VectorStep out);

    /** Steps every sub-env with a discrete action. */
    void step(int[] actions, VectorStep out);

    /** Steps every sub-env with a continuous action, {@code actions[i * actionSize + j]}. */
    void step(float[] actions, VectorStep out);

    /** A fresh output buffer sized for this vector env. */
    default VectorStep newStep() {
        return new VectorStep(numEnvs(), singleObservationSpace().flatSize());
    }

    @Override
    default void close() {}
}
