package dev.proxima.prefs.tabular;

import dev.proxima.core.util.Checks;
import dev.proxima.prefs.game.PreferenceMatrix;
import dev.proxima.prefs.game.Simplex;
import dev.proxima.prefs.solve.Lbfgs;

/**
 * SRPO on tables: a policy π and a self-reviser π†(·|y) that improves a draft y, trained offline
 * and without a reward model by a consistency loss whose minimiser does not depend on the
 * behaviour policy μ that produced the pairs.
 *
 * <p>Paper: Choi, Ghosh, Liu, Mirzasoleiman, Grover (2024), "Self-Improving Robust Preference
 * Optimization", arXiv:2406.01660; spec §2.17.
 *
 * <pre>
 *   game:   min_π max_π† E_{y~π, y'~π†(·|y)} P(y' ≻ y) − β·E_{y~π} KL(π†(·|y) ‖ π_ref) + β·KL(π ‖ π_ref)
 *   closed forms:  π†*(y'|y) ∝ π_ref(y')·exp(P(y' ≻ y)/β)
 *                  π*(y) ∝ π_ref(y)/Z(y),  Z(y) = Σ_{y'} π_ref(y')·exp(P(y' ≻ y)/β)
 *   with h†(a|b) = log π†(a|b)/π_ref(a) and g(a) = log π(a)/π_ref(a), for all y1, y2:
 *   (I1) β[h†(y1|y2) − h†(y2|y2)] = P(y1≻y2) − ½
 *   (I2) β[g(y1) − g(y2)] = β[h†(y1|y1) − h†(y2|y2)]
 *   (I3) β[g(y1) − g(y2)] + β[h†(y1|y2) − h†(y2|y1)] = 2P(y1≻y2) − 1
 *   loss (pairs weighted μ(y1)μ(y2), label p = P(y1≻y2) or a 0/1 draw):
 *   L_α = α·L_improve + (1−α)·L_gen
 *   L_improve = (β[h†(y1|y2) − h†(y2|y2)] − (p − ½))² + (β[h†(y2|y1) − h†(y1|y1)] − (½ − p))²
 *   L_gen     = (β[g(y1) − g(y2)] + β[h†(y1|y2) − h†(y2|y1)] − (2p − 1))²
 * </pre>
 * The reviser's reference is context-free, π_ref(y'|y) = π_ref(y'). Parameters are the logits of π
 * (n) followed by those of π†(·|b) for b = 0..n−1 (n each).
 *
 * <p>Departures: 1. the loss is the spec's arrangement of IPO-style squares derived from the closed
 * forms; the paper's L_α is an equivalent consistency loss with the same minimiser under full
 * coverage, which is what the tests check. 2. The population loss is minimised by L-BFGS rather
 * than SGD: the loss scales with β²·μ², and SGD at lr 0.5 had not converged after 20k steps
 * (spec §2.17(c)).
 *
 * <p>Stateless and thread-safe.
 */
public final class Srpo {
    /**
     * @param beta  β > 0 (ours: 0.1)
     * @param alpha α ∈ [0, 1], weight of L_improve (ours: 0.5)
     */
    public record Config(double beta, double alpha) {
        public Config {
            Checks.positive(beta, "beta");
            Checks.inClosed(alpha, 0, 1, "alpha");
        }

        /** β = 0.1, α = 0.5 (spec §2.17). */
        public static Config defaults() {
            return new Config(0.1, 0.5);
        }
    }

    /** A trained or closed-form pair: the policy and the reviser rows reviser[y][y'] = π†(y'|y). */
    public record Solution(double[] policy, double[][] reviser, double loss) {}

    private Srpo() {}

    /** π†*(·|y) ∝ π_ref·exp(P(· ≻ y)/β) for every draft y. */
    public static double[][] reviserClosedForm(PreferenceMatrix p, double[] reference, Config config) {
        int n = p.size();
        double[][] out = new double[n][];
        for (int y = 0; y < n; y++) {
            double[] z = new double[n];
            for (int a = 0; a < n; a++) z[a] = Math.log(reference[a]) + p.get(a, y) / config.beta();
            out[y] = Simplex.softmax(z);
        }
        return out;
    }

    /** π*(y) ∝ π_ref(y)/Z(y). */
    public static double[] policyClosedForm(PreferenceMatrix p, double[] reference, Config config) {
        int n = p.size();
        double[] z = new double[n];
        for (int y = 0; y < n; y++) {
            double[] t = new double[n];
            for (int a = 0; a < n; a++) t[a] = Math.log(reference[a]) + p.get(a, y) / config.beta();
            z[y] = Math.log(reference[y]) - Simplex.logSumExp(t);
        }
        return Simplex.softmax(z);
    }

    /** E_{y~π} E_{y'~π†(·|y)} P(y' ≻ y): how often one self-revision beats its draft. */
    public static double revisionWinRate(PreferenceMatrix p, double[] policy, double[][] reviser) {
        double s = 0;
        for (int y = 0; y < policy.length; y++) {
            for (int a = 0; a < policy.length; a++) s += policy[y] * reviser[y][a] * p.get(a, y);
        }
        return s;
    }

    /** The population L_α over parameters (θ, φ_0, …, φ_{n−1}); gradient into {@code gradient}. */
    public static double populationLoss(double[] params, double[] logRef, PreferenceMatrix p, double[] mu,
                                        Config config, double[] gradient) {
        int n = p.size();
        if (params.length != n + n * n || gradient.length != params.length) {
            throw new IllegalArgumentException("params and gradient must have n + n² = " + (n + n * n)
                    + " entries, had " + params.length + " and " + gradient.length);
        }
        double beta = config.beta(), alpha = config.alpha();
        double[] logPi = Simplex.logSoftmax(java.util.Arrays.copyOfRange(params, 0, n));
        double[][] logRev = new double[n][];
        for (int b = 0; b < n; b++) {
            logRev[b] = Simplex.logSoftmax(java.util.Arrays.copyOfRange(params, n + b * n, n + (b + 1) * n));
        }
        double[] gg = new double[n];          // ∂L/∂g(a) = ∂L/∂log π(a)
        double[][] gh = new double[n][n];     // gh[b][a] = ∂L/∂h†(a|b)
        double loss = 0;
        for (int y1 = 0; y1 < n; y1++) {
            for (int y2 = 0; y2 < n; y2++) {
                double w = mu[y1] * mu[y2];
                if (w == 0) continue;
                double pr = p.get(y1, y2);
                double h12 = logRev[y2][y1] - logRef[y1], h22 = logRev[y2][y2] - logRef[y2];
                double h21 = logRev[y1][y2] - logRef[y2], h11 = logRev[y1][y1] - logRef[y1];
                double g1 = logPi[y1] - logRef[y1], g2 = logPi[y2] - logRef[y2];
                double a = beta * (h12 - h22) - (pr - 0.5);
                double b = beta * (h21 - h11) - (0.5 - pr);
                double c = beta * (g1 - g2) + beta * (h12 - h21) - (2 * pr - 1);
                loss += w * (alpha * (a * a + b * b) + (1 - alpha) * c * c);
                double da = 2 * w * alpha * a * beta, db = 2 * w * alpha * b * beta, dc = 2 * w * (1 - alpha) * c * beta;
                gh[y2][y1] += da + dc;
                gh[y2][y2] -= da;
                gh[y1][y2] += db - dc;
                gh[y1][y1] -= db;
                gg[y1] += dc;
                gg[y2] -= dc;
            }
        }
        TabularSoftmax.logProbGradientToLogits(gg, Simplex.exp(logPi));
        System.arraycopy(gg, 0, gradient, 0, n);
        for (int b = 0; b < n; b++) {
            TabularSoftmax.logProbGradientToLogits(gh[b], Simplex.exp(logRev[b]));
            System.arraycopy(gh[b], 0, gradient, n + b * n, n);
        }
        return loss;
    }

    /** Minimises the population L_α by L-BFGS from zero logits (spec §2.17(c)). */
    public static Solution minimizePopulation(PreferenceMatrix p, double[] reference, double[] mu, Config config,
                                              Lbfgs.Config solver) {
        int n = p.size();
        Simplex.requireDistribution(mu, "mu");
        double[] logRef = Simplex.log(reference);
        var r = Lbfgs.minimize((x, g) -> populationLoss(x, logRef, p, mu, config, g), new double[n + n * n], solver);
        double[] policy = Simplex.softmax(java.util.Arrays.copyOfRange(r.x(), 0, n));
        double[][] reviser = new double[n][];
        for (int b = 0; b < n; b++) reviser[b] = Simplex.softmax(java.util.Arrays.copyOfRange(r.x(), n + b * n, n + (b + 1) * n));
        return new Solution(policy, reviser, r.value());
    }
}
