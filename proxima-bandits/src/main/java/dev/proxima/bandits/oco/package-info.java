/**
 * Online convex optimisation in the stochastically extended adversarial (SEA) model (spec §2).
 *
 * <p>Start with {@link dev.proxima.bandits.oco.SeaExperiment}, which draws a sequence from
 * {@link dev.proxima.bandits.oco.SeaModel} and returns every method's regret curve from
 * {@link dev.proxima.bandits.oco.Regret}. The learners implement
 * {@link dev.proxima.bandits.oco.OnlineLearner}: {@link dev.proxima.bandits.oco.OptimisticOmd}
 * (optimistic OMD, with plain OMD and online gradient descent as presets) on a
 * {@link dev.proxima.bandits.oco.Geometry}, and {@link dev.proxima.bandits.oco.OptimisticOns} for
 * exp-concave losses. The entropic geometry reuses the core's KL-proximal step.
 */
package dev.proxima.bandits.oco;
