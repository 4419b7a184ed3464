package dev.proxima.bandits.oco;

import dev.proxima.core.util.Checks;

/**
 * Realised regret of a learner on a drawn SEA sequence, against the spec's comparator (§2(b)):
 * <pre>
 *   R_T = Σ_{t≤T} f_t(x_t) − min_{x∈X} Σ_{t≤T} f_t(x)
 * </pre>
 * for every horizon T = 1..n of one run. Because learners only look back, the first T rounds of
 * a run of length n are exactly the run of length T, so one pass gives the whole curve.
 *
 * <h2>Comparator</h2>
 * <ul>
 *   <li>Quadratic families: Σ_{t≤T} f_t(x) = T·½(x − c̄_T)ᵀΛ(x − c̄_T) + ½Σ_i λ_i·Σ_t (c_{t,i} − c̄_{T,i})².
 *       The minimiser is c̄_T when ‖c̄_T‖ ≤ 1, otherwise the Λ-norm projection of c̄_T onto the
 *       ball. The spec computes that projection by projected gradient run to convergence; we solve
 *       its optimality condition x = (Λ + νI)⁻¹Λc̄ directly (same point, no iteration count).
 *       The spread term uses running (Welford) sums, so it stays accurate over 10⁵ rounds.</li>
 *   <li>Exp-concave family: least squares over the ball, min ½xᵀHx − bᵀx + ½Σy² with
 *       H = Σ a_t a_tᵀ, b = Σ y_t a_t.</li>
 * </ul>
 */
public final class Regret {
    private Regret() {}

    /**
     * One run's regret curve. Index T − 1 holds the value for horizon T.
     *
     * @param cumulativeLoss  Σ_{t≤T} f_t(x_t)
     * @param comparatorLoss  min_{x∈X} Σ_{t≤T} f_t(x)
     */
    public record RegretCurve(double[] cumulativeLoss, double[] comparatorLoss) {
        public RegretCurve {
            Checks.require(cumulativeLoss.length == comparatorLoss.length,
                    "cumulativeLoss and comparatorLoss must have the same length, were "
                            + cumulativeLoss.length + " and " + comparatorLoss.length);
        }

        public int horizon() {
            return cumulativeLoss.length;
        }

        /** R_T for 1 ≤ T ≤ horizon. */
        public double at(int rounds) {
            Checks.require(rounds >= 1 && rounds <= horizon(), "rounds must be in [1, " + horizon() + "], was " + rounds);
            return cumulativeLoss[rounds - 1] - comparatorLoss[rounds - 1];
        }

        /** R_1..R_n as a new array. */
        public double[] regret() {
            double[] r = new double[horizon()];
            for (int i = 0; i < r.length; i++) r[i] = cumulativeLoss[i] - comparatorLoss[i];
            return r;
        }
    }

    /** Plays {@code learner} through the whole sequence and records its regret at every T. */
    public static RegretCurve run(SeaModel.Sequence sequence, OnlineLearner learner) {
        int n = sequence.horizon();
        double[] loss = new double[n], best = new double[n];
        double[] g = new double[SeaModel.DIMENSION];
        Comparator comparator = new Comparator(sequence);
        double total = 0;
        for (int t = 1; t <= n; t++) {
            double[] x = learner.play();
            total += sequence.loss(t, x);
            sequence.gradient(t, x, g);
            learner.observe(g);
            loss[t - 1] = total;
            best[t - 1] = comparator.next();
        }
        return new RegretCurve(loss, best);
    }

    /** min_{x∈X} Σ_{t≤T} f_t(x) for one horizon T. */
    public static double comparatorLoss(SeaModel.Sequence sequence, int rounds) {
        Checks.require(rounds >= 1 && rounds <= sequence.horizon(),
                "rounds must be in [1, " + sequence.horizon() + "], was " + rounds);
        Comparator comparator = new Comparator(sequence);
        double v = 0;
        for (int t = 1; t <= rounds; t++) v = comparator.next();
        return v;
    }

    /** argmin_{x∈X} Σ_{t≤T} f_t(x) for one horizon T. */
    public static double[] comparatorPoint(SeaModel.Sequence sequence, int rounds) {
        Checks.require(rounds >= 1 && rounds <= sequence.horizon(),
                "rounds must be in [1, " + sequence.horizon() + "], was " + rounds);
        Comparator comparator = new Comparator(sequence);
        for (int t = 1; t <= rounds; t++) comparator.next();
        return comparator.point.clone();
    }

    /**
     * Least-squares slope of log y against log T; with horizons 10³, 10⁴, 10⁵ it equals the
     * end-to-end slope (log y₃ − log y₁)/(log T₃ − log T₁).
     */
    public static double logLogSlope(int[] horizons, double[] values) {
        Checks.require(horizons.length == values.length && horizons.length >= 2,
                "need at least two (horizon, value) pairs of equal count");
        double mx = 0, my = 0;
        int n = horizons.length;
        for (int i = 0; i < n; i++) {
            Checks.require(values[i] > 0, "log-log slope needs positive values, value " + i + " was " + values[i]);
            mx += Math.log(horizons[i]) / n;
            my += Math.log(values[i]) / n;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(horizons[i]) - mx;
            sxy += dx * (Math.log(values[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    /** Running minimum of Σ_{t≤T} f_t over the ball, one round at a time. */
    static final class Comparator {
        private final SeaModel.Sequence sequence;
        private final boolean quadratic;
        private final double[] lambda;
        private final double[][] hessian = new double[2][2];
        private final double[] linear = new double[2];
        private final double[] mean = new double[2];
        private final double[] spread = new double[2]; // Σ_t (c_{t,i} − c̄_i)², Welford
        private final double[] point = new double[2];
        private double targets; // Σ y_t²
        private int t;

        Comparator(SeaModel.Sequence sequence) {
            this.sequence = sequence;
            this.quadratic = sequence.family() != SeaModel.Family.EXP_CONCAVE;
            this.lambda = sequence.lambdaView();
            if (quadratic) {
                hessian[0][0] = lambda[0];
                hessian[1][1] = lambda[1];
            }
        }

        /** Adds the next round and returns min_x Σ_{s≤t} f_s(x). */
        double next() {
            t++;
            double[] u = sequence.rawVectors();
            int o = 2 * (t - 1);
            return quadratic ? nextQuadratic(u[o], u[o + 1]) : nextLeastSquares(u[o], u[o + 1], sequence.rawTargets()[t - 1]);
        }

        private double nextQuadratic(double c0, double c1) {
            double[] c = {c0, c1};
            for (int i = 0; i < 2; i++) {
                double delta = c[i] - mean[i];
                mean[i] += delta / t;
                spread[i] += delta * (c[i] - mean[i]);
            }
            if (Ball.norm(mean) <= SeaModel.RADIUS) {
                point[0] = mean[0];
                point[1] = mean[1];
            } else {
                linear[0] = lambda[0] * mean[0];
                linear[1] = lambda[1] * mean[1];
                Ball.minimiseQuadratic(hessian, linear, SeaModel.RADIUS, point);
            }
            double gap = 0, base = 0;
            for (int i = 0; i < 2; i++) {
                double r = point[i] - mean[i];
                gap += lambda[i] * r * r;
                base += lambda[i] * spread[i];
            }
            return 0.5 * base + 0.5 * t * gap;
        }

        private double nextLeastSquares(double a0, double a1, double y) {
            hessian[0][0] += a0 * a0;
            hessian[0][1] += a0 * a1;
            hessian[1][0] += a0 * a1;
            hessian[1][1] += a1 * a1;
            linear[0] += y * a0;
            linear[1] += y * a1;
            targets += y * y;
            Ball.minimiseQuadratic(hessian, linear, SeaModel.RADIUS, point);
            double quad = 0;
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) quad += point[i] * hessian[i][j] * point[j];
            }
            double value = 0.5 * quad - linear[0] * point[0] - linear[1] * point[1] + 0.5 * targets;
            return Math.max(value, 0); // a sum of squares; clears rounding below zero
        }
    }
}
