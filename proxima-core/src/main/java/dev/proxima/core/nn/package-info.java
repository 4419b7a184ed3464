/**
 * Layers built on the engine: {@link dev.proxima.core.nn.Linear}, {@link dev.proxima.core.nn.Mlp},
 * activations and initialisers. Checkpoints use PyTorch's {@code nn.Linear} layout and
 * {@code nn.Sequential} key names.
 */
package dev.proxima.core.nn;
