package dev.proxima.bandits.linear;

import dev.proxima.bandits.BanditPolicy;
import dev.proxima.core.bandit.Context;
import dev.proxima.core.util.Checks;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Diag-LinUCB, the online learner of "Online Matching: A Real-time Bandit System for Large-scale
 * Recommendations" (Yi et al., RecSys 2023, arXiv:2307.15893), as spec §4(a) records it: LinUCB
 * over sparse user-cluster contexts w_u ∈ ℝ^C that keeps only the diagonal of each item's design
 * matrix, so each (item j, cluster c) edge holds two scalars:
 * <pre>
 *   d_jc ← λ,  b_jc ← 0
 *   feedback r for (u, j):   d_jc += w_uc²,  b_jc += w_uc·r        for c in supp(w_u)
 *   UCB_j(u) = Σ_c w_uc·b_jc/d_jc + α·sqrt(Σ_c w_uc²/d_jc)
 * </pre>
 * The item with the largest score is chosen (ties within 1e-9 to the lowest index) with probability
 * 1. With one-hot contexts it is exactly per-item LinUCB; work per decision is J·K instead of J·C².
 *
 * <p><b>Thread safety.</b> Updates are commutative per-edge sums, so {@link #update} may be called
 * from many threads at once: each edge statistic is an atomic double updated by compare-and-set.
 * Concurrent and sequential feedback give the same statistics up to floating-point summation
 * order. Scoring may run concurrently with updates; it reads each edge without synchronisation,
 * so it may miss an update that is still in flight, never a torn value.
 */
public final class DiagLinUcb implements BanditPolicy {
    private final int items;
    private final int clusters;
    private final double alpha;
    private final AtomicLongArray d;
    private final AtomicLongArray b;
    private final double[] scores;

    /**
     * @param items    J, the number of actions
     * @param clusters C, the context dimension
     * @param alpha    exploration width α ≥ 0 (spec §4: 1.0; 0 gives greedy-diag)
     * @param lambda   initial diagonal λ > 0 (spec §4: 1)
     */
    public DiagLinUcb(int items, int clusters, double alpha, double lambda) {
        Checks.positive(items, "items");
        Checks.positive(clusters, "clusters");
        Checks.positive(lambda, "lambda");
        this.items = items;
        this.clusters = clusters;
        this.alpha = Checks.nonNegative(alpha, "alpha");
        this.d = new AtomicLongArray(items * clusters);
        this.b = new AtomicLongArray(items * clusters);
        long lambdaBits = Double.doubleToRawLongBits(lambda);
        for (int i = 0; i < items * clusters; i++) d.set(i, lambdaBits);
        this.scores = new double[items];
    }

    @Override
    public String name() {
        return alpha == 0 ? "greedy-diag" : "diag-linucb";
    }

    @Override
    public int numActions() {
        return items;
    }

    @Override
    public void probabilities(Context w, double[] out) {
        scores(w, scores);
        Arrays.fill(out, 0);
        out[BanditPolicy.argmax(scores, 1e-9)] = 1;
    }

    /** UCB scores of every item; touches only the context's non-zero clusters. */
    public void scores(Context w, double[] out) {
        w.requireDimension(clusters, "diag-linucb");
        int[] support = w.support();
        for (int j = 0; j < items; j++) {
            double mean = 0, width = 0;
            int base = j * clusters;
            for (int c : support) {
                double wc = w.get(c);
                // Plain reads: scoring needs no ordering with concurrent updates, only values that
                // each were written whole (which 64-bit array elements guarantee).
                double dj = Double.longBitsToDouble(d.getPlain(base + c));
                mean += wc * Double.longBitsToDouble(b.getPlain(base + c)) / dj;
                width += wc * wc / dj;
            }
            out[j] = mean + alpha * Math.sqrt(width);
        }
    }

    /** Adds one feedback event; safe to call from several threads at once. */
    @Override
    public void update(Context w, int item, double reward) {
        w.requireDimension(clusters, "diag-linucb");
        if (item < 0 || item >= items) {
            throw new IllegalArgumentException("action " + item + " is outside [0, " + items + ")");
        }
        int base = item * clusters;
        for (int c : w.support()) {
            double wc = w.get(c);
            add(d, base + c, wc * wc);
            add(b, base + c, wc * reward);
        }
    }

    private static void add(AtomicLongArray array, int i, double delta) {
        long old, next;
        do {
            old = array.get(i);
            next = Double.doubleToRawLongBits(Double.longBitsToDouble(old) + delta);
        } while (!array.compareAndSet(i, old, next));
    }

    /** d_jc and b_jc of edge (item, cluster). */
    public double[] edge(int item, int cluster) {
        int i = item * clusters + cluster;
        return new double[] {Double.longBitsToDouble(d.get(i)), Double.longBitsToDouble(b.get(i))};
    }

    /** Bytes of learned state: two doubles per edge. */
    public long stateBytes() {
        return 16L * items * clusters;
    }
}
