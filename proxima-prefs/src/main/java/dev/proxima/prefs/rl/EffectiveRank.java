package dev.proxima.prefs.rl;

/**
 * VERL's effective-rank indicators of one response's hidden states (2025; spec §2.19(a)): the
 * effective rank ER of the centred n×d matrix H, its velocity ERV and acceleration ERA along the
 * response's prefixes.
 *
 * <pre>
 *   H_c = H − column means,  G = H_c·H_cᵀ,  σ_i = √max(λ_i(G), 0)
 *   p_i = σ_i / (Σσ + 1e-8),  ER = exp(−Σ p_i·log(p_i + 1e-8))
 *   for t = s, 2s, … < n:  ER_t = ER of the first t + 1 rows
 *   diff_t = ER_t − mean(ER of the earlier prefixes)   (from the second prefix on)
 *   ERV = mean_t diff_t,  ERA = mean of diff_t − diff_{t−s}   (both 0 when n &lt; 2s or undefined)
 * </pre>
 * Responses longer than 512 rows keep their last 512. The eigenvalues come from cyclic Jacobi
 * rotations, exact to round-off for these small symmetric matrices. Stateless and thread-safe.
 */
public final class EffectiveRank {
    /** Rows kept of a longer response (the release's cap). */
    public static final int MAX_ROWS = 512;
    private static final double GUARD = 1e-8;

    private EffectiveRank() {}

    /** ER of {@code rows} rows (from {@code from}) of a row-major matrix with {@code d} columns. */
    public static double of(float[] h, int from, int rows, int d) {
        if (rows < 1 || d < 1) {
            throw new IllegalArgumentException("need at least one row and one column, got " + rows + "×" + d);
        }
        double[] mean = new double[d];
        for (int r = 0; r < rows; r++) for (int j = 0; j < d; j++) mean[j] += h[(from + r) * d + j] / (double) rows;
        double[][] gram = new double[rows][rows];
        for (int a = 0; a < rows; a++) {
            for (int b = a; b < rows; b++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += (h[(from + a) * d + j] - mean[j]) * (h[(from + b) * d + j] - mean[j]);
                gram[a][b] = s;
                gram[b][a] = s;
            }
        }
        double[] lambda = symmetricEigenvalues(gram);
        double total = 0;
        for (int i = 0; i < rows; i++) {
            lambda[i] = Math.sqrt(Math.max(lambda[i], 0));
            total += lambda[i];
        }
        double entropy = 0;
        for (int i = 0; i < rows; i++) {
            double p = lambda[i] / (total + GUARD);
            entropy -= p * Math.log(p + GUARD);
        }
        return Math.exp(entropy);
    }

    /**
     * {ER, ERV, ERA} of one response whose hidden states are {@code rows} rows from {@code from}.
     *
     * @param stride s ≥ 1, the prefix step (release: 40 tokens; ours 2)
     */
    public static double[] indicators(float[] h, int from, int rows, int d, int stride) {
        if (stride < 1) throw new IllegalArgumentException("stride must be >= 1, was " + stride);
        if (rows > MAX_ROWS) {
            from += rows - MAX_ROWS;
            rows = MAX_ROWS;
        }
        double er = of(h, from, rows, d);
        if (rows < 2 * stride) return new double[] {er, 0, 0};
        double previousSum = 0, velocitySum = 0, accelerationSum = 0, previousDiff = 0;
        int prefixes = 0, diffs = 0, accelerations = 0;
        for (int t = stride; t < rows; t += stride) {
            double ert = of(h, from, t + 1, d);
            if (prefixes > 0) {
                double diff = ert - previousSum / prefixes;
                if (diffs > 0) {
                    accelerationSum += diff - previousDiff;
                    accelerations++;
                }
                velocitySum += diff;
                previousDiff = diff;
                diffs++;
            }
            previousSum += ert;
            prefixes++;
        }
        return new double[] {er, diffs == 0 ? 0 : velocitySum / diffs, accelerations == 0 ? 0 : accelerationSum / accelerations};
    }

    /** The eigenvalues of a symmetric matrix (overwritten), by cyclic Jacobi sweeps. */
    static double[] symmetricEigenvalues(double[][] a) {
        int n = a.length;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
            }
            if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                }
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = a[i][i];
        return out;
    }
}
