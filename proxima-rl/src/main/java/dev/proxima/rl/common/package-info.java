/**
 * Mechanics shared by the on-policy algorithms: the actor-critic networks, rollout buffer,
 * minibatching, the {@link dev.proxima.rl.common.OnPolicyLearner} interface and deterministic
 * evaluation. No algorithm's math lives here.
 */
package dev.proxima.rl.common;
