package dev.proxima.bandits.linear;

/**
 * Maximize to Explore (MEX) in its exact form on a linear bandit, with the two baselines that
 * share its ridge estimate: LinUCB and greedy.
 *
 * <p>Paper: Liu, Lu, Xiong, Zhong, Hu, Zhang, Zheng, Yang, Wang (2023), "Maximize to Explore: One
 * Objective Function Fusing Estimation, Planning, and Exploration", NeurIPS. On a linear bandit
 * with arm features x_a, MEX picks the arm and parameter that jointly maximise
 * {@code ⟨θ, x_a⟩ − η·(Σ_i (y_i − ⟨θ, x_i⟩)² + λ‖θ‖²)}. For a fixed arm the maximiser is
 * {@code θ_a = θ̂ + A⁻¹x_a/(2η)} with {@code A = λI + Σ x_i x_iᵀ}, {@code θ̂ = A⁻¹ Σ y_i x_i}, so
 * the choice is the arm with the largest index (seeds-control spec §6(a))
 * <pre>
 *   MEX:     ⟨θ̂, x_a⟩ + ‖x_a‖²_{A⁻¹} / (4η)      (η: the theory's coefficient; smaller is more optimistic)
 *   LinUCB:  ⟨θ̂, x_a⟩ + β·‖x_a‖_{A⁻¹}
 *   greedy:  ⟨θ̂, x_a⟩
 * </pre>
 * Ties: among arms within 1e-12 of the best index, the lowest index. {@code A⁻¹} is kept by
 * Sherman–Morrison updates, in double precision.
 */
public final class ExactMex {
    /** Which index the learner maximises. */
    public enum Rule { MEX, LINUCB, GREEDY }

    private final Rule rule;
    private final double coefficient;
    private final int d;
    private final double[] aInverse, b, theta, ax;

    private ExactMex(Rule rule, double coefficient, int dimension, double lambda) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be ≥ 1, was " + dimension);
        }
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be > 0, was " + lambda);
        }
        if (rule != Rule.GREEDY && !(coefficient > 0)) {
            throw new IllegalArgumentException((rule == Rule.MEX ? "etaTheory" : "beta") + " must be > 0, was " + coefficient);
        }
        this.rule = rule;
        this.coefficient = coefficient;
        this.d = dimension;
        this.aInverse = new double[d * d];
        for (int i = 0; i < d; i++) aInverse[i * d + i] = 1 / lambda;
        this.b = new double[d];
        this.theta = new double[d];
        this.ax = new double[d];
    }

    /** Exact MEX with the theory's coefficient η (spec default 0.1). */
    public static ExactMex mex(int dimension, double lambda, double etaTheory) {
        return new ExactMex(Rule.MEX, etaTheory, dimension, lambda);
    }

    /** LinUCB with confidence width β on the shared parameter. */
    public static ExactMex linUcb(int dimension, double lambda, double beta) {
        return new ExactMex(Rule.LINUCB, beta, dimension, lambda);
    }

    /** Greedy ridge regression. */
    public static ExactMex greedy(int dimension, double lambda) {
        return new ExactMex(Rule.GREEDY, 0, dimension, lambda);
    }

    /** The index of arm features {@code x} under this learner's rule. */
    public double index(double[] x) {
        double mean = 0, norm2 = 0;
        for (int i = 0; i < d; i++) {
            mean += theta[i] * x[i];
            double s = 0;
            for (int j = 0; j < d; j++) s += aInverse[i * d + j] * x[j];
            norm2 += x[i] * s;
        }
        return switch (rule) {
            case MEX -> mean + norm2 / (4 * coefficient);
            case LINUCB -> mean + coefficient * Math.sqrt(Math.max(0, norm2));
            case GREEDY -> mean;
        };
    }

    /** The arm to pull: the largest index, lowest arm among near-ties. */
    public int choose(double[][] arms) {
        double[] idx = new double[arms.length];
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < arms.length; a++) {
            idx[a] = index(arms[a]);
            best = Math.max(best, idx[a]);
        }
        for (int a = 0; a < arms.length; a++) {
            if (idx[a] >= best - 1e-12) {
                return a;
            }
        }
        throw new IllegalStateException("no arm has a finite index");
    }

    /** Adds the observation {@code (x, y)}: Sherman–Morrison on A⁻¹, then θ̂ = A⁻¹b. */
    public void update(double[] x, double y) {
        double denominator = 1;
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) s += aInverse[i * d + j] * x[j];
            ax[i] = s;
            denominator += x[i] * s;
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) aInverse[i * d + j] -= ax[i] * ax[j] / denominator;
        }
        for (int i = 0; i < d; i++) b[i] += y * x[i];
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) s += aInverse[i * d + j] * b[j];
            theta[i] = s;
        }
    }

    /** The current estimate θ̂ (a copy). */
    public double[] theta() {
        return theta.clone();
    }
}
