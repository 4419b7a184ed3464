package dev.proxima.prefs.rl;

import java.util.Arrays;

/**
 * GARDO's gated KL regularisation (He et al. 2025, "gated, adaptive and diversity-aware
 * optimisation"; spec §2.7 items 1–3; golden A16): which samples of the optimiser batch get the KL
 * term, and how the gate's fraction g adapts. The diversity-aware advantage is
 * {@link GroupAdvantages#diversityAware}.
 *
 * <ol>
 *   <li>Uncertainty {@code u_i} from rank disagreement between the proxy reward and auxiliary rewards
 *       over the whole batch ({@link #uncertainty}).</li>
 *   <li>Gate: with {@code U+ = {u_i ≥ 0}}, the threshold θ is the {@code (100 − 100g)}-th percentile
 *       of U+ with linear interpolation between order statistics; a sample is gated when
 *       {@code u_i > θ} (strict). The KL term is {@code β_KL·}(mean per-sample KL over the gated
 *       samples), 0 when none is gated; the policy term averages over all samples.</li>
 *   <li>Risk compensator: g adapts once per batch, before the gate, from {@code m = mean U+}
 *       ({@link RiskCompensator}).</li>
 * </ol>
 * Stateless and thread-safe; the compensator is an immutable value.
 */
public final class RiskGate {
    /** GARDO's KL coefficient β_KL. */
    public static final double BETA_KL = 0.04;

    private RiskGate() {}

    /** Which way the rank disagreement counts as risk. */
    public enum Sign {
        /**
         * {@code u_i = mean_k rank_aux,k(i) − rank_proxy(i)}: risky samples are those the proxy ranks
         * better than the auxiliary models do (the paper's intent; default).
         */
        PROXY_OPTIMISTIC,
        /** {@code u_i = rank_proxy(i) − mean_k rank_aux,k(i)}, the sign of the released script. */
        SCRIPT_SIGN
    }

    /**
     * Per-sample uncertainty from ranks over the whole batch (all prompts). Ranks are by descending
     * reward, 1 = best; ties keep the order of the samples (the earlier sample ranks better).
     *
     * @param proxy     the proxy reward of each sample
     * @param auxiliary one row per auxiliary reward model, each with one entry per sample
     */
    public static double[] uncertainty(double[] proxy, double[][] auxiliary, Sign sign) {
        if (auxiliary.length == 0) throw new IllegalArgumentException("auxiliary must hold at least one reward model");
        double[] proxyRank = ranks(proxy);
        double[] auxMean = new double[proxy.length];
        for (int k = 0; k < auxiliary.length; k++) {
            if (auxiliary[k].length != proxy.length) {
                throw new IllegalArgumentException("auxiliary row " + k + " has " + auxiliary[k].length + " rewards for "
                        + proxy.length + " samples");
            }
            double[] r = ranks(auxiliary[k]);
            for (int i = 0; i < r.length; i++) auxMean[i] += r[i] / auxiliary.length;
        }
        double[] u = new double[proxy.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = sign == Sign.PROXY_OPTIMISTIC ? auxMean[i] - proxyRank[i] : proxyRank[i] - auxMean[i];
        }
        return u;
    }

    /**
     * The gate threshold θ: the {@code (100 − 100g)}-th percentile of the non-negative uncertainties
     * with linear interpolation (position {@code (1 − g)·(n − 1)} in sorted order), NaN when none is
     * non-negative.
     *
     * @param gateFraction g ∈ [0, 1]
     */
    public static double threshold(double[] u, double gateFraction) {
        checkFraction(gateFraction);
        double[] positive = Arrays.stream(u).filter(v -> v >= 0).sorted().toArray();
        if (positive.length == 0) return Double.NaN;
        double position = (1 - gateFraction) * (positive.length - 1);
        int lo = (int) Math.floor(position), hi = Math.min(lo + 1, positive.length - 1);
        return positive[lo] + (position - lo) * (positive[hi] - positive[lo]);
    }

    /** Gated samples: {@code u_i > θ} (strict); none when no uncertainty is non-negative. */
    public static boolean[] gate(double[] u, double gateFraction) {
        double theta = threshold(u, gateFraction);
        boolean[] gated = new boolean[u.length];
        for (int i = 0; i < u.length; i++) gated[i] = u[i] > theta; // false against NaN
        return gated;
    }

    /** {@code m}, the mean of the non-negative uncertainties (NaN when there are none). */
    public static double meanNonNegative(double[] u) {
        return Arrays.stream(u).filter(v -> v >= 0).average().orElse(Double.NaN);
    }

    /**
     * The risk compensator: g after the batches seen so far and the window of their m values (at most
     * {@link #WINDOW}, oldest first). {@link #next} is the once-per-batch update, applied before that
     * batch's gate: the first batch sets g = 0.1; afterwards m above every value in the window gives
     * {@code g ← 1.1·g}, m below every value {@code g ← 0.9·g}, otherwise g stays; g is clipped to
     * [0.02, 0.2]; then m joins the window (the oldest leaves beyond {@link #WINDOW}). Records
     * compare their window by reference.
     */
    public record RiskCompensator(double gateFraction, double[] window) {
        /** g for the first batch. */
        public static final double INITIAL = 0.1;
        /** The bounds of g. */
        public static final double MIN = 0.02, MAX = 0.2;
        /** Growth and shrink factors. */
        public static final double UP = 1.1, DOWN = 0.9;
        /** How many previous m values are compared. */
        public static final int WINDOW = 20;

        /** Copies the window; at most {@link #WINDOW} finite values. */
        public RiskCompensator {
            if (window.length > WINDOW) {
                throw new IllegalArgumentException("window must hold at most " + WINDOW + " values, held " + window.length);
            }
            window = window.clone();
            checkFraction(gateFraction);
        }

        /** Before the first batch: empty window, g = {@link #INITIAL}. */
        public static RiskCompensator start() {
            return new RiskCompensator(INITIAL, new double[0]);
        }

        /** The window (a copy). */
        @Override
        public double[] window() {
            return window.clone();
        }

        /** The compensator after a batch whose non-negative uncertainties have mean m. */
        public RiskCompensator next(double m) {
            if (!Double.isFinite(m)) throw new IllegalArgumentException("m must be finite, was " + m);
            double g;
            if (window.length == 0) {
                g = INITIAL;
            } else {
                double max = Arrays.stream(window).max().orElseThrow(), min = Arrays.stream(window).min().orElseThrow();
                g = m > max ? gateFraction * UP : m < min ? gateFraction * DOWN : gateFraction;
            }
            g = Math.clamp(g, MIN, MAX);
            int keep = Math.min(window.length, WINDOW - 1);
            double[] next = new double[keep + 1];
            System.arraycopy(window, window.length - keep, next, 0, keep);
            next[keep] = m;
            return new RiskCompensator(g, next);
        }
    }

    private static double[] ranks(double[] rewards) {
        Integer[] order = new Integer[rewards.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(rewards[b], rewards[a])); // stable: ties keep sample order
        double[] rank = new double[rewards.length];
        for (int r = 0; r < order.length; r++) rank[order[r]] = r + 1;
        return rank;
    }

    private static void checkFraction(double gateFraction) {
        if (!(gateFraction >= 0 && gateFraction <= 1)) {
            throw new IllegalArgumentException("gateFraction (g) must be in [0, 1], was " + gateFraction);
        }
    }
}
