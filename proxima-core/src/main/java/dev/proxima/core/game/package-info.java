/**
 * The game API shared by game solvers and decision-time search: {@link dev.proxima.core.game.Game},
 * immutable {@link dev.proxima.core.game.State}s with chance and information-state keys. Concrete
 * games are in {@code proxima-envs}; solvers in {@code proxima-games}.
 */
package dev.proxima.core.game;
