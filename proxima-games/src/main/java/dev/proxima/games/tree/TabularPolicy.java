package dev.proxima.games.tree;

import java.util.Arrays;

/**
 * A behavioural policy for every player of a {@link GameTree}: a probability vector over the
 * legal actions of each information set. Mutable; solvers own theirs and hand out copies.
 */
public final class TabularPolicy {
    private final GameTree tree;
    private final double[][] probabilities;

    private TabularPolicy(GameTree tree, double[][] probabilities) {
        this.tree = tree;
        this.probabilities = probabilities;
    }

    /** Every information set uniform over its legal actions. */
    public static TabularPolicy uniform(GameTree tree) {
        double[][] p = new double[tree.numInfosets()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = new double[tree.numActions(i)];
            Arrays.fill(p[i], 1.0 / p[i].length);
        }
        return new TabularPolicy(tree, p);
    }

    public GameTree tree() {
        return tree;
    }

    /** The probability vector of information set {@code set} (live view: writes change the policy). */
    public double[] at(int set) {
        return probabilities[set];
    }

    public double probability(int set, int k) {
        return probabilities[set][k];
    }

    /** Sets information set {@code set}'s probabilities, checking they form a distribution. */
    public void set(int set, double[] p) {
        if (p.length != probabilities[set].length) {
            throw new IllegalArgumentException("information set '" + tree.infosetKey(set) + "' has "
                    + probabilities[set].length + " actions, got " + p.length + " probabilities");
        }
        double sum = 0;
        for (double v : p) {
            if (!(v >= 0)) {
                throw new IllegalArgumentException("probabilities must be >= 0, got " + Arrays.toString(p));
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("probabilities must sum to 1, got " + sum + " for " + Arrays.toString(p));
        }
        System.arraycopy(p, 0, probabilities[set], 0, p.length);
    }

    public TabularPolicy copy() {
        double[][] p = new double[probabilities.length][];
        for (int i = 0; i < p.length; i++) p[i] = probabilities[i].clone();
        return new TabularPolicy(tree, p);
    }

    /** Largest absolute difference between two policies of the same tree. */
    public double maxAbsDifference(TabularPolicy other) {
        double d = 0;
        for (int i = 0; i < probabilities.length; i++) {
            for (int k = 0; k < probabilities[i].length; k++) {
                d = Math.max(d, Math.abs(probabilities[i][k] - other.probabilities[i][k]));
            }
        }
        return d;
    }
}
