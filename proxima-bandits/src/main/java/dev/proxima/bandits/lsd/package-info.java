/**
 * Last-switch-dependent (LSD) bandits with monotone payoffs (spec seeds-control §5): the payoff of
 * an arm depends on how long it has been played or rested since its last switch.
 *
 * <p>Start with {@link dev.proxima.bandits.lsd.LsdModel} (states, transitions, means) and
 * {@link dev.proxima.bandits.lsd.LsdInstances} (the testbed). The planner is the block-pattern LP
 * relaxation {@link dev.proxima.bandits.lsd.BlockLp}, executed by
 * {@link dev.proxima.bandits.lsd.VirtualScheduleRounding}; {@link dev.proxima.bandits.lsd.LsdOptimum}
 * is the exact optimum for tiny instances. {@link dev.proxima.bandits.lsd.PhasedLsd} learns online
 * from Bernoulli rewards on an {@link dev.proxima.bandits.lsd.LsdBandit};
 * {@link dev.proxima.bandits.lsd.LsdBaselines} holds greedy and state-blind UCB1, and
 * {@link dev.proxima.bandits.lsd.LsdExperiment} runs the standard experiment.
 *
 * <p>The relaxation, the rounding and the online scheme are reconstructions from the paper's
 * abstract, as each class's documentation says.
 */
package dev.proxima.bandits.lsd;
