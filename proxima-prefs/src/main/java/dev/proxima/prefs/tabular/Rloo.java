package dev.proxima.prefs.tabular;

import dev.proxima.core.util.Checks;

/**
 * RLOO: REINFORCE with a leave-one-out baseline over the k samples of one prompt.
 *
 * <p>Paper: Ahmadian, Cremer, Gallé, et al. (2024), "Back to Basics: Revisiting REINFORCE Style
 * Optimization for Learning from Human Feedback in LLMs", arXiv:2402.14740; as in TRL's
 * {@code RLOOTrainer}; spec §1.5.
 *
 * <pre>
 *   R_i = r_i − β_KL·Σ_t (log π_old(y_t|·) − log π_ref(y_t|·))     (constant: from the sampler, no gradient)
 *   A_i = R_i − (1/(k−1))·Σ_{j≠i} R_j
 *   L   = mean_i −min(q_i·A_i, clip(q_i, 1−ε, 1+ε)·A_i),  q_i = exp(log π_θ(y_i) − log π_old(y_i))
 *   at μ = 1 (q ≡ 1):  ∇L = −(1/N)·Σ_i A_i·∇log π_θ(y_i)
 * </pre>
 * The leave-one-out baseline does not depend on y_i, so the estimate is unbiased for the gradient
 * of E_π[r] − β_KL·KL(π‖π_ref); a baseline that includes the sample itself scales it by (k−1)/k.
 *
 * <p>Departures: none. Stateless and thread-safe.
 */
public final class Rloo {
    /**
     * @param samples k ≥ 2 per prompt (TRL default 2)
     * @param klCoef  β_KL ≥ 0 (TRL default 0.05)
     * @param clip    ε > 0 (TRL default 0.2)
     */
    public record Config(int samples, double klCoef, double clip) {
        public Config {
            if (samples < 2) {
                throw new IllegalArgumentException("samples must be >= 2 (leave-one-out needs another sample), was "
                        + samples);
            }
            Checks.nonNegative(klCoef, "klCoef");
            Checks.positive(clip, "clip");
        }

        /** k = 2, β_KL = 0.05, ε = 0.2 (TRL). */
        public static Config defaults() {
            return new Config(2, 0.05, 0.2);
        }
    }

    private Rloo() {}

    /** R_i = r_i − β_KL·(log π_old(y_i) − log π_ref(y_i)), sequence log-probs. */
    public static double[] penalisedRewards(double[] rewards, double[] logOld, double[] logRef, double klCoef) {
        double[] out = new double[rewards.length];
        for (int i = 0; i < out.length; i++) out[i] = rewards[i] - klCoef * (logOld[i] - logRef[i]);
        return out;
    }

    /** A_i = R_i − mean of the others. */
    public static double[] advantages(double[] r) {
        int k = r.length;
        if (k < 2) throw new IllegalArgumentException("rewards must hold >= 2 samples for leave-one-out, had " + k);
        double sum = 0;
        for (double v : r) sum += v;
        double[] a = new double[k];
        for (int i = 0; i < k; i++) a[i] = r[i] - (sum - r[i]) / (k - 1);
        return a;
    }

    /**
     * The clipped sequence-level loss of one sample and ∂L/∂log π_θ(y) (returned in {@code dLogPi[0]}
     * when non-null). The derivative is 0 where the clip is active.
     */
    public static double sampleLoss(double logPi, double logOld, double advantage, double clip, double[] dLogPi) {
        double q = Math.exp(logPi - logOld);
        double unclipped = q * advantage, clipped = Math.clamp(q, 1 - clip, 1 + clip) * advantage;
        // Inside the band the two terms are equal; outside it the clipped term wins only where it is
        // constant in θ, so the derivative is that of the unclipped term or zero.
        if (dLogPi != null) dLogPi[0] = unclipped <= clipped ? -q * advantage : 0;
        return -Math.min(unclipped, clipped);
    }

    /**
     * The ascent direction −∇L at μ = 1 for a single-context table: (1/k)·Σ_i A_i·(e_{y_i} − π),
     * accumulated into {@code out} (not cleared).
     */
    public static void addGradientEstimate(int[] samples, double[] advantages, double[] pi, double[] out) {
        int k = samples.length;
        double[] g = new double[pi.length];
        for (int i = 0; i < k; i++) g[samples[i]] += advantages[i] / k;
        TabularSoftmax.logProbGradientToLogits(g, pi);
        for (int y = 0; y < out.length; y++) out[y] += g[y];
    }
}
