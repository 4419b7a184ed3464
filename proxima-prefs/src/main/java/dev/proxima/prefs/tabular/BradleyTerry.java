package dev.proxima.prefs.tabular;

import dev.proxima.prefs.game.PreferenceMatrix;
import dev.proxima.prefs.solve.Lbfgs;

/**
 * The reward-model route that SPO is compared with (spec §2.14): the population Bradley–Terry
 * maximum-likelihood fit of scores s to a preference matrix, every ordered pair (i ≠ j) weighted
 * equally with label probability P(i ≻ j):
 * <pre>
 *   max_s Σ_{i≠j} P(i ≻ j)·log σ(s_i − s_j),   s_0 pinned to 0
 * </pre>
 * Solved by {@link Lbfgs} (the objective is concave and shift-invariant; the result is shifted so
 * that s_0 = 0). Stateless and thread-safe.
 */
public final class BradleyTerry {
    private BradleyTerry() {}

    /** The fitted scores with s_0 = 0. */
    public static double[] fit(PreferenceMatrix p) {
        int n = p.size();
        Lbfgs.Objective nll = (s, g) -> {
            java.util.Arrays.fill(g, 0);
            double f = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i == j) continue;
                    double d = s[i] - s[j], w = p.get(i, j);
                    f += w * softplus(-d);
                    double dd = -w / (1 + Math.exp(d)); // ∂/∂d of w·softplus(−d) = −w·σ(−d)
                    g[i] += dd;
                    g[j] -= dd;
                }
            }
            return f;
        };
        double[] s = Lbfgs.minimize(nll, new double[n], new Lbfgs.Config(10, 1000, 1e-12)).x();
        double s0 = s[0];
        for (int i = 0; i < n; i++) s[i] -= s0;
        return s;
    }

    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
