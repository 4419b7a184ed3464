/**
 * Auxiliary-loss-free load balancing of top-K mixture-of-experts routing, and its primal–dual
 * reading (spec §14).
 *
 * <p>Start with {@link dev.proxima.bandits.alflb.AlfLbExperiment}: it routes batches from
 * {@link dev.proxima.bandits.alflb.SyntheticRouter} with the bias balancer
 * {@link dev.proxima.bandits.alflb.AlfLb} (SIGN, PROPORTIONAL and PROPORTIONAL_DECAY updates, or
 * none) and measures them with {@link dev.proxima.bandits.alflb.Routing} (MaxVio, score retention,
 * dual value D(b)). {@link dev.proxima.bandits.alflb.BalancedAssignment} gives the exact balanced
 * optimum (min-cost flow, cross-checked with commons-math3's simplex solver), and
 * {@link dev.proxima.bandits.alflb.TinyMoe} compares loss-free balancing with an auxiliary balance
 * loss on a small trainable mixture of experts.
 */
package dev.proxima.bandits.alflb;
