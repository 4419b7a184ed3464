package dev.proxima.bandits.oco;

/**
 * A learner in the online-convex-optimisation protocol. Each round it first commits to a point
 * x_t ({@link #play}), then nature reveals a loss and the learner sees only its gradient at the
 * played point, g_t = ∇f_t(x_t) ({@link #observe}).
 *
 * <p>Implementations are deterministic functions of the gradients they were shown, so replaying
 * the first T rounds of a longer run reproduces its first T points exactly.
 */
public interface OnlineLearner {
    /** The point x_t of the current round, as a fresh array. Does not advance the round. */
    double[] play();

    /** Reveals g_t = ∇f_t(x_t) for the point last returned by {@link #play} and moves to round t + 1. */
    void observe(double[] gradient);

    /** Rounds completed so far (0 before the first {@link #observe}). */
    int rounds();
}
