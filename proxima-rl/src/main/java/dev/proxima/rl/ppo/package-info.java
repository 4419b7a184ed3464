/**
 * Proximal Policy Optimization (Schulman et al. 2017): everything that defines it is in
 * {@link dev.proxima.rl.ppo.Ppo}.
 */
package dev.proxima.rl.ppo;
