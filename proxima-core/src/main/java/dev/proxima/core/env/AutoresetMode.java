package dev.proxima.core.env;

/**
 * How a vector env restarts a sub-environment whose episode ended (Gymnasium 1.x semantics).
 */
public enum AutoresetMode {
    /**
     * The step after the one that ended the episode resets that sub-env: its action is ignored
     * and it returns the first observation of the new episode with reward 0 and both flags false.
     */
    NEXT_STEP,
    /**
     * The step that ends the episode also resets: the returned observation is the first one of
     * the new episode and the final observation is kept in {@link VectorStep#finalObservations}.
     */
    SAME_STEP,
    /** No automatic reset: the caller resets ended sub-envs with {@link VectorEnv#resetAt}. */
    DISABLED
}
