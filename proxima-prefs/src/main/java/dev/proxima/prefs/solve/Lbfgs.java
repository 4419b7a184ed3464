package dev.proxima.prefs.solve;

import dev.proxima.core.util.Checks;

/**
 * Limited-memory BFGS in double precision, for the smooth population losses whose minimisers the
 * preference spec checks to 1e-4 or better (DPO §1.2, IPO §1.3, SRPO §2.17, the BT fit of §2.14).
 *
 * <p>Nocedal and Wright, "Numerical Optimization" (2006), Algorithm 7.4 (two-loop recursion) with
 * the initial scaling γ = sᵀy/yᵀy of eq. 7.20.
 *
 * <p>Departures: 1. the line search backtracks (t = 1, ½, …) on the Armijo condition
 * f(x + t·d) ≤ f(x) + 1e-4·t·gᵀd, and also accepts a step that satisfies the approximate Wolfe
 * conditions of Hager and Zhang (2005), 0.9·gᵀd ≤ g(x + t·d)ᵀd ≤ −0.8·gᵀd with
 * f(x + t·d) ≤ f(x) + 1e-10·|f(x)|: once the gradient is near 1e-9 the Armijo decrease is below the
 * round-off of f and only the gradient still carries information. 2. A pair with sᵀy ≤ 0 is not
 * stored. 3. If no step length down to 2⁻⁶⁰ is accepted the run stops (round-off reached).
 *
 * <p>Not thread-safe per instance of {@link Objective}; the method itself keeps no state.
 */
public final class Lbfgs {
    private Lbfgs() {}

    /** A differentiable objective: returns f(x) and writes ∇f(x) into {@code gradient}. */
    @FunctionalInterface
    public interface Objective {
        double evaluate(double[] x, double[] gradient);
    }

    /**
     * @param memory            stored correction pairs m ≥ 1 (Nocedal and Wright suggest 3–20)
     * @param maxIterations     iteration cap
     * @param gradientTolerance stop at max|∇f| ≤ this
     */
    public record Config(int memory, int maxIterations, double gradientTolerance) {
        public Config {
            Checks.positive(memory, "memory");
            Checks.positive(maxIterations, "maxIterations");
            Checks.nonNegative(gradientTolerance, "gradientTolerance");
        }

        /** m = 10, 10 000 iterations, max|∇f| ≤ 1e-12. */
        public static Config defaults() {
            return new Config(10, 10_000, 1e-12);
        }
    }

    /**
     * @param x            the last iterate
     * @param value        f(x)
     * @param gradientNorm max|∇f(x)|
     * @param iterations   iterations taken
     */
    public record Result(double[] x, double value, double gradientNorm, int iterations) {}

    /** Minimises {@code f} from {@code start} (not modified). */
    public static Result minimize(Objective f, double[] start, Config config) {
        int n = start.length, m = config.memory();
        double[] x = start.clone(), g = new double[n];
        double fx = f.evaluate(x, g);
        double[][] s = new double[m][n], y = new double[m][n];
        double[] rho = new double[m], alpha = new double[m];
        int stored = 0, head = 0, it = 0;
        double[] d = new double[n], xNew = new double[n], gNew = new double[n], sk = new double[n], yk = new double[n];
        while (it < config.maxIterations() && maxAbs(g) > config.gradientTolerance()) {
            // Two-loop recursion: d = −H·g.
            System.arraycopy(g, 0, d, 0, n);
            for (int k = 0; k < stored; k++) {
                int i = Math.floorMod(head - 1 - k, m);
                alpha[i] = rho[i] * dot(s[i], d);
                axpy(-alpha[i], y[i], d);
            }
            double gamma = 1;
            if (stored > 0) {
                int last = Math.floorMod(head - 1, m);
                gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
            } else {
                // First step: unit length in the steepest-descent direction.
                gamma = 1 / Math.max(norm(g), 1e-300);
            }
            for (int i = 0; i < n; i++) d[i] *= gamma;
            for (int k = stored - 1; k >= 0; k--) {
                int i = Math.floorMod(head - 1 - k, m);
                double b = rho[i] * dot(y[i], d);
                axpy(alpha[i] - b, s[i], d);
            }
            for (int i = 0; i < n; i++) d[i] = -d[i];
            double gd = dot(g, d);
            if (!(gd < 0)) {
                // Not a descent direction (curvature pairs went stale): restart from steepest descent.
                stored = 0;
                for (int i = 0; i < n; i++) d[i] = -g[i] / Math.max(norm(g), 1e-300);
                gd = dot(g, d);
            }
            double t = 1, fNew = Double.NaN;
            boolean accepted = false;
            while (t >= 0x1.0p-60) {
                for (int i = 0; i < n; i++) xNew[i] = x[i] + t * d[i];
                fNew = f.evaluate(xNew, gNew);
                if (fNew <= fx + 1e-4 * t * gd) {
                    accepted = true;
                    break;
                }
                double gNewD = dot(gNew, d);
                if (fNew <= fx + 1e-10 * Math.abs(fx) && gNewD >= 0.9 * gd && gNewD <= -0.8 * gd) {
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) break;
            for (int i = 0; i < n; i++) {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
            }
            double sy = dot(sk, yk);
            if (sy > 0) {
                System.arraycopy(sk, 0, s[head], 0, n);
                System.arraycopy(yk, 0, y[head], 0, n);
                rho[head] = 1 / sy;
                head = (head + 1) % m;
                stored = Math.min(stored + 1, m);
            }
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            it++;
        }
        return new Result(x, fx, maxAbs(g), it);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += a * x[i];
    }
}
