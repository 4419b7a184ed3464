/**
 * Optimizers as chains of gradient transforms (optax's design): {@link dev.proxima.core.optim.Optimizers}
 * builds Adam, AdamW and SGD from clipping, moment and scaling stages; {@link dev.proxima.core.optim.Optimizer}
 * applies a chain to a parameter list; {@link dev.proxima.core.optim.Schedule} varies a hyperparameter by step.
 */
package dev.proxima.core.optim;
