/**
 * Exact solvers and metrics shared by the preference methods (spec §0.4): the β-regularised Nash
 * equilibrium by Newton's method, regularised exploitability, KL, the span semi-norm, unbiased
 * pass@k, and a double-precision L-BFGS for population losses. Start at
 * {@link dev.proxima.prefs.solve.RegularizedNash}.
 */
package dev.proxima.prefs.solve;
