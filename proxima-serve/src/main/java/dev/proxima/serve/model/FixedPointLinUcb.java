package dev.proxima.serve.model;

import dev.proxima.core.math.Cholesky;
import dev.proxima.core.util.Checks;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Disjoint LinUCB (Li et al. 2010) for serving: per action, {@code A = λI + Σ x xᵀ} and
 * {@code b = Σ r x} kept as fixed-point sums (exact, so replays are bit-identical), and
 * {@code score = θᵀx + α·sqrt(xᵀA⁻¹x)} with θ = A⁻¹b. The Cholesky factor of A is computed once
 * per update and cached with the statistics, so scoring costs two triangular solves.
 */
public final class FixedPointLinUcb implements ServingLearner {
    private final int dim;
    private final double alpha;
    private final long lambda;

    /** Statistics plus the factor derived from them, replaced together on every update. */
    private record State(long[] a, long[] b, double[] cholesky, double[] theta) {}

    private final Map<String, State> states = new ConcurrentHashMap<>();

    public FixedPointLinUcb(int dimension, double alpha, double lambda) {
        this.dim = Checks.positive(dimension, "dimension");
        this.alpha = Checks.nonNegative(alpha, "alpha");
        this.lambda = ServingLearner.toFixed(Checks.positive(lambda, "lambda"));
    }

    @Override
    public String describe() {
        return "linucb(alpha=" + alpha + ")";
    }

    private State prior() {
        long[] a = new long[dim * dim];
        for (int i = 0; i < dim; i++) a[i * dim + i] = lambda;
        return derive(a, new long[dim]);
    }

    private State derive(long[] a, long[] b) {
        double[] ad = new double[dim * dim], rhs = new double[dim];
        for (int i = 0; i < ad.length; i++) ad[i] = a[i] / FixedPointDiagLinUcb.SCALE;
        for (int i = 0; i < dim; i++) rhs[i] = b[i] / FixedPointDiagLinUcb.SCALE;
        double[] l = Cholesky.factor(ad, dim);
        return new State(a, b, l, Cholesky.solve(l, dim, rhs));
    }

    @Override
    public double score(String action, SparseVector w) {
        State s = states.get(action);
        if (s == null) {
            s = prior();
        }
        double[] x = new double[dim];
        for (int k = 0; k < w.size(); k++) x[w.index(k)] = w.value(k);
        double mean = 0;
        for (int i = 0; i < dim; i++) mean += s.theta()[i] * x[i];
        double width = 0; // xᵀA⁻¹x = |L⁻¹x|²
        for (double z : Cholesky.forward(s.cholesky(), dim, x)) width += z * z;
        return mean + alpha * Math.sqrt(width);
    }

    @Override
    public synchronized void update(String action, SparseVector w, double reward) {
        State s = states.getOrDefault(action, prior());
        long[] a = s.a().clone(), b = s.b().clone();
        for (int p = 0; p < w.size(); p++) {
            int i = w.index(p);
            if (i < 0 || i >= dim) {
                throw new IllegalArgumentException("feature " + i + " is outside [0, " + dim + ")");
            }
            b[i] = Math.addExact(b[i], ServingLearner.toFixed(w.value(p) * reward));
            for (int q = 0; q < w.size(); q++) {
                int j = w.index(q);
                a[i * dim + j] = Math.addExact(a[i * dim + j], ServingLearner.toFixed(w.value(p) * w.value(q)));
            }
        }
        states.put(action, derive(a, b));
    }

    @Override
    public synchronized Map<String, long[][]> statistics() {
        Map<String, long[][]> out = new TreeMap<>();
        states.forEach((k, v) -> out.put(k, new long[][] {v.a().clone(), v.b().clone()}));
        return out;
    }

    @Override
    public synchronized void restore(Map<String, long[][]> statistics) {
        states.clear();
        statistics.forEach((k, v) -> {
            if (v[0].length != dim * dim || v[1].length != dim) {
                throw new IllegalArgumentException("snapshot statistics for '" + k + "' do not fit dimension " + dim);
            }
            states.put(k, derive(v[0].clone(), v[1].clone()));
        });
    }

    @Override
    public int actions() {
        return states.size();
    }
}
