/** Soft Actor-Critic: {@link dev.proxima.rl.sac.Sac}. */
package dev.proxima.rl.sac;
