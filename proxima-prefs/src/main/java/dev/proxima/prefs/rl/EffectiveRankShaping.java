package dev.proxima.prefs.rl;

/**
 * VERL's advantage shaping from effective-rank indicators of the hidden states (2025; spec §2.19;
 * golden A10). Per response, the indicators ER (effective rank), ERV (its velocity) and ERA (its
 * acceleration) are compared with running baselines {@code m_k}:
 * <pre>
 *   δ_k  = clamp((x_k − m_k) / (|m_k| + 1e-8), −5, 5)
 *   τ    = σ(2·δ_ERA)
 *   aux  = τ·tanh(δ_ER) + (1 − τ)·tanh(δ_ERV)          (weights over (ERA, ERV, ER) are (0, 1 − τ, τ))
 *   A    = A0 + min(ReLU(aux), |A0|/κ),  κ = 2
 * </pre>
 * so the bonus is in {@code [0, |A0|/κ]}, 0 when A0 = 0, and (κ &gt; 1) never flips an advantage's sign. The
 * baselines start at 0 and move only after the step's auxiliaries are computed,
 * {@code m_k ← 0.7·m_k + 0.3·(batch mean of x_k)} ({@link #updatedBaseline}); at step 2 every
 * {@code m_k} is still 0 and every δ saturates at ±5, as in the release. No shaping at step 1.
 * Stateless and thread-safe.
 */
public final class EffectiveRankShaping {
    /** κ: the bonus is at most |A0|/κ. */
    public static final double KAPPA = 2;
    /** The gain g of τ = σ(g·δ_ERA). */
    public static final double GAIN = 2;
    /** |δ_k| clamp. */
    public static final double DELTA_CLAMP = 5;
    /** Weight of the new batch mean in the baseline update. */
    public static final double EMA = 0.3;
    /** Guard in the relative deviation. */
    public static final double EPSILON = 1e-8;

    private EffectiveRankShaping() {}

    /** {@code clamp((x − m)/(|m| + 1e-8), −5, 5)}. */
    public static double relativeDeviation(double x, double m) {
        return Math.clamp((x - m) / (Math.abs(m) + EPSILON), -DELTA_CLAMP, DELTA_CLAMP);
    }

    /** One response's auxiliary value from its indicators and the current baselines. */
    public static double auxiliary(double era, double erv, double er, double mEra, double mErv, double mEr) {
        double tau = 1 / (1 + Math.exp(-GAIN * relativeDeviation(era, mEra)));
        return tau * Math.tanh(relativeDeviation(er, mEr)) + (1 - tau) * Math.tanh(relativeDeviation(erv, mErv));
    }

    /** The baseline after a step whose indicator has this batch mean: {@code 0.7·m + 0.3·mean}. */
    public static double updatedBaseline(double m, double batchMean) {
        return (1 - EMA) * m + EMA * batchMean;
    }

    /**
     * {@code out_i = A0_i + min(max(aux_i, 0), |A0_i|/κ)}.
     *
     * @param kappa κ &gt; 0 ({@link #KAPPA})
     */
    public static void shape(double[] advantages, double[] aux, double kappa, double[] out) {
        if (!(kappa > 0) || Double.isInfinite(kappa)) throw new IllegalArgumentException("kappa must be positive and finite, was " + kappa);
        if (aux.length != advantages.length || out.length != advantages.length) {
            throw new IllegalArgumentException("advantages, aux and out must have the same length, were "
                    + advantages.length + ", " + aux.length + ", " + out.length);
        }
        for (int i = 0; i < advantages.length; i++) {
            out[i] = advantages[i] + Math.min(Math.max(aux[i], 0), Math.abs(advantages[i]) / kappa);
        }
    }
}
