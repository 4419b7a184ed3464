package dev.proxima.bandits.oco;

/**
 * Small dense linear algebra on the Euclidean ball {‖x‖ ≤ R}, shared by the learners and the
 * regret comparator: Euclidean projection, projection in the norm of a positive definite matrix,
 * and the minimiser of a convex quadratic over the ball.
 *
 * <p>All three reduce to the same trust-region problem: minimise ½xᵀHx − bᵀx over the ball. For a
 * positive semidefinite H its solution is x(ν) = (H + νI)⁻¹b with the smallest ν ≥ 0 that makes
 * ‖x(ν)‖ ≤ R. We diagonalise H once (cyclic Jacobi, exact enough for the 2×2 and small matrices
 * used here) and find ν by bisection in the eigenbasis, where ‖x(ν)‖ is an explicit decreasing
 * function. Matrices are {@code double[d][d]}, symmetric; nothing here allocates per call except
 * the eigen work arrays of {@link #minimiseQuadratic}.
 */
final class Ball {
    private Ball() {}

    /** Euclidean projection of {@code y} onto {‖x‖ ≤ radius}; {@code out} may be {@code y}. */
    static void project(double[] y, double radius, double[] out) {
        double norm = norm(y);
        double scale = norm > radius ? radius / norm : 1.0;
        for (int i = 0; i < y.length; i++) out[i] = y[i] * scale;
    }

    /**
     * Projection of {@code y} in the A-norm: argmin over the ball of (x − y)ᵀA(x − y), i.e. the
     * quadratic with H = A and b = Ay. Inside the ball the answer is y itself (ν = 0).
     */
    static void projectInNorm(double[][] a, double[] y, double radius, double[] out) {
        if (norm(y) <= radius) {
            System.arraycopy(y, 0, out, 0, y.length);
            return;
        }
        double[] ay = multiply(a, y, new double[y.length]);
        minimiseQuadratic(a, ay, radius, out);
    }

    /**
     * argmin over {‖x‖ ≤ radius} of ½xᵀHx − bᵀx, for symmetric positive semidefinite H.
     * Directions where H vanishes (relative to its largest eigenvalue) and b has no component get
     * x = 0 there, so a rank-deficient H gives the minimum-norm minimiser.
     */
    static void minimiseQuadratic(double[][] h, double[] b, double radius, double[] out) {
        int d = b.length;
        double[] values = new double[d];
        double[][] vectors = new double[d][d];
        symmetricEigen(h, values, vectors);
        double[] bb = new double[d]; // b in the eigenbasis
        double bNorm = 0, hMax = 0;
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < d; i++) bb[k] += vectors[i][k] * b[i];
            bNorm += bb[k] * bb[k];
            hMax = Math.max(hMax, values[k]);
        }
        bNorm = Math.sqrt(bNorm);
        double tiny = 1e-14 * Math.max(hMax, 1e-300);
        double[] xx = new double[d];
        if (interiorSolution(values, bb, tiny, bNorm, radius, xx)) {
            toOriginalBasis(vectors, xx, out);
            return;
        }
        // ‖x(ν)‖ is decreasing in ν and ‖x(ν)‖ ≤ ‖b‖/ν, so the root lies in (0, ‖b‖/R].
        double lo = 0, hi = bNorm / radius;
        for (int iter = 0; iter < 200 && hi - lo > 1e-17 * hi; iter++) {
            double mid = 0.5 * (lo + hi);
            if (normAt(values, bb, mid) > radius) lo = mid;
            else hi = mid;
        }
        for (int k = 0; k < d; k++) xx[k] = bb[k] / (Math.max(values[k], 0) + hi);
        toOriginalBasis(vectors, xx, out);
    }

    private static boolean interiorSolution(double[] values, double[] bb, double tiny, double bNorm,
                                            double radius, double[] xx) {
        double norm2 = 0;
        for (int k = 0; k < values.length; k++) {
            if (values[k] > tiny) {
                xx[k] = bb[k] / values[k];
            } else if (Math.abs(bb[k]) <= 1e-14 * Math.max(bNorm, 1e-300)) {
                xx[k] = 0;
            } else {
                return false; // flat direction with a slope: the minimiser is on the sphere
            }
            norm2 += xx[k] * xx[k];
        }
        return norm2 <= radius * radius;
    }

    private static double normAt(double[] values, double[] bb, double nu) {
        double s = 0;
        for (int k = 0; k < values.length; k++) {
            double v = bb[k] / (Math.max(values[k], 0) + nu);
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static void toOriginalBasis(double[][] vectors, double[] xx, double[] out) {
        int d = xx.length;
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) s += vectors[i][k] * xx[k];
            out[i] = s;
        }
    }

    /**
     * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: on return
     * {@code a = V·diag(values)·Vᵀ} with the eigenvectors in the columns of {@code vectors}.
     */
    static void symmetricEigen(double[][] a, double[] values, double[][] vectors) {
        int d = values.length;
        double[][] m = new double[d][];
        for (int i = 0; i < d; i++) {
            m[i] = a[i].clone();
            java.util.Arrays.fill(vectors[i], 0);
            vectors[i][i] = 1;
        }
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = 0, diag = 0;
            for (int i = 0; i < d; i++) {
                diag += m[i][i] * m[i][i];
                for (int j = i + 1; j < d; j++) off += m[i][j] * m[i][j];
            }
            if (off <= 1e-32 * diag || off == 0) break;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (m[p][q] != 0) rotate(m, vectors, p, q);
                }
            }
        }
        for (int i = 0; i < d; i++) values[i] = m[i][i];
    }

    /** One Jacobi rotation that zeroes m[p][q]. */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        double theta = 0.5 * Math.atan2(2 * m[p][q], m[q][q] - m[p][p]);
        double c = Math.cos(theta), s = Math.sin(theta);
        int d = m.length;
        for (int k = 0; k < d; k++) { // columns p, q
            double mkp = m[k][p], mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < d; k++) { // rows p, q
            double mpk = m[p][k], mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
        m[p][q] = 0;
        m[q][p] = 0;
        for (int k = 0; k < d; k++) {
            double vkp = v[k][p], vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    /** Solves A·x = rhs for symmetric positive definite A by Cholesky; {@code out} may be {@code rhs}. */
    static double[] solve(double[][] a, double[] rhs, double[] out) {
        int d = rhs.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (i == j) {
                    if (!(s > 0)) throw new IllegalStateException("matrix is not positive definite (pivot " + s + ")");
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double s = rhs[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * z[k];
            z[i] = s / l[i][i];
        }
        for (int i = d - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < d; k++) s -= l[k][i] * out[k];
            out[i] = s / l[i][i];
        }
        return out;
    }

    static double[] multiply(double[][] a, double[] x, double[] out) {
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) s += a[i][j] * x[j];
            out[i] = s;
        }
        return out;
    }

    static double norm(double[] x) {
        double s = 0;
        for (double v : x) s += v * v;
        return Math.sqrt(s);
    }
}
