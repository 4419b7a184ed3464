package dev.proxima.core.bandit;

import java.util.Arrays;

/**
 * The context of one bandit decision: a dense feature vector, with the indices of its non-zero
 * entries precomputed so that learners over sparse contexts (one-hot user clusters, bag-of-words)
 * touch only those. Context-free problems use {@link #EMPTY}. Immutable.
 */
public final class Context {
    public static final Context EMPTY = new Context(new double[0]);

    private final double[] values;
    private final int[] support;

    private Context(double[] values) {
        this.values = values;
        int n = 0;
        for (double v : values) {
            if (v != 0) {
                n++;
            }
        }
        this.support = new int[n];
        for (int i = 0, k = 0; i < values.length; i++) {
            if (values[i] != 0) {
                support[k++] = i;
            }
        }
    }

    /** A context holding a copy of {@code values}; every value must be finite. */
    public static Context of(double... values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("context feature " + i + " must be finite, was " + values[i]);
            }
        }
        return new Context(values.clone());
    }

    public int dimension() {
        return values.length;
    }

    public double get(int i) {
        return values[i];
    }

    /** Indices of the non-zero features, ascending (do not modify). */
    public int[] support() {
        return support;
    }

    /** A copy of the features. */
    public double[] toArray() {
        return values.clone();
    }

    /** Σ_i x_i·w[offset + i]. */
    public double dot(double[] w, int offset) {
        double s = 0;
        for (int i : support) {
            s += values[i] * w[offset + i];
        }
        return s;
    }

    /** Throws a clear error unless this context has {@code expected} features. */
    public Context requireDimension(int expected, String who) {
        if (values.length != expected) {
            throw new IllegalArgumentException(who + ": context has " + values.length + " features, expected " + expected);
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Context c && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Context" + Arrays.toString(values);
    }
}
