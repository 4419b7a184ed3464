package dev.proxima.bandits.linear;

/**
 * Per-arm ridge regression kept in inverse form: {@code A⁻¹} with {@code A = λI + Σ x xᵀ}
 * (Sherman–Morrison rank-one updates, dense) and {@code b = Σ r x}, so that
 * {@code θ̂ = A⁻¹ b}. Shared by LinUCB, LinTS and SquareCB.
 */
final class RidgeArms {
    final int arms;
    final int dim;
    /** [arm][d*d] row-major inverse design matrices. */
    final double[][] inverse;
    final double[][] b;
    private final double[] v;

    RidgeArms(int arms, int dim, double lambda) {
        if (arms <= 0 || dim <= 0) {
            throw new IllegalArgumentException("numActions and context dimension must be > 0, were " + arms + " and " + dim);
        }
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be > 0, was " + lambda);
        }
        this.arms = arms;
        this.dim = dim;
        this.inverse = new double[arms][dim * dim];
        this.b = new double[arms][dim];
        for (double[] m : inverse) {
            for (int i = 0; i < dim; i++) m[i * dim + i] = 1 / lambda;
        }
        this.v = new double[dim];
    }

    /** Copies a context's features into {@code x}, checking its dimension. */
    void load(dev.proxima.core.bandit.Context ctx, double[] x, String who) {
        ctx.requireDimension(dim, who);
        for (int i = 0; i < dim; i++) x[i] = ctx.get(i);
    }

    /** v = A⁻¹x (dense), into {@code out}. */
    void inverseTimes(int arm, double[] x, double[] out) {
        double[] m = inverse[arm];
        for (int i = 0; i < dim; i++) {
            double s = 0;
            for (int j = 0, o = i * dim; j < dim; j++) s += m[o + j] * x[j];
            out[i] = s;
        }
    }

    /** θ̂ᵀx for one arm, leaving A⁻¹x in {@code scratch} (so {@code xᵀ·scratch} is the variance term). */
    double mean(int arm, double[] x, double[] scratch) {
        inverseTimes(arm, x, scratch);
        double mean = 0;
        for (int i = 0; i < dim; i++) mean += b[arm][i] * scratch[i];
        return mean;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    void update(int arm, double[] x, double reward) {
        if (arm < 0 || arm >= arms) {
            throw new IllegalArgumentException("action " + arm + " is outside [0, " + arms + ")");
        }
        inverseTimes(arm, x, v);
        double denom = 1;
        for (int i = 0; i < dim; i++) denom += x[i] * v[i];
        double[] m = inverse[arm];
        for (int i = 0; i < dim; i++) {
            double vi = v[i] / denom;
            for (int j = 0, o = i * dim; j < dim; j++) m[o + j] -= vi * v[j];
        }
        for (int i = 0; i < dim; i++) b[arm][i] += reward * x[i];
    }

    /** Bytes of learned state: the dense inverses and the b vectors. */
    long bytes() {
        return 8L * arms * ((long) dim * dim + dim);
    }
}
