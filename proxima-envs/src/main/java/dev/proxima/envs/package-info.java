/**
 * Environments and the {@link dev.proxima.envs.Envs} registry that builds them by id, wrapped
 * the way {@code gymnasium.make} wraps them. Games in extensive form (poker, matrix games, Tiny
 * Hanabi, tic-tac-toe) are in {@code dev.proxima.envs.games}, built by name with {@code Games.make}.
 */
package dev.proxima.envs;
