package dev.proxima.core.math;

/**
 * Cholesky factorisation {@code A = L Lᵀ} of a symmetric positive-definite matrix and the solves
 * built on it, on row-major flat arrays of size d·d.
 */
public final class Cholesky {
    private Cholesky() {}

    /** The lower-triangular factor of {@code a}; fails if {@code a} is not positive definite. */
    public static double[] factor(double[] a, int d) {
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * d + j];
                for (int k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("matrix is not positive definite (pivot " + i + " is " + s + ")");
                    }
                    l[i * d + i] = Math.sqrt(s);
                } else {
                    l[i * d + j] = s / l[j * d + j];
                }
            }
        }
        return l;
    }

    /** z with L z = y (forward substitution). */
    public static double[] forward(double[] l, int d, double[] y) {
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double s = y[i];
            for (int k = 0; k < i; k++) s -= l[i * d + k] * z[k];
            z[i] = s / l[i * d + i];
        }
        return z;
    }

    /** x with L Lᵀ x = y. */
    public static double[] solve(double[] l, int d, double[] y) {
        double[] z = forward(l, d, y);
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < d; k++) s -= l[k * d + i] * x[k];
            x[i] = s / l[i * d + i];
        }
        return x;
    }
}
