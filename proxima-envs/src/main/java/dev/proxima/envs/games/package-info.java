/**
 * Games in extensive form for the solvers and search in {@code proxima-games}: Kuhn and Leduc
 * poker, matrix games, Tiny Hanabi A–F and tic-tac-toe, built by name with
 * {@link dev.proxima.envs.games.Games#make}. All implement {@link dev.proxima.core.game.Game} with
 * immutable states.
 */
package dev.proxima.envs.games;
