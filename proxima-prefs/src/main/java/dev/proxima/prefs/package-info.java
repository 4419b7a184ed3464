/**
 * Preference optimisation: learning policies from pairwise preferences (DPO, IPO, Nash-MD, Nash-MP,
 * SPO, SRPO, XPO, HyPO, SELM) and from rewards with group baselines (RLOO).
 *
 * <p>Start with {@link dev.proxima.prefs.game.PreferenceMatrix} (a preference game over a finite
 * response set), {@link dev.proxima.prefs.solve.RegularizedNash} (its exact regularised
 * equilibrium) and then any method in {@link dev.proxima.prefs.tabular}. Per-sample losses that
 * sequence policies share live in {@link dev.proxima.prefs.loss}. Exact evaluation on enumerable
 * preference tasks is in {@link dev.proxima.prefs.pref}, learned judges (reward and pairwise
 * preference models) in {@link dev.proxima.prefs.reward}, and preference data files in
 * {@link dev.proxima.prefs.data}.
 */
package dev.proxima.prefs;
