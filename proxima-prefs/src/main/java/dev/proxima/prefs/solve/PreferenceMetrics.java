package dev.proxima.prefs.solve;

import dev.proxima.core.util.Checks;
import dev.proxima.prefs.game.PreferenceMatrix;
import dev.proxima.prefs.game.Simplex;

/**
 * Metrics of the preference spec §0.4. Stateless and thread-safe.
 */
public final class PreferenceMetrics {
    private PreferenceMetrics() {}

    /**
     * Regularised exploitability, zero exactly at the β-regularised equilibrium π*:
     * <pre>
     *   E_β(π) = β·log Σ_y π_ref(y)·exp(P(y ≻ π)/β) − ½ + β·KL(π ‖ π_ref).
     * </pre>
     * The first term is the value of the best regularised response to π; it is evaluated with a
     * shifted log-sum-exp, so small β is safe.
     */
    public static double regularizedExploitability(PreferenceMatrix p, double[] reference, double beta, double[] pi) {
        Checks.positive(beta, "beta");
        int n = p.size();
        if (reference.length != n || pi.length != n) {
            throw new IllegalArgumentException("regularizedExploitability: reference and policy must have " + n
                    + " entries, had " + reference.length + " and " + pi.length);
        }
        double[] v = p.against(pi);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) z[i] = Math.log(reference[i]) + v[i] / beta;
        return beta * Simplex.logSumExp(z) - 0.5 + beta * kl(pi, reference);
    }

    /** Unregularised exploitability max_y P(y ≻ π) − ½ (≥ 0; zero exactly at a minimax winner). */
    public static double exploitability(PreferenceMatrix p, double[] pi) {
        double[] v = p.against(pi);
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        return m - 0.5;
    }

    /** KL(p ‖ q) = Σ p·log(p/q); terms with p = 0 count 0; p > 0 where q = 0 gives +∞. */
    public static double kl(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("kl: distributions must have the same length, were " + p.length
                    + " and " + q.length);
        }
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) s += p[i] * (Math.log(p[i]) - Math.log(q[i]));
        }
        return s;
    }

    /** Span semi-norm sp(a − b) = max(a − b) − min(a − b); used on log π − log π*. */
    public static double span(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("span: vectors must have the same length, were " + a.length
                    + " and " + b.length);
        }
        double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            max = Math.max(max, d);
            min = Math.min(min, d);
        }
        return max - min;
    }

    /**
     * Unbiased pass@k from n samples of which c are correct: 1 − C(n−c, k)/C(n, k), evaluated as
     * 1 − Π_{i=n−c+1}^{n} (1 − k/i) so that no binomial coefficient overflows.
     */
    public static double passAtK(int n, int c, int k) {
        Checks.positive(n, "n");
        if (c < 0 || c > n) {
            throw new IllegalArgumentException("c (correct samples) must be in [0, n=" + n + "], was " + c);
        }
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in [1, n=" + n + "], was " + k);
        }
        if (n - c < k) return 1.0;
        double prod = 1;
        for (int i = n - c + 1; i <= n; i++) prod *= 1 - (double) k / i;
        return 1 - prod;
    }
}
