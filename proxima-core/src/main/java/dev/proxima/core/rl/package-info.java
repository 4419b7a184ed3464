/**
 * Small pure building blocks shared by RL algorithms: returns and GAE
 * ({@link dev.proxima.core.rl.Returns}) and the KL-proximal mirror-descent step
 * ({@link dev.proxima.core.rl.MirrorDescent}) that MDPO and the later mirror-descent methods share.
 */
package dev.proxima.core.rl;
