/**
 * Mirror Descent Policy Optimization (Tomar et al. 2022), on-policy: {@link dev.proxima.rl.mdpo.Mdpo}.
 * The proximal step itself is {@link dev.proxima.core.rl.MirrorDescent}.
 */
package dev.proxima.rl.mdpo;
