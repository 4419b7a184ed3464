/**
 * Preference optimisation: learning policies from pairwise preferences (DPO, IPO, Nash-MD, Nash-MP,
 * SPO, SRPO, XPO, HyPO, SELM) and from rewards with group baselines (RLOO).
 *
 * <p>Start with {@link dev.proxima.prefs.game.PreferenceMatrix} (a preference game over a finite
 * response set), {@link dev.proxima.prefs.solve.RegularizedNash} (its exact regularised
 * equilibrium) and then any method in {@link dev.proxima.prefs.tabular}. Per-sample losses that
 * sequence policies share live in {@link dev.proxima.prefs.loss}.
 */
package dev.proxima.prefs;
