/**
 * Wrappers that change one aspect of an {@link dev.proxima.core.env.Env} and forward the rest:
 * time limits, episode statistics, observation and reward normalization, action clipping.
 *
 * <p>Start with {@link dev.proxima.core.env.wrappers.EnvWrapper}, which enforces the
 * reset/step order at every layer and nests the wrapped env's saved state under {@code "env."}.
 */
package dev.proxima.core.env.wrappers;
