package dev.proxima.prefs.tabular;

import dev.proxima.core.util.Checks;
import dev.proxima.prefs.game.Simplex;
import dev.proxima.prefs.loss.PairLoss;

/**
 * SELM: iterative DPO whose loss adds an optimism bonus on the reference's own greedy response, so
 * the policy is pushed to explore away from it.
 *
 * <p>Paper: Zhang, Yu, Yu, et al. (2024), "Self-Exploring Language Models: Active Preference
 * Elicitation for Online Alignment", arXiv:2405.19332; loss and recipe as in the authors'
 * {@code selm_trainer.py}; spec §2.12.
 *
 * <pre>
 *   iteration t: π_ref^t = the model at the start of the iteration; y_s = greedy response of π_ref^t;
 *                rank {y_s, dataset chosen, dataset rejected} with the judge: chosen = best, rejected = worst
 *   loss:        L = −log σ(β·h) + α·β·ρ_θ(y_s),   ρ w.r.t. π_ref^t
 * </pre>
 * The bonus is XPO's with coefficient αβ and ỹ = y_s. With α = 0 the loss is iterative DPO's.
 *
 * <p>Departures: 1. toy runs use β = 0.1, α = 0.5 ({@link Config#toy()}): with the recipe's
 * αβ = 1e-5 the bonus is about 1/500 of a DPO gradient and invisible at this scale (spec §2.12).
 * Stateless and thread-safe.
 */
public final class Selm {
    /**
     * @param beta  β > 0
     * @param alpha α ≥ 0, bonus weight (the bonus coefficient is αβ)
     */
    public record Config(double beta, double alpha) {
        public Config {
            Checks.positive(beta, "beta");
            Checks.nonNegative(alpha, "alpha");
        }

        /** The Zephyr recipe: β = 0.01, α = 0.001. */
        public static Config recipe() {
            return new Config(0.01, 0.001);
        }

        /** Toy scale (ours): β = 0.1, α = 0.5. */
        public static Config toy() {
            return new Config(0.1, 0.5);
        }
    }

    private Selm() {}

    /** The per-pair loss on sequence log-probs; {@code logPiS}, {@code logRefS} score y_s. */
    public static double loss(double logPiW, double logRefW, double logPiL, double logRefL, double logPiS,
                              double logRefS, Config config) {
        return PairLoss.dpo(PairLoss.margin(logPiW, logRefW, logPiL, logRefL), config.beta())
                + config.alpha() * config.beta() * (logPiS - logRefS);
    }

    /**
     * Re-ranks {y_s, a, b} by the reward: returns {chosen, rejected} = {argmax, argmin} (ties to the
     * earlier of y_s, a, b).
     */
    public static int[] rank(int selfResponse, int a, int b, double[] reward) {
        int[] c = {selfResponse, a, b};
        int best = c[0], worst = c[0];
        for (int y : c) {
            if (reward[y] > reward[best]) best = y;
            if (reward[y] < reward[worst]) worst = y;
        }
        return new int[] {best, worst};
    }

    /** Full-batch objective on a single-context table: mean over pairs of the loss; gradient into {@code gradient}. */
    public static double tabularObjective(double[] logits, double[] logRef, int[] chosen, int[] rejected,
                                          int selfResponse, Config config, double[] gradient) {
        double loss = Dpo.datasetLoss(logits, logRef, chosen, rejected, new Dpo.Config(config.beta()), gradient);
        double[] logPi = Simplex.logSoftmax(logits), bonus = new double[logits.length];
        double c = config.alpha() * config.beta();
        loss += c * (logPi[selfResponse] - logRef[selfResponse]);
        bonus[selfResponse] = c;
        TabularSoftmax.logProbGradientToLogits(bonus, Simplex.exp(logPi));
        for (int i = 0; i < gradient.length; i++) gradient[i] += bonus[i];
        return loss;
    }

    /** {@code steps} full-batch gradient-descent steps from θ = log π_ref (one SELM iteration). */
    public static double[] iterate(double[] reference, int[] chosen, int[] rejected, int selfResponse, Config config,
                                   int steps, double learningRate) {
        Checks.positive(learningRate, "learningRate");
        double[] logRef = Simplex.log(reference), theta = logRef.clone(), g = new double[theta.length];
        for (int s = 0; s < steps; s++) {
            tabularObjective(theta, logRef, chosen, rejected, selfResponse, config, g);
            for (int i = 0; i < theta.length; i++) theta[i] -= learningRate * g[i];
        }
        return theta;
    }
}
