package dev.proxima.games.eval;

import dev.proxima.core.util.Checks;
import java.util.Arrays;

/**
 * Logit quantal response equilibria of two-player matrix games (McKelvey and Palfrey 1995):
 * each player's mixed strategy is the softmax of its expected payoffs at temperature α,
 * <pre>
 *   x = softmax(A·y / α),   y = softmax(Bᵀ·x / α)
 * </pre>
 * with A the row player's and B the column player's payoff matrix. Solved by Newton's method on
 * these fixed-point equations (finite-difference Jacobian, backtracking line search), which is
 * independent of the mirror-descent dynamics whose fixed point it is used to check.
 */
public final class QuantalResponse {
    private QuantalResponse() {}

    /** The equilibrium {@code {x, y}} to residual below {@code 1e-13}. */
    public static double[][] logit(double[][] a, double[][] b, double temperature) {
        Checks.positive(temperature, "temperature");
        int n = a.length, m = a[0].length;
        double[] z = new double[n + m];
        Arrays.fill(z, 0, n, 1.0 / n);
        Arrays.fill(z, n, n + m, 1.0 / m);
        double[] f = residual(a, b, temperature, z, n, m);
        for (int iter = 0; iter < 200 && norm(f) > 1e-13; iter++) {
            double[][] jac = jacobian(a, b, temperature, z, n, m);
            double[] step = solve(jac, f);
            double t = 1;
            double[] trial;
            do {
                trial = z.clone();
                for (int i = 0; i < z.length; i++) trial[i] -= t * step[i];
                t /= 2;
            } while (norm(residual(a, b, temperature, trial, n, m)) > norm(f) && t > 1e-8);
            z = trial;
            f = residual(a, b, temperature, z, n, m);
        }
        if (norm(f) > 1e-12) {
            throw new IllegalStateException("QRE solver did not converge (residual " + norm(f) + ")");
        }
        return new double[][] {Arrays.copyOfRange(z, 0, n), Arrays.copyOfRange(z, n, n + m)};
    }

    private static double[] residual(double[][] a, double[][] b, double temp, double[] z, int n, int m) {
        double[] ux = new double[n], uy = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                ux[i] += a[i][j] * z[n + j];
                uy[j] += b[i][j] * z[i];
            }
        }
        double[] sx = softmax(ux, temp), sy = softmax(uy, temp), f = new double[n + m];
        for (int i = 0; i < n; i++) f[i] = z[i] - sx[i];
        for (int j = 0; j < m; j++) f[n + j] = z[n + j] - sy[j];
        return f;
    }

    private static double[] softmax(double[] u, double temp) {
        double max = Arrays.stream(u).max().orElse(0), sum = 0;
        double[] p = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            p[i] = Math.exp((u[i] - max) / temp);
            sum += p[i];
        }
        for (int i = 0; i < u.length; i++) p[i] /= sum;
        return p;
    }

    private static double[][] jacobian(double[][] a, double[][] b, double temp, double[] z, int n, int m) {
        int d = n + m;
        double[][] jac = new double[d][d];
        double h = 1e-7;
        for (int k = 0; k < d; k++) {
            double[] up = z.clone(), down = z.clone();
            up[k] += h;
            down[k] -= h;
            double[] fu = residual(a, b, temp, up, n, m), fd = residual(a, b, temp, down, n, m);
            for (int i = 0; i < d; i++) jac[i][k] = (fu[i] - fd[i]) / (2 * h);
        }
        return jac;
    }

    /** Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] m, double[] rhs) {
        int d = rhs.length;
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) a[i] = Arrays.copyOf(m[i], d + 1);
        for (int i = 0; i < d; i++) a[i][d] = rhs[i];
        for (int col = 0; col < d; col++) {
            int pivot = col;
            for (int r = col + 1; r < d; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = col + 1; r < d; r++) {
                double factor = a[r][col] / a[col][col];
                for (int c = col; c <= d; c++) a[r][c] -= factor * a[col][c];
            }
        }
        double[] x = new double[d];
        for (int r = d - 1; r >= 0; r--) {
            double s = a[r][d];
            for (int c = r + 1; c < d; c++) s -= a[r][c] * x[c];
            x[r] = s / a[r][r];
        }
        return x;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }
}
