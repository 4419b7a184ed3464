package dev.proxima.core.io;

/**
 * A component whose exact state can be saved and restored, so a run resumed from a checkpoint
 * continues bit-identically (environments, wrappers, normalizers, generators, optimizers).
 */
public interface Stateful {
    /** Adds this component's state to {@code out}, each name starting with {@code prefix}. */
    void saveState(StateDict out, String prefix);

    /** Restores the state written by {@link #saveState} under the same prefix. */
    void loadState(StateDict in, String prefix);
}
