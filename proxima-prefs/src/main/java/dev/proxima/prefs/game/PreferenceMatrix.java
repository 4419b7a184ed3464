package dev.proxima.prefs.game;

/**
 * A preference game over n responses: P[i][j] = P(y_i ≻ y_j), the probability that a judge prefers
 * response i to response j.
 *
 * <p>Validated on construction: every entry is a probability, the diagonal is ½ and the matrix is
 * antisymmetric in the sense P + Pᵀ = 1 (within 1e-12, which allows σ(s) + σ(−s) to miss 1 by a
 * rounding step). The matrix is copied in and never exposed, so instances are immutable and
 * thread-safe.
 *
 * <p>The operator used by every method: P(y ≻ π) = Σ_{y'} π(y')·P(y ≻ y') ({@link #against}), and
 * P(π ≻ π') = πᵀ·P·π' ({@link #winRate}).
 */
public final class PreferenceMatrix {
    /** Allowed |P[i][j] + P[j][i] − 1| and |P[i][i] − ½|. */
    public static final double SYMMETRY_TOLERANCE = 1e-12;

    private final double[][] p;

    private PreferenceMatrix(double[][] p) {
        this.p = p;
    }

    /** Validates and copies {@code p}. */
    public static PreferenceMatrix of(double[][] p) {
        if (p == null || p.length == 0) {
            throw new IllegalArgumentException("preference matrix must be a non-empty square array, was "
                    + (p == null ? "null" : "empty"));
        }
        int n = p.length;
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            if (p[i] == null || p[i].length != n) {
                throw new IllegalArgumentException("preference matrix must be square " + n + "x" + n + ", row " + i
                        + " has " + (p[i] == null ? "no" : String.valueOf(p[i].length)) + " entries");
            }
            copy[i] = p[i].clone();
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = copy[i][j];
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("P[" + i + "][" + j + "] must be a probability in [0, 1], was " + v);
                }
            }
            if (Math.abs(copy[i][i] - 0.5) > SYMMETRY_TOLERANCE) {
                throw new IllegalArgumentException("P[" + i + "][" + i + "] must be 0.5 (a response ties with itself), was "
                        + copy[i][i]);
            }
            for (int j = 0; j < i; j++) {
                double s = copy[i][j] + copy[j][i];
                if (Math.abs(s - 1) > SYMMETRY_TOLERANCE) {
                    throw new IllegalArgumentException("P[" + i + "][" + j + "] + P[" + j + "][" + i
                            + "] must be 1 (antisymmetric preferences), was " + copy[i][j] + " + " + copy[j][i] + " = " + s);
                }
            }
        }
        return new PreferenceMatrix(copy);
    }

    /**
     * P = σ(S) for an antisymmetric score matrix S (S + Sᵀ = 0 within 1e-12; the diagonal must be 0).
     */
    public static PreferenceMatrix fromScores(double[][] s) {
        int n = s.length;
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (s[i].length != n) {
                throw new IllegalArgumentException("score matrix must be square " + n + "x" + n + ", row " + i
                        + " has " + s[i].length + " entries");
            }
            for (int j = 0; j < n; j++) {
                if (Math.abs(s[i][j] + s[j][i]) > SYMMETRY_TOLERANCE) {
                    throw new IllegalArgumentException("S[" + i + "][" + j + "] + S[" + j + "][" + i
                            + "] must be 0 (antisymmetric scores), was " + s[i][j] + " + " + s[j][i]);
                }
                p[i][j] = 1 / (1 + Math.exp(-s[i][j]));
            }
        }
        return of(p);
    }

    /** Number of responses n. */
    public int size() {
        return p.length;
    }

    /** P(y_i ≻ y_j). */
    public double get(int i, int j) {
        return p[i][j];
    }

    /** A copy of the matrix. */
    public double[][] toArray() {
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) out[i] = p[i].clone();
        return out;
    }

    /** out[y] = P(y ≻ π) = (P·π)(y). */
    public void against(double[] pi, double[] out) {
        int n = p.length;
        if (pi.length != n || out.length != n) {
            throw new IllegalArgumentException("against: policy and output must have " + n + " entries, were "
                    + pi.length + " and " + out.length);
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            double[] row = p[i];
            for (int j = 0; j < n; j++) s += row[j] * pi[j];
            out[i] = s;
        }
    }

    /** P(· ≻ π) into a new array. */
    public double[] against(double[] pi) {
        double[] out = new double[p.length];
        against(pi, out);
        return out;
    }

    /** P(π ≻ π') = Σ_{y,y'} π(y)·π'(y')·P(y ≻ y'). */
    public double winRate(double[] pi, double[] opponent) {
        double[] v = against(opponent);
        double s = 0;
        for (int i = 0; i < v.length; i++) s += pi[i] * v[i];
        return s;
    }
}
