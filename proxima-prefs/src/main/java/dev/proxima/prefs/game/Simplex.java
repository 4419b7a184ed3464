package dev.proxima.prefs.game;

import dev.proxima.core.random.Rng;

/**
 * Normalisation, sampling and distances on the probability simplex, in double precision.
 *
 * <p>Log-sum-exp is shifted by the maximum, so logits of any magnitude are safe; a logit of −∞
 * gives probability 0. Stateless and thread-safe.
 */
public final class Simplex {
    private Simplex() {}

    /** log Σ exp(z), shifted by max z. */
    public static double logSumExp(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) max = Math.max(max, v);
        if (max == Double.NEGATIVE_INFINITY) return max;
        double sum = 0;
        for (double v : z) sum += Math.exp(v - max);
        return max + Math.log(sum);
    }

    /** log softmax(z) into a new array. */
    public static double[] logSoftmax(double[] z) {
        double lse = logSumExp(z);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) out[i] = z[i] - lse;
        return out;
    }

    /** softmax(z) into a new array. */
    public static double[] softmax(double[] z) {
        double[] out = logSoftmax(z);
        for (int i = 0; i < out.length; i++) out[i] = Math.exp(out[i]);
        return out;
    }

    /** Elementwise log into a new array. */
    public static double[] log(double[] p) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) out[i] = Math.log(p[i]);
        return out;
    }

    /** Elementwise exp into a new array. */
    public static double[] exp(double[] z) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) out[i] = Math.exp(z[i]);
        return out;
    }

    /** Total variation ½·Σ|p − q|. */
    public static double totalVariation(double[] p, double[] q) {
        sameLength(p, q, "totalVariation");
        double s = 0;
        for (int i = 0; i < p.length; i++) s += Math.abs(p[i] - q[i]);
        return 0.5 * s;
    }

    /** One index drawn from p by inversion (p must sum to 1; round-off falls on the last index). */
    public static int sample(double[] p, Rng rng) {
        double u = rng.nextDouble(), c = 0;
        for (int i = 0; i < p.length - 1; i++) {
            c += p[i];
            if (u < c) return i;
        }
        return p.length - 1;
    }

    /** Checks that p is a probability vector (entries ≥ 0, sum 1 within 1e-9) and returns it. */
    public static double[] requireDistribution(double[] p, String field) {
        if (p == null || p.length == 0) {
            throw new IllegalArgumentException(field + " must be a non-empty probability vector, was "
                    + (p == null ? "null" : "empty"));
        }
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException(field + "[" + i + "] must be a probability in [0, 1], was " + p[i]);
            }
            s += p[i];
        }
        if (Math.abs(s - 1) > 1e-9) {
            throw new IllegalArgumentException(field + " must sum to 1 (within 1e-9), sums to " + s);
        }
        return p;
    }

    static void sameLength(double[] a, double[] b, String what) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(what + ": vectors must have the same length, were "
                    + a.length + " and " + b.length);
        }
    }
}
