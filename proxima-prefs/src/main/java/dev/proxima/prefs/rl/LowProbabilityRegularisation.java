package dev.proxima.prefs.rl;

import dev.proxima.prefs.loss.KlEstimators;
import java.util.Arrays;

/**
 * Lp-Reg's protection of low-probability tokens ("low-probability tokens sustain exploration",
 * Tencent 2025; spec §2.8; golden A8). Three pieces:
 * <ol>
 *   <li>{@link #proxyLogProbs}: at sampling time, from π_old's next-token distribution p, keep the
 *       tokens with {@code p ≥ κ·max(p)} (κ = 0.02), give the others the logit −1e4 and renormalise:
 *       π_proxy. Only log π_proxy of the sampled token is stored.</li>
 *   <li>{@link #selectNegatives}: among the valid response tokens with A &lt; 0 of the optimiser batch,
 *       the fraction f_neg = 1% with the lowest current log π_θ, {@code k = max(1, ⌊f_neg·N_neg⌋)};
 *       as released, nothing is selected unless k &gt; 1 (so below N_neg = 200 at 1% the
 *       regulariser is off: count and log the regularised tokens).</li>
 *   <li>{@link #regularised}: of the selected tokens, those now below the proxy,
 *       {@code log π_θ < log π_proxy}. Their per-token loss becomes {@code −A·q} (no clipping) plus
 *       {@code β_reg·k3(log π_θ, log π_proxy)} ({@link #penalty}, β_reg = 1); every other token keeps
 *       the clipped surrogate with ε_low = 1, ε_high = 9.</li>
 * </ol>
 * A token the filter removed has log π_proxy ≈ −1e4 and so is never regularised. Stateless and
 * thread-safe.
 */
public final class LowProbabilityRegularisation {
    /** κ, the min-p filter relative to the most likely token. */
    public static final double KAPPA = 0.02;
    /** The logit given to filtered tokens. */
    public static final double FILTERED_LOGIT = -1e4;
    /** f_neg, the fraction of negative-advantage tokens considered. */
    public static final double NEGATIVE_FRACTION = 0.01;
    /** β_reg, the weight of the k3 term. */
    public static final double BETA_REG = 1;
    /** The clip range of the unregularised tokens (run scripts): the lower clamp sits at ratio 0. */
    public static final double EPS_LOW = 1.0, EPS_HIGH = 9.0;

    private LowProbabilityRegularisation() {}

    /**
     * log π_proxy over the whole vocabulary, from π_old's logits at one position: tokens with
     * {@code softmax(logits) ≥ κ·max softmax(logits)} keep their logit, the others get
     * {@link #FILTERED_LOGIT}, and the result is log-softmaxed.
     *
     * @param kappa κ ∈ [0, 1]; 0 keeps every token, 1 only the most likely
     */
    public static double[] proxyLogProbs(double[] logits, double kappa) {
        if (!(kappa >= 0 && kappa <= 1)) throw new IllegalArgumentException("kappa must be in [0, 1], was " + kappa);
        if (logits.length == 0) throw new IllegalArgumentException("logits must not be empty");
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            if (!Double.isFinite(z)) throw new IllegalArgumentException("logits must be finite, found " + z);
            max = Math.max(max, z);
        }
        // p_v / max p = e^{z_v − max z}, so the filter needs no normaliser.
        double[] kept = new double[logits.length];
        double keptMax = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < logits.length; v++) {
            kept[v] = Math.exp(logits[v] - max) >= kappa ? logits[v] : FILTERED_LOGIT;
            keptMax = Math.max(keptMax, kept[v]);
        }
        double sum = 0;
        for (double z : kept) sum += Math.exp(z - keptMax);
        double logZ = keptMax + Math.log(sum);
        for (int v = 0; v < kept.length; v++) kept[v] -= logZ;
        return kept;
    }

    /**
     * The negative-advantage tokens Lp-Reg looks at: among tokens with {@code mask > 0} and
     * {@code A < 0}, the k with the lowest log π_θ, {@code k = max(1, ⌊fraction·N_neg⌋)}; none
     * unless k &gt; 1 (the release's rule). Ties in log π_θ go to the earlier token.
     *
     * @param advantages per token (the response's advantage copied to its tokens)
     * @param logPi      current log π_θ of each token's sampled token
     * @param mask       1 on response tokens, 0 on prompt and padding
     * @param fraction   f_neg ∈ [0, 1]
     */
    public static boolean[] selectNegatives(double[] advantages, double[] logPi, float[] mask, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("fraction must be in [0, 1], was " + fraction);
        if (logPi.length != advantages.length || mask.length != advantages.length) {
            throw new IllegalArgumentException("advantages, logPi and mask must have the same length, were "
                    + advantages.length + ", " + logPi.length + ", " + mask.length);
        }
        int negatives = 0;
        for (int i = 0; i < advantages.length; i++) if (mask[i] > 0 && advantages[i] < 0) negatives++;
        Integer[] candidates = new Integer[negatives];
        for (int i = 0, c = 0; i < advantages.length; i++) if (mask[i] > 0 && advantages[i] < 0) candidates[c++] = i;
        Arrays.sort(candidates, (a, b) -> Double.compare(logPi[a], logPi[b])); // stable
        int k = Math.max(1, (int) Math.floor(fraction * negatives));
        boolean[] selected = new boolean[advantages.length];
        if (k > 1) for (int r = 0; r < Math.min(k, negatives); r++) selected[candidates[r]] = true;
        return selected;
    }

    /** Of the selected tokens, those to regularise: {@code log π_θ < log π_proxy}. */
    public static boolean[] regularised(boolean[] selected, double[] logPi, double[] logProxy) {
        if (logPi.length != selected.length || logProxy.length != selected.length) {
            throw new IllegalArgumentException("selected, logPi and logProxy must have the same length, were "
                    + selected.length + ", " + logPi.length + ", " + logProxy.length);
        }
        boolean[] out = new boolean[selected.length];
        for (int i = 0; i < out.length; i++) out[i] = selected[i] && logPi[i] < logProxy[i];
        return out;
    }

    /**
     * The regulariser of one regularised token, {@code k3(log π_θ, log π_proxy) = e^δ − δ − 1} with
     * {@code δ = log π_proxy − log π_θ} ({@link KlEstimators}, verl's clamps), before the weight β_reg.
     */
    public static double penalty(double logPi, double logProxy) {
        return KlEstimators.estimate(KlEstimators.Kind.K3, logPi, logProxy);
    }
}
