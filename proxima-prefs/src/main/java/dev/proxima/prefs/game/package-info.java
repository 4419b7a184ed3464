/**
 * Preference games over a finite response set: the matrix P(y ≻ y'), the synthetic games
 * {@code PREF-RANDOM}, {@code GAME8} and {@code CONDORCET}, and small helpers on the probability
 * simplex. Start at {@link dev.proxima.prefs.game.PreferenceGames}.
 */
package dev.proxima.prefs.game;
