package dev.proxima.bandits.ope;

import dev.proxima.core.math.Cholesky;
import java.util.List;

/**
 * A per-action ridge regression reward model {@code q̂(x, a) = θ_aᵀx}, fitted on logged decisions
 * (each action's model only on the decisions that chose it), for the direct method and doubly
 * robust estimation.
 */
public final class RidgeRewardModel implements OffPolicyEstimators.RewardModel {
    private final double[][] theta;

    private RidgeRewardModel(double[][] theta) {
        this.theta = theta;
    }

    /** Fits θ_a = (λI + Σ x xᵀ)⁻¹ Σ r x per action by solving the normal equations. */
    public static RidgeRewardModel fit(List<LoggedDecision> log, double lambda) {
        if (log.isEmpty()) {
            throw new IllegalArgumentException("log: cannot fit a reward model on no decisions");
        }
        int k = log.get(0).numActions(), d = log.get(0).context().length;
        double[][][] a = new double[k][d][d];
        double[][] b = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < d; i++) a[j][i][i] = lambda;
        }
        for (LoggedDecision e : log) {
            double[] x = e.context();
            if (x.length != d) {
                throw new IllegalArgumentException("context: has " + x.length + " features, expected " + d);
            }
            int j = e.action();
            for (int i = 0; i < d; i++) {
                b[j][i] += e.reward() * x[i];
                for (int m = 0; m < d; m++) a[j][i][m] += x[i] * x[m];
            }
        }
        double[][] theta = new double[k][];
        for (int j = 0; j < k; j++) theta[j] = solve(a[j], b[j]);
        return new RidgeRewardModel(theta);
    }

    @Override
    public double predict(double[] context, int action) {
        double s = 0;
        for (int i = 0; i < context.length; i++) s += theta[action][i] * context[i];
        return s;
    }

    private static double[] solve(double[][] a, double[] b) {
        int d = b.length;
        double[] flat = new double[d * d];
        for (int i = 0; i < d; i++) System.arraycopy(a[i], 0, flat, i * d, d);
        return Cholesky.solve(Cholesky.factor(flat, d), d, b);
    }
}
