/**
 * Environments and the {@link dev.proxima.envs.Envs} registry that builds them by id, wrapped
 * the way {@code gymnasium.make} wraps them.
 */
package dev.proxima.envs;
