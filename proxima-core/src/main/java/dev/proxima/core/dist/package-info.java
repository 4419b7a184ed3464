/**
 * Action distributions with differentiable log-probabilities, entropies and KL divergences:
 * categorical, diagonal Gaussian and tanh-squashed Gaussian.
 */
package dev.proxima.core.dist;
