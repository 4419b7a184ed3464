/**
 * {@link dev.proxima.core.env.VectorEnv} implementations: {@link dev.proxima.core.env.vector.SyncVectorEnv}
 * steps sub-envs one after another on the caller's thread; {@link dev.proxima.core.env.vector.ThreadedVectorEnv}
 * splits them over fixed worker threads and gives bit-identical results. Both inherit the per-sub-env
 * logic (autoreset modes, action checks, state saving) from {@code InProcessVectorEnv}, so only
 * the scheduling differs.
 */
package dev.proxima.core.env.vector;
