package dev.proxima.prefs.rl;

/**
 * The pieces of group-relative REINFORCE made safe off-policy (Trinity-RFT team, "Group-relative
 * REINFORCE is secretly an off-policy algorithm", 2025; spec §2.10): OPMD's baselines and loss scale,
 * AsymRE's shifted baseline, and REC's in-range masks. All three use the token-mean aggregation
 * ({@link Aggregation#TOKEN_MEAN}).
 *
 * <p>For K responses from any behaviour policy, {@code −(1/K)·Σ(r_i − r̄)·∇log π_θ(y_i)} is the
 * gradient, at π_θ = π_old, of a surrogate derived from the KL-regularised optimum; off-policy use
 * then needs regularised updates and shaped data. Stateless and thread-safe.
 */
public final class OffPolicyReinforce {
    /** OPMD's τ (Trinity default). */
    public static final double DEFAULT_TAU = 1;
    /** AsymRE's baseline shift δ. */
    public static final double ASYMRE_DELTA = -0.1;

    private OffPolicyReinforce() {}

    /** OPMD's group baseline b. */
    public enum Baseline {
        /** {@code b = r̄} (default). */
        MEAN,
        /** {@code b = τ·log((1/K)·Σ_j e^{r_j/τ})}, the soft maximum of the group's rewards. */
        LOG_MEAN_EXP
    }

    /**
     * OPMD advantages {@code A_i = r_i − b} (golden A4 for {@link Baseline#MEAN}). The mean baseline
     * is {@link GroupAdvantages#standardized} without std scaling.
     *
     * @param tau τ &gt; 0, used by {@link Baseline#LOG_MEAN_EXP} only
     */
    public static void opmdAdvantages(double[] rewards, int groupSize, Baseline baseline, double tau, double[] out) {
        checkTau(tau);
        GroupAdvantages.standardized(rewards, groupSize, false, out);
        if (baseline == Baseline.MEAN) return;
        for (int from = 0; from < rewards.length; from += groupSize) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < groupSize; i++) max = Math.max(max, rewards[from + i] / tau);
            double sum = 0;
            for (int i = 0; i < groupSize; i++) sum += Math.exp(rewards[from + i] / tau - max);
            double b = tau * (max + Math.log(sum / groupSize));
            for (int i = 0; i < groupSize; i++) out[from + i] = rewards[from + i] - b;
        }
    }

    /**
     * AsymRE advantages {@code A_i = r_i − (r̄ + δ)}, δ = {@link #ASYMRE_DELTA} (golden A3); see
     * {@link GroupAdvantages#shiftedMean}. Trinity's AsymRE preset trains them with the OPMD policy
     * loss ({@link #policyLossScale} at τ = 1), no KL and no entropy term.
     */
    public static void asymreAdvantages(double[] rewards, int groupSize, double[] out) {
        GroupAdvantages.shiftedMean(rewards, groupSize, ASYMRE_DELTA, out);
    }

    /**
     * The factor of Trinity's OPMD (and AsymRE) policy loss, {@code (1/(1+τ))·tokenmean(−A·log π_θ)}:
     * {@code 1/(1 + τ)}, 0.5 at the default τ = 1 (golden A4). It only rescales the step: at
     * π_θ = π_old the gradient is the group REINFORCE gradient times this factor.
     */
    public static double policyLossScale(double tau) {
        checkTau(tau);
        return 1 / (1 + tau);
    }

    /**
     * REC's clipping bounds on the per-token ratio {@code sg(π_θ/π_old)}: the band
     * {@code [1 − ε_low, 1 + ε_high]} and the ring's outer edges {@code 1 − ε'_low} and
     * {@code 1 + ε'_high}. Defaults (Trinity): 0.2, 0.2, 0.6, 2.0.
     */
    public record RecBounds(double epsLow, double epsHigh, double ringLow, double ringHigh) {
        /** Trinity's defaults. */
        public static final RecBounds DEFAULTS = new RecBounds(0.2, 0.2, 0.6, 2.0);

        /** Validates each field; the ring lies outside the band. */
        public RecBounds {
            if (!(epsLow >= 0 && epsLow <= 1)) throw new IllegalArgumentException("epsLow must be in [0, 1], was " + epsLow);
            if (!(epsHigh >= 0) || Double.isInfinite(epsHigh)) {
                throw new IllegalArgumentException("epsHigh must be finite and >= 0, was " + epsHigh);
            }
            if (!(ringLow >= epsLow && ringLow <= 1)) {
                throw new IllegalArgumentException("ringLow must be in [epsLow, 1] = [" + epsLow + ", 1], was " + ringLow);
            }
            if (!(ringHigh >= epsHigh) || Double.isInfinite(ringHigh)) {
                throw new IllegalArgumentException("ringHigh must be finite and >= epsHigh (" + epsHigh + "), was " + ringHigh);
            }
        }
    }

    /**
     * REC's in-range rule: a token's loss {@code −A·log π_θ} counts only where its ratio
     * {@code q = sg(π_θ/π_old)} is in range (golden A15). A = 0 satisfies both sign conditions, and
     * the conditions are joined by "or", so {@link #ONE_SIDE} keeps every ratio when A = 0.
     */
    public enum RecRange {
        /** Every token counts. */
        NONE,
        /** {@code A ≥ 0: q ≤ 1 + ε_high};  {@code A ≤ 0: q ≥ 1 − ε_low}. */
        ONE_SIDE,
        /** {@code 1 − ε_low ≤ q ≤ 1 + ε_high} whatever the sign of A. */
        TWO_SIDE,
        /**
         * The two-sided band, plus {@code q ≤ 1 − ε'_low} for {@code A ≥ 0} and {@code q ≥ 1 + ε'_high}
         * for {@code A ≤ 0}: tokens far off in the direction the update wants are kept.
         */
        RING;

        /** Whether a token with this ratio and advantage counts. */
        public boolean keeps(double ratio, double advantage, RecBounds bounds) {
            boolean band = ratio >= 1 - bounds.epsLow() && ratio <= 1 + bounds.epsHigh();
            boolean up = advantage >= 0, down = advantage <= 0;
            return switch (this) {
                case NONE -> true;
                case ONE_SIDE -> (up && ratio <= 1 + bounds.epsHigh()) || (down && ratio >= 1 - bounds.epsLow());
                case TWO_SIDE -> band;
                case RING -> band || (up && ratio <= 1 - bounds.ringLow()) || (down && ratio >= 1 + bounds.ringHigh());
            };
        }

        /** The mask (1 = kept) for tokens with these ratios and advantages. */
        public void mask(double[] ratios, double[] advantages, RecBounds bounds, float[] out) {
            if (advantages.length != ratios.length || out.length != ratios.length) {
                throw new IllegalArgumentException("ratios, advantages and out must have the same length, were "
                        + ratios.length + ", " + advantages.length + ", " + out.length);
            }
            for (int i = 0; i < ratios.length; i++) out[i] = keeps(ratios[i], advantages[i], bounds) ? 1 : 0;
        }
    }

    private static void checkTau(double tau) {
        if (!(tau > 0) || Double.isInfinite(tau)) throw new IllegalArgumentException("tau must be positive and finite, was " + tau);
    }
}
