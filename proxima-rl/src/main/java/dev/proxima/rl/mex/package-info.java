/** Maximize to Explore, model-free (MEX-MF on TD3): {@link dev.proxima.rl.mex.MexMf}. */
package dev.proxima.rl.mex;
