package dev.proxima.prefs.tabular;

import dev.proxima.core.util.Checks;
import dev.proxima.prefs.game.PreferenceMatrix;
import dev.proxima.prefs.game.Simplex;
import dev.proxima.prefs.loss.PairLoss;
import dev.proxima.prefs.solve.Lbfgs;

/**
 * IPO on a single-context tabular softmax policy: the population loss with pairs drawn from a
 * behaviour policy μ × μ and labels from a (possibly intransitive) preference matrix, and its
 * closed-form minimiser.
 *
 * <p>Paper: Azar, Rowland, Piot, Guo, Calandriello, Valko, Munos (2023), "A General Theoretical
 * Paradigm to Understand Learning from Human Preferences", arXiv:2310.12036, §5; spec §1.3.
 *
 * <pre>
 *   pair:        ℓ(y_w, y_l) = (h − 1/(2τ))²,  h = ρ(y_w) − ρ(y_l)                 ({@link PairLoss#ipo})
 *   population:  L = Σ_{y,y'} μ(y)μ(y')·[P(y ≻ y')·ℓ(y, y') + P(y' ≻ y)·ℓ(y', y)]
 *   minimiser:   π(y) ∝ π_ref(y)·exp(P(y ≻ μ)/τ)     (μ with full support)
 * </pre>
 * The minimiser depends on μ; this is what SRPO removes (§2.17). On {@code GAME8} with τ = 0.1 the
 * minimisers under μ1 and μ2 are 0.335767 apart in total variation (spec A17).
 *
 * <p>Departures: none; sequence sums (no length averaging, which is TRL's IPO default). Stateless
 * and thread-safe.
 */
public final class Ipo {
    /** @param tau τ > 0 (spec §1.3: 0.1) */
    public record Config(double tau) {
        public Config {
            Checks.positive(tau, "tau");
        }

        /** τ = 0.1. */
        public static Config defaults() {
            return new Config(PairLoss.DEFAULT_TAU);
        }
    }

    private Ipo() {}

    /** The population loss; gradient with respect to the logits into {@code gradient}. */
    public static double populationLoss(double[] logits, double[] logRef, PreferenceMatrix p, double[] mu,
                                        Config config, double[] gradient) {
        int n = logits.length;
        double[] logPi = Simplex.logSoftmax(logits);
        java.util.Arrays.fill(gradient, 0);
        double loss = 0;
        for (int y = 0; y < n; y++) {
            for (int z = 0; z < n; z++) {
                double w = mu[y] * mu[z], pw = p.get(y, z);
                if (w == 0) continue;
                double h = PairLoss.margin(logPi[y], logRef[y], logPi[z], logRef[z]);
                loss += w * (pw * PairLoss.ipo(h, config.tau()) + (1 - pw) * PairLoss.ipo(-h, config.tau()));
                double d = w * (pw * PairLoss.ipoDerivative(h, config.tau()) - (1 - pw) * PairLoss.ipoDerivative(-h, config.tau()));
                gradient[y] += d;
                gradient[z] -= d;
            }
        }
        TabularSoftmax.logProbGradientToLogits(gradient, Simplex.exp(logPi));
        return loss;
    }

    /** Minimises the population loss by L-BFGS from θ = log π_ref; returns π. */
    public static double[] minimizePopulation(PreferenceMatrix p, double[] reference, double[] mu, Config config,
                                              Lbfgs.Config solver) {
        Simplex.requireDistribution(mu, "mu");
        double[] logRef = Simplex.log(reference);
        var r = Lbfgs.minimize((x, g) -> populationLoss(x, logRef, p, mu, config, g), logRef, solver);
        return Simplex.softmax(r.x());
    }

    /** The minimiser π ∝ π_ref·exp(P(y ≻ μ)/τ). */
    public static double[] optimum(PreferenceMatrix p, double[] reference, double[] mu, Config config) {
        double[] v = p.against(mu), z = new double[v.length];
        for (int i = 0; i < z.length; i++) z[i] = Math.log(reference[i]) + v[i] / config.tau();
        return Simplex.softmax(z);
    }
}
