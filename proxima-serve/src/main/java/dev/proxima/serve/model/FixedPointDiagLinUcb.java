package dev.proxima.serve.model;

import dev.proxima.core.util.Checks;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Diag-LinUCB (spec §4) with its sufficient statistics in fixed point, for serving: each
 * (action, feature) edge keeps {@code d = λ + Σ w²} and {@code b = Σ w·r} as 64-bit integers
 * scaled by 2^32 (serving spec §6.2). Each update's deltas are rounded to the grid once and then
 * added exactly ({@link Math#addExact}), so the statistics are a pure function of the multiset of
 * applied events: replaying a log, or merging shards in any order, gives the same bits. The grid
 * step 2^-32 allows about 2·10⁹ unit-weight events per edge before overflow, which throws.
 *
 * <p>Actions are identified by string ids and get fresh edges (only the prior) on first sight.
 *
 * <p>Thread safety: {@link #score} may run concurrently with one updating thread; updates to
 * one action's arrays are published by replacing the array (copy-on-write), so a score never
 * sees half an update.
 */
public final class FixedPointDiagLinUcb implements ServingLearner {
    public static final double SCALE = 0x1p32;

    private final int dimension;
    private final double alpha;
    private final long lambda;
    private final Map<String, long[]> d = new ConcurrentHashMap<>();
    private final Map<String, long[]> b = new ConcurrentHashMap<>();

    /**
     * @param dimension number of features (the featurizer's buckets)
     * @param alpha     exploration width α ≥ 0 (spec §4: 1.0)
     * @param lambda    prior diagonal λ > 0 (spec §4: 1)
     */
    public FixedPointDiagLinUcb(int dimension, double alpha, double lambda) {
        this.dimension = Checks.positive(dimension, "dimension");
        this.alpha = Checks.nonNegative(alpha, "alpha");
        this.lambda = toFixed(Checks.positive(lambda, "lambda"));
    }

    static long toFixed(double x) {
        return ServingLearner.toFixed(x);
    }

    @Override
    public String describe() {
        return "diag-linucb(alpha=" + alpha + ")";
    }

    /**
     * The fixed-point increment of an edge's {@code d} when its feature has weight {@code w}:
     * {@code w²} rounded to the grid once. An update adds exactly this, so sums of these
     * increments computed elsewhere (distributed mode) match {@link #update} bit for bit.
     */
    public static long deltaD(double w) {
        return toFixed(w * w);
    }

    /** The fixed-point increment of an edge's {@code b} for weight {@code w} and reward {@code r}: {@code w·r} rounded once. */
    public static long deltaB(double w, double r) {
        return toFixed(w * r);
    }

    /** UCB score of {@code action} for features {@code w}: Σ w·b/d + α·sqrt(Σ w²/d). */
    @Override
    public double score(String action, SparseVector w) {
        long[] dd = d.get(action), bb = b.get(action);
        double mean = 0, width = 0;
        for (int k = 0; k < w.size(); k++) {
            int c = w.index(k);
            double wc = w.value(k);
            double dc = (dd == null ? lambda : dd[c]) / SCALE;
            double bc = bb == null ? 0 : bb[c] / SCALE;
            mean += wc * bc / dc;
            width += wc * wc / dc;
        }
        return mean + alpha * Math.sqrt(width);
    }

    /** Applies the reward {@code r} for {@code action} shown with features {@code w}. */
    @Override
    public synchronized void update(String action, SparseVector w, double r) {
        long[] dd = d.computeIfAbsent(action, k -> prior()).clone();
        long[] bb = b.computeIfAbsent(action, k -> new long[dimension]).clone();
        for (int k = 0; k < w.size(); k++) {
            int c = w.index(k);
            if (c < 0 || c >= dimension) {
                throw new IllegalArgumentException("feature " + c + " is outside [0, " + dimension + ")");
            }
            double wc = w.value(k);
            dd[c] = Math.addExact(dd[c], deltaD(wc));
            bb[c] = Math.addExact(bb[c], deltaB(wc, r));
        }
        d.put(action, dd);
        b.put(action, bb);
    }

    /**
     * Sets some of an action's edges to statistics merged elsewhere (distributed mode): edge
     * {@code features[k]} gets {@code d = λ + dSums[k]} and {@code b = bSums[k]}, where the sums
     * are totals of {@link #deltaD} and {@link #deltaB} over every applied event. Other edges keep
     * their values; a new action starts from the prior.
     */
    public synchronized void setMergedSums(String action, int[] features, long[] dSums, long[] bSums) {
        if (features.length != dSums.length || features.length != bSums.length) {
            throw new IllegalArgumentException("features, dSums and bSums differ in length");
        }
        long[] dd = d.computeIfAbsent(action, k -> prior()).clone();
        long[] bb = b.computeIfAbsent(action, k -> new long[dimension]).clone();
        for (int k = 0; k < features.length; k++) {
            int c = features[k];
            if (c < 0 || c >= dimension) {
                throw new IllegalArgumentException("feature " + c + " is outside [0, " + dimension + ")");
            }
            dd[c] = Math.addExact(lambda, dSums[k]);
            bb[c] = bSums[k];
        }
        d.put(action, dd);
        b.put(action, bb);
    }

    private long[] prior() {
        long[] p = new long[dimension];
        java.util.Arrays.fill(p, lambda);
        return p;
    }

    /** A copy of the raw fixed-point statistics, {@code {d, b}} per action id, for snapshots and comparison. */
    @Override
    public synchronized Map<String, long[][]> statistics() {
        Map<String, long[][]> out = new java.util.TreeMap<>();
        d.forEach((k, v) -> out.put(k, new long[][] {v.clone(), b.get(k).clone()}));
        return out;
    }

    /** Replaces the statistics by a snapshot's. */
    @Override
    public synchronized void restore(Map<String, long[][]> stats) {
        d.clear();
        b.clear();
        stats.forEach((k, v) -> {
            if (v[0].length != dimension || v[1].length != dimension) {
                throw new IllegalArgumentException("snapshot statistics for '" + k + "' have dimension " + v[0].length
                        + ", the model has " + dimension);
            }
            d.put(k, v[0].clone());
            b.put(k, v[1].clone());
        });
    }

    public int dimension() {
        return dimension;
    }

    public double alpha() {
        return alpha;
    }

    /** Number of actions with learned statistics. */
    @Override
    public int actions() {
        return d.size();
    }
}
