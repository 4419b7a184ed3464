/**
 * The environment contract, after Gymnasium: {@link dev.proxima.core.env.Env} with separate
 * terminated and truncated flags, and {@link dev.proxima.core.env.VectorEnv} with explicit
 * autoreset modes and reusable output buffers. Implementations are in the {@code vector} and
 * {@code wrappers} subpackages and in {@code proxima-envs}.
 */
package dev.proxima.core.env;
