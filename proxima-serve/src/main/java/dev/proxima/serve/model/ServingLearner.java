package dev.proxima.serve.model;

import java.util.Map;

/**
 * An online learner the service can serve with: scores actions for a feature vector and learns
 * from joined rewards. Implementations keep their sufficient statistics as fixed-point sums
 * (scale 2^32, exact long addition), so the model is a pure function of the applied rewards and a
 * replay of the log rebuilds it bit for bit.
 *
 * <p>Thread safety: {@link #score} may run concurrently with {@link #update}; updates publish
 * per-action state by replacing arrays (copy-on-write), so a score never sees half an update.
 */
public interface ServingLearner {
    /** Name and settings, e.g. {@code diag-linucb(alpha=1.0)}. */
    String describe();

    double score(String action, SparseVector w);

    void update(String action, SparseVector w, double reward);

    /** A copy of the raw statistics per action id. */
    Map<String, long[][]> statistics();

    void restore(Map<String, long[][]> statistics);

    /** Number of actions with learned statistics. */
    int actions();

    /** Rounds to the fixed-point grid (2^-32), failing on overflow. */
    static long toFixed(double x) {
        double scaled = Math.rint(x * FixedPointDiagLinUcb.SCALE);
        if (!(Math.abs(scaled) < 0x1p63)) {
            throw new ArithmeticException("value " + x + " is out of the fixed-point range");
        }
        return (long) scaled;
    }

    /** The learners by name: {@code diag-linucb} (default), {@code linucb}, {@code epsilon-greedy}. */
    static ServingLearner create(String name, int dimension, double alpha, double lambda) {
        return switch (name) {
            case "diag-linucb" -> new FixedPointDiagLinUcb(dimension, alpha, lambda);
            case "linucb" -> new FixedPointLinUcb(dimension, alpha, lambda);
            case "epsilon-greedy" -> new FixedPointMeans();
            default -> throw new IllegalArgumentException("learner must be one of diag-linucb, linucb, epsilon-greedy, was '"
                    + name + "'");
        };
    }
}
