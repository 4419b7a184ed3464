package dev.proxima.bandits.oco;

import dev.proxima.core.rl.MirrorDescent;
import dev.proxima.core.util.Checks;

/**
 * The decision set X together with the mirror map ψ that online mirror descent uses on it. Its
 * one operation is the proximal step
 * <pre>
 *   step(from, v, η) = argmin_{x∈X}  η⟨v, x⟩ + B_ψ(x, from)
 * </pre>
 * which both steps of optimistic OMD (hint step and correction step) are made of.
 *
 * <ul>
 *   <li>{@link #ball}: ψ = ½‖·‖² on {‖x‖ ≤ R}, so the step is Π_X(from − ηv) (spec §2(a)).</li>
 *   <li>{@link #simplex}: ψ = negative entropy on the probability simplex, so the step is the
 *       exponentiated-gradient update from ∝ from·exp(−ηv), computed by the core's KL-proximal
 *       step {@link MirrorDescent#tabularStep} with values −v.</li>
 * </ul>
 */
public sealed interface Geometry {
    /** Dimension of the decision variable. */
    int dimension();

    /** The starting point x̂_1: the centre of X. */
    double[] centre();

    /** Writes argmin_{x∈X} η⟨v, x⟩ + B_ψ(x, from) into {@code out} (which may alias {@code from}). */
    void step(double[] from, double[] v, double eta, double[] out);

    /**
     * ‖v‖²_* in the norm dual to the one ψ is strongly convex in (Euclidean for the ball, max-norm
     * for the entropic simplex): the quantity the self-confident step size accumulates.
     */
    double dualNormSquared(double[] v);

    /** The Euclidean ball of the given radius with ψ = ½‖·‖². */
    static Geometry ball(int dimension, double radius) {
        return new EuclideanBall(dimension, radius);
    }

    /** The probability simplex with the entropic mirror map. */
    static Geometry simplex(int dimension) {
        return new EntropicSimplex(dimension);
    }

    /** ψ = ½‖·‖² on {‖x‖ ≤ radius}; the step is a gradient step followed by Euclidean projection. */
    record EuclideanBall(int dimension, double radius) implements Geometry {
        public EuclideanBall {
            Checks.positive(dimension, "dimension");
            Checks.positive(radius, "radius");
        }

        @Override
        public double[] centre() {
            return new double[dimension];
        }

        @Override
        public void step(double[] from, double[] v, double eta, double[] out) {
            for (int i = 0; i < dimension; i++) out[i] = from[i] - eta * v[i];
            Ball.project(out, radius, out);
        }

        @Override
        public double dualNormSquared(double[] v) {
            double s = 0;
            for (double x : v) s += x * x;
            return s;
        }
    }

    /** Negative entropy on the simplex; the step is multiplicative weights. */
    record EntropicSimplex(int dimension) implements Geometry {
        public EntropicSimplex {
            Checks.require(dimension >= 2, "dimension of a simplex must be >= 2, was " + dimension);
        }

        @Override
        public double[] centre() {
            double[] x = new double[dimension];
            java.util.Arrays.fill(x, 1.0 / dimension);
            return x;
        }

        @Override
        public void step(double[] from, double[] v, double eta, double[] out) {
            double[] logFrom = new double[dimension], values = new double[dimension];
            for (int i = 0; i < dimension; i++) {
                logFrom[i] = Math.log(from[i]);
                values[i] = -v[i]; // the core step maximises ⟨π, Q⟩; we minimise ⟨v, x⟩
            }
            MirrorDescent.tabularStep(logFrom, values, eta, 0, null, out);
            for (int i = 0; i < dimension; i++) out[i] = Math.exp(out[i]);
        }

        @Override
        public double dualNormSquared(double[] v) {
            double m = 0;
            for (double x : v) m = Math.max(m, Math.abs(x));
            return m * m;
        }
    }
}
