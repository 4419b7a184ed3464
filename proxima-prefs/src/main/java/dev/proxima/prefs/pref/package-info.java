/**
 * Exact evaluation of sequence policies on enumerable preference tasks (seeds-preference spec
 * §0.3–§0.4): every response of every prompt is scored, so distributions, win-rates and KL
 * divergences are sums, not sampled estimates.
 *
 * <p>Start with {@link dev.proxima.prefs.pref.ResponseSpace} (the responses of a task and its
 * judge's tables), then {@link dev.proxima.prefs.pref.ExactDistribution} (π(y|x) of a
 * transformer policy) and {@link dev.proxima.prefs.pref.ExactMetrics} (win-rate, KL).
 */
package dev.proxima.prefs.pref;
