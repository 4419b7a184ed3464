/**
 * The contextual-bandit contract shared by problems ({@code proxima-envs}) and learners
 * ({@code proxima-bandits}): {@link dev.proxima.core.bandit.Context} and
 * {@link dev.proxima.core.bandit.BanditProblem}.
 */
package dev.proxima.core.bandit;
