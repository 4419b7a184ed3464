package dev.proxima.prefs.tabular;

import dev.proxima.core.util.Checks;
import dev.proxima.prefs.game.Simplex;
import dev.proxima.prefs.loss.PairLoss;

/**
 * XPO: online DPO plus an exploration bonus that lowers the log-probability of responses sampled
 * from the reference, i.e. that pushes mass away from what π_ref already covers.
 *
 * <p>Paper: Xie, Foster, Krishnamurthy, Rosset, Awadallah, Rakhlin (2024), "Exploratory Preference
 * Optimization", arXiv:2405.21046; practical form as in TRL's {@code XPOTrainer}; spec §2.3.
 *
 * <pre>
 *   per sample:  L = −log σ(β·h) + α·log π_θ(ỹ),   y ~ π_θ, ỹ ~ π_ref, (y_w, y_l) = judge(y, ỹ)
 *   bonus gradient on tabular logits:  ∇ α·log π(ỹ) = α·(e_ỹ − π);  expected over ỹ ~ π_ref: α·(π_ref − π)
 *   reading:  min α·E_{ỹ~π_ref} log π(ỹ)  ⇔  max KL(π_ref ‖ π)   (optimism)
 * </pre>
 * With α = 0 the loss is exactly online DPO's. The expected bonus gradient is zero at π = π_ref, so
 * the bonus amplifies deviations the DPO term creates rather than creating its own.
 *
 * <p>Departures: none (the IPO variant replaces the first term by {@link PairLoss#ipo}). Stateless
 * and thread-safe.
 */
public final class Xpo {
    /**
     * @param alpha α ≥ 0, exploration coefficient (TRL default 1e-5)
     * @param beta  β > 0 of the DPO term (TRL default 0.1)
     */
    public record Config(double alpha, double beta) {
        public Config {
            Checks.nonNegative(alpha, "alpha");
            Checks.positive(beta, "beta");
        }

        /** α = 1e-5, β = 0.1 (TRL {@code XPOConfig}). */
        public static Config defaults() {
            return new Config(1e-5, 0.1);
        }
    }

    private Xpo() {}

    /** The per-sample loss on sequence log-probs; {@code logPiExplore} = log π_θ(ỹ). */
    public static double loss(double logPiW, double logRefW, double logPiL, double logRefL, double logPiExplore,
                              Config config) {
        return PairLoss.dpo(PairLoss.margin(logPiW, logRefW, logPiL, logRefL), config.beta())
                + config.alpha() * logPiExplore;
    }

    /** ∇_θ α·log π(ỹ) = α·(e_ỹ − π) for a single-context softmax; written into {@code out}. */
    public static void bonusGradient(double[] pi, int explored, double alpha, double[] out) {
        java.util.Arrays.fill(out, 0);
        out[explored] = alpha;
        TabularSoftmax.logProbGradientToLogits(out, pi);
    }

    /**
     * Full-batch objective of the tabular check: mean DPO loss of the pairs plus the exact expected
     * bonus α·E_{ỹ~π_ref} log π(ỹ); gradient into {@code gradient}.
     */
    public static double tabularObjective(double[] logits, double[] logRef, int[] winners, int[] losers,
                                          Config config, double[] gradient) {
        double loss = Dpo.datasetLoss(logits, logRef, winners, losers, new Dpo.Config(config.beta()), gradient);
        double[] logPi = Simplex.logSoftmax(logits), ref = Simplex.exp(logRef), bonus = ref.clone();
        for (int i = 0; i < logPi.length; i++) {
            loss += config.alpha() * ref[i] * logPi[i];
            bonus[i] *= config.alpha();
        }
        TabularSoftmax.logProbGradientToLogits(bonus, Simplex.exp(logPi));
        for (int i = 0; i < gradient.length; i++) gradient[i] += bonus[i];
        return loss;
    }

    /** {@code steps} full-batch gradient-descent steps from θ = log π_ref; returns the logits. */
    public static double[] train(double[] reference, int[] winners, int[] losers, Config config, int steps,
                                 double learningRate) {
        Checks.nonNegative(steps, "steps");
        Checks.positive(learningRate, "learningRate");
        double[] logRef = Simplex.log(reference), theta = logRef.clone(), g = new double[theta.length];
        for (int s = 0; s < steps; s++) {
            tabularObjective(theta, logRef, winners, losers, config, g);
            for (int i = 0; i < theta.length; i++) theta[i] -= learningRate * g[i];
        }
        return theta;
    }
}
