package dev.proxima.prefs.solve;

import dev.proxima.core.util.Checks;
import dev.proxima.prefs.game.PreferenceMatrix;
import dev.proxima.prefs.game.Simplex;

/**
 * The exact β-regularised symmetric Nash equilibrium of a preference game, by Newton's method.
 *
 * <p>The game J_β(π, π') = P(π ≻ π') − β·KL(π‖π_ref) + β·KL(π'‖π_ref) has a unique symmetric
 * equilibrium, the fixed point
 * <pre>
 *   π*(y) ∝ π_ref(y)·exp(P(y ≻ π*)/β).
 * </pre>
 * On logits z (π = softmax z) we solve F(z) = 0 with the mean-centred residual
 * <pre>
 *   F(z) = z − log π_ref − P·softmax(z)/β,   F ← F − mean(F)
 *   J    = I − (1/β)·P·(diag π − ππᵀ)
 *   [[J, 1], [1ᵀ, 0]]·[dz; λ] = [−F; 0]          (bordered system: fixes the gauge Σ dz = 0)
 *   z ← z + t·dz, t = 1, ½, ¼, … until ‖F(z + t·dz)‖² ≤ (1 − 1e-4·t)·‖F(z)‖²
 * </pre>
 * starting at z = log π_ref and stopping at max|F| < 1e-12 or after 100 iterations (spec §0.4;
 * with β ≤ 0.01 and n ≥ 40 the double-precision residual floor is 3e-14 … 1e-13, so 1e-12 is the
 * tightest stop that every game reaches).
 *
 * <p>Departures: 1. when no step length down to 2⁻⁴⁰ satisfies the decrease test the residual is at
 * round-off and the solve stops there (the result reports the residual reached).
 *
 * <p>Stateless and thread-safe.
 */
public final class RegularizedNash {
    /** Stop when max|F| falls below this (spec §0.4). */
    public static final double TOLERANCE = 1e-12;
    /** Newton iteration cap (spec §0.4). */
    public static final int MAX_ITERATIONS = 100;

    private RegularizedNash() {}

    /**
     * @param policy     π*
     * @param logPolicy  log π*, normalised
     * @param iterations Newton steps taken
     * @param residual   max|F| at the returned point
     */
    public record Result(double[] policy, double[] logPolicy, int iterations, double residual) {}

    /** Solves for π* given the game, a full-support reference and β > 0. */
    public static Result solve(PreferenceMatrix p, double[] reference, double beta) {
        int n = p.size();
        Simplex.requireDistribution(reference, "reference");
        if (reference.length != n) {
            throw new IllegalArgumentException("reference must have " + n + " entries (one per response), had "
                    + reference.length);
        }
        Checks.positive(beta, "beta");
        double[] logRef = Simplex.log(reference);
        for (int i = 0; i < n; i++) {
            if (reference[i] == 0) {
                throw new IllegalArgumentException("reference[" + i + "] must be > 0 (full support), was 0");
            }
        }
        double[] z = logRef.clone();
        double[] f = residual(p, logRef, beta, z);
        double norm2 = dot(f, f);
        int it = 0;
        double[][] bordered = new double[n + 1][n + 2];
        double[] trial = new double[n];
        while (maxAbs(f) >= TOLERANCE && it < MAX_ITERATIONS) {
            double[] pi = Simplex.softmax(z);
            double[] ppi = p.against(pi);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    // (P·(diag π − ππᵀ))_ij = P_ij·π_j − (Pπ)_i·π_j
                    bordered[i][j] = (i == j ? 1 : 0) - (p.get(i, j) * pi[j] - ppi[i] * pi[j]) / beta;
                }
                bordered[i][n] = 1;
                bordered[i][n + 1] = -f[i];
            }
            for (int j = 0; j < n; j++) bordered[n][j] = 1;
            bordered[n][n] = 0;
            bordered[n][n + 1] = 0;
            double[] dz = solveInPlace(bordered);
            double t = 1;
            double[] fTrial = null;
            boolean accepted = false;
            while (t >= 0x1.0p-40) {
                for (int i = 0; i < n; i++) trial[i] = z[i] + t * dz[i];
                fTrial = residual(p, logRef, beta, trial);
                if (dot(fTrial, fTrial) <= (1 - 1e-4 * t) * norm2) {
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) break;
            System.arraycopy(trial, 0, z, 0, n);
            f = fTrial;
            norm2 = dot(f, f);
            it++;
        }
        double[] logPi = Simplex.logSoftmax(z);
        return new Result(Simplex.exp(logPi), logPi, it, maxAbs(f));
    }

    private static double[] residual(PreferenceMatrix p, double[] logRef, double beta, double[] z) {
        int n = z.length;
        double[] ppi = p.against(Simplex.softmax(z));
        double[] f = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            f[i] = z[i] - logRef[i] - ppi[i] / beta;
            mean += f[i];
        }
        mean /= n;
        for (int i = 0; i < n; i++) f[i] -= mean;
        return f;
    }

    /** Gaussian elimination with partial pivoting on an augmented (m × m+1) system; returns x[0..m−2]. */
    private static double[] solveInPlace(double[][] a) {
        int m = a.length;
        for (int c = 0; c < m; c++) {
            int piv = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            double d = a[c][c];
            if (d == 0) {
                throw new IllegalStateException("bordered Newton system is singular at column " + c);
            }
            for (int r = c + 1; r < m; r++) {
                double factor = a[r][c] / d;
                if (factor == 0) continue;
                for (int k = c; k <= m; k++) a[r][k] -= factor * a[c][k];
            }
        }
        double[] x = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            double s = a[r][m];
            for (int k = r + 1; k < m; k++) s -= a[r][k] * x[k];
            x[r] = s / a[r][r];
        }
        double[] dz = new double[m - 1];
        System.arraycopy(x, 0, dz, 0, m - 1);
        return dz;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }
}
