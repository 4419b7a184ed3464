package dev.proxima.prefs.tabular;

import dev.proxima.core.util.Checks;
import dev.proxima.prefs.game.Simplex;
import dev.proxima.prefs.loss.PairLoss;
import dev.proxima.prefs.solve.Lbfgs;

/**
 * DPO on a single-context tabular softmax policy π = softmax(θ) over K responses: the loss of a
 * pair dataset, the population loss under Bradley–Terry labels, and its closed-form optimum.
 *
 * <p>Paper: Rafailov, Sharma, Mitchell, Ermon, Manning, Finn (2023), "Direct Preference
 * Optimization", arXiv:2305.18290; spec §1.2.
 *
 * <pre>
 *   pair:        ℓ(y_w, y_l) = −log σ(β·h),  h = ρ(y_w) − ρ(y_l),  ρ = log π − log π_ref   ({@link PairLoss#dpo})
 *   dataset:     L = (1/N)·Σ_pairs ℓ
 *   population:  L = (1/(K(K−1)))·Σ_{i≠j} [σ(r_i − r_j)·ℓ(i, j) + σ(r_j − r_i)·ℓ(j, i)]
 *                (every ordered pair (i, j) once, label "i wins" with probability σ(r_i − r_j))
 *   optimum:     π ∝ π_ref·exp(r/β),  i.e. β·ρ(i) − r_i is the same for every i
 * </pre>
 * In a single context h does not depend on the normaliser of π, so the gradient with respect to
 * the logit of a response that appears in no pair is exactly zero; this is not true of per-prefix
 * tables or transformers (spec §1.2(c)).
 *
 * <p>Departures: none. Stateless and thread-safe.
 */
public final class Dpo {
    /** @param beta β > 0 (paper; TRL default 0.1) */
    public record Config(double beta) {
        public Config {
            Checks.positive(beta, "beta");
        }

        /** β = 0.1. */
        public static Config defaults() {
            return new Config(PairLoss.DEFAULT_BETA);
        }
    }

    private Dpo() {}

    /**
     * Mean DPO loss of the pairs (winners[i] ≻ losers[i]); writes ∂L/∂θ into {@code gradient}.
     */
    public static double datasetLoss(double[] logits, double[] logRef, int[] winners, int[] losers, Config config,
                                     double[] gradient) {
        if (winners.length != losers.length || winners.length == 0) {
            throw new IllegalArgumentException("winners and losers must be non-empty and of equal length, were "
                    + winners.length + " and " + losers.length);
        }
        double[] logPi = Simplex.logSoftmax(logits);
        java.util.Arrays.fill(gradient, 0);
        double loss = 0;
        int n = winners.length;
        for (int k = 0; k < n; k++) {
            int w = winners[k], l = losers[k];
            double h = PairLoss.margin(logPi[w], logRef[w], logPi[l], logRef[l]);
            loss += PairLoss.dpo(h, config.beta()) / n;
            double d = PairLoss.dpoDerivative(h, config.beta()) / n;
            gradient[w] += d;
            gradient[l] -= d;
        }
        TabularSoftmax.logProbGradientToLogits(gradient, Simplex.exp(logPi));
        return loss;
    }

    /** Population loss over all ordered pairs i ≠ j with BT labels σ(r_i − r_j); gradient into {@code gradient}. */
    public static double populationLoss(double[] logits, double[] logRef, double[] rewards, Config config,
                                        double[] gradient) {
        int k = logits.length;
        double[] logPi = Simplex.logSoftmax(logits);
        java.util.Arrays.fill(gradient, 0);
        double loss = 0, weight = 1.0 / (k * (k - 1));
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i == j) continue;
                double pWin = PairLoss.sigmoid(rewards[i] - rewards[j]);
                double h = PairLoss.margin(logPi[i], logRef[i], logPi[j], logRef[j]);
                // label "i wins" with probability pWin, else "j wins" (margin −h)
                loss += weight * (pWin * PairLoss.dpo(h, config.beta()) + (1 - pWin) * PairLoss.dpo(-h, config.beta()));
                double d = weight * (pWin * PairLoss.dpoDerivative(h, config.beta())
                        - (1 - pWin) * PairLoss.dpoDerivative(-h, config.beta()));
                gradient[i] += d;
                gradient[j] -= d;
            }
        }
        TabularSoftmax.logProbGradientToLogits(gradient, Simplex.exp(logPi));
        return loss;
    }

    /** Minimises the population loss by L-BFGS from θ = log π_ref. */
    public static Lbfgs.Result minimizePopulation(double[] reference, double[] rewards, Config config,
                                                  Lbfgs.Config solver) {
        double[] logRef = Simplex.log(reference);
        return Lbfgs.minimize((x, g) -> populationLoss(x, logRef, rewards, config, g), logRef, solver);
    }

    /** The optimum π ∝ π_ref·exp(r/β). */
    public static double[] optimum(double[] reference, double[] rewards, Config config) {
        double[] z = new double[reference.length];
        for (int i = 0; i < z.length; i++) z[i] = Math.log(reference[i]) + rewards[i] / config.beta();
        return Simplex.softmax(z);
    }
}
