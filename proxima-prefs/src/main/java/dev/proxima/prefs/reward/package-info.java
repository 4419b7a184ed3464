/**
 * Learned judges for sequence policies: a Bradley–Terry reward model r_φ(x, y) and a pairwise
 * preference model P_φ(y ≻ y' | x), their trainers, the comparisons they learn from and the
 * held-out ranking accuracy they are judged by (seeds-preference spec §2.15(a)(i)).
 *
 * <p>Start with {@link dev.proxima.prefs.reward.ComparisonSampler} (comparisons from a preference
 * task), then {@link dev.proxima.prefs.reward.RewardModelTrainer} and
 * {@link dev.proxima.prefs.reward.RankingAccuracy}.
 */
package dev.proxima.prefs.reward;
