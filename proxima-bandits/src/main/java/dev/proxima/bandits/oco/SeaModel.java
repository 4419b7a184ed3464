package dev.proxima.bandits.oco;

import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;
import java.util.List;

/**
 * The synthetic generator of the stochastically extended adversarial (SEA) model of spec §2(b):
 * at round t nature fixes a distribution 𝒟_t (here: a mean m_t that may switch adversarially) and
 * draws the loss f_t ∼ 𝒟_t (here: Gaussian noise around m_t). The stochastic variance σ²_{1:T} and
 * the adversarial variation Σ²_{1:T} of the drawn sequence are known in closed form.
 *
 * <h2>Families (d = 2, X = unit ball, D = 2, G ≤ 2, L = 1)</h2>
 * <pre>
 *   CONVEX            f_t(x) = ½ Σ_i λ_i (x_i − c_{t,i})²,   λ = (1, 0.003)
 *   STRONGLY_CONVEX   the same with λ = (1, 0.5)
 *   c_t = m_t + σ·ξ_t,  ξ_t ∼ N(0, I)
 *   m_t = c₀ = (0.3, 0.6)                              stationary (period 0)
 *   m_t = c₀ + s_t·0.2·amp·(1, 1),  s_t = +1 on rounds 1..P, −1 on P+1..2P, ...   switching
 *   EXP_CONCAVE       f_t(x) = ½(⟨a_t, x⟩ − y_t)²,  a_t = (cos φ_t, sin φ_t),  φ_t ∼ U[0, 2π),
 *                     y_t = ⟨a_t, x*⟩ + σ·ξ_t,  x* = (0.3, 0.6);   α = 1/4
 * </pre>
 * Variances (quadratic families): σ²_{1:T} = T·σ²·Σλ_i², and Σ²_{1:T} = (number of switches among
 * rounds 2..T)·‖Λ·0.4·amp·(1, 1)‖², the switches being at rounds P+1, 2P+1, ....
 *
 * <h2>Random streams</h2>
 * One root {@link Rng} per seed; each random component gets its own child stream split from it in
 * a fixed order: ξ for the quadratic families; φ then ξ for the exp-concave family. The whole
 * sequence is drawn up front for the configured horizon, so the run for a shorter horizon T uses
 * the first T rounds of the same draw (spec §2(b)), and σ only scales the same ξ.
 */
public final class SeaModel {
    private SeaModel() {}

    /** d of the testbed. */
    public static final int DIMENSION = 2;
    /** R of X = {‖x‖ ≤ R}. */
    public static final double RADIUS = 1.0;
    /** D, the diameter of X. */
    public static final double DIAMETER = 2.0;
    /** G, the gradient bound the spec uses to tune the baselines. */
    public static final double GRADIENT_BOUND = 2.0;
    /** L, the smoothness of every family. */
    public static final double SMOOTHNESS = 1.0;
    /** α of the exp-concave family. */
    public static final double EXP_CONCAVITY = 0.25;

    private static final double[] CENTRE = {0.3, 0.6};

    /** The three loss families of spec §2(b). */
    public enum Family {
        CONVEX(1, 0.003),
        STRONGLY_CONVEX(1, 0.5),
        /** Squared loss of a linear prediction; its Hessian is a_t a_tᵀ, λ is unused. */
        EXP_CONCAVE(1, 1);

        private final double lambda1, lambda2;

        Family(double lambda1, double lambda2) {
            this.lambda1 = lambda1;
            this.lambda2 = lambda2;
        }

        /** The diagonal Λ of the quadratic families. */
        public double[] lambda() {
            return new double[] {lambda1, lambda2};
        }

        /** λ_min, the strong-convexity modulus of the quadratic families. */
        public double strongConvexity() {
            return Math.min(lambda1, lambda2);
        }
    }

    /**
     * One regime of the generator.
     *
     * @param family  loss family
     * @param sigma   σ ≥ 0, the noise scale of c_t (or of y_t for the exp-concave family)
     * @param amp     amp ≥ 0, the switching amplitude of m_t (quadratic families only)
     * @param period  P ≥ 1 of the switching mean, or 0 for a stationary mean
     * @param horizon number of rounds drawn (spec: 10⁵, the largest T)
     */
    public record Config(Family family, double sigma, double amp, int period, int horizon) {
        public Config {
            Checks.require(family != null, "family must be CONVEX, STRONGLY_CONVEX or EXP_CONCAVE, was null");
            Checks.nonNegative(sigma, "sigma");
            Checks.nonNegative(amp, "amp");
            Checks.nonNegative(period, "period");
            Checks.positive(horizon, "horizon");
            Checks.require((amp == 0) == (period == 0),
                    "amp and period must be both 0 (stationary) or both > 0 (switching), were " + amp + " and " + period);
            Checks.require(family != Family.EXP_CONCAVE || period == 0,
                    "the exp-concave family has a fixed x*: period must be 0, was " + period);
        }

        /** Spec default: convex family, σ = 0.1, stationary, T = 10⁵. */
        public static Config defaults() {
            return stationary(Family.CONVEX, 0.1, 100_000);
        }

        public static Config stationary(Family family, double sigma, int horizon) {
            return new Config(family, sigma, 0, 0, horizon);
        }

        public static Config switching(Family family, double sigma, double amp, int period, int horizon) {
            return new Config(family, sigma, amp, period, horizon);
        }

        /** The seven convex regimes (σ, amp, P) of spec §2(b). */
        public static List<Config> convexGrid(int horizon) {
            return List.of(stationary(Family.CONVEX, 0, horizon), stationary(Family.CONVEX, 0.1, horizon),
                    stationary(Family.CONVEX, 0.3, horizon), switching(Family.CONVEX, 0, 1, 50, horizon),
                    switching(Family.CONVEX, 0.3, 1, 50, horizon), switching(Family.CONVEX, 0, 1, 1, horizon),
                    switching(Family.CONVEX, 0.3, 1, 1, horizon));
        }

        public Config withHorizon(int rounds) {
            return new Config(family, sigma, amp, period, rounds);
        }

        /** True when no randomness enters the losses (then every seed draws the same sequence). */
        public boolean deterministic() {
            return sigma == 0 && family != Family.EXP_CONCAVE;
        }
    }

    /** Draws the sequence of losses of {@code config} for {@code seed}. */
    public static Sequence generate(Config config, long seed) {
        Rng root = Rng.of(seed);
        int n = config.horizon();
        double[] u = new double[DIMENSION * n];
        double[] y = config.family() == Family.EXP_CONCAVE ? new double[n] : null;
        if (config.family() == Family.EXP_CONCAVE) {
            Rng angles = root.split(), noise = root.split();
            for (int t = 0; t < n; t++) {
                double phi = angles.uniform(0, 2 * Math.PI);
                u[2 * t] = Math.cos(phi);
                u[2 * t + 1] = Math.sin(phi);
                y[t] = u[2 * t] * CENTRE[0] + u[2 * t + 1] * CENTRE[1] + config.sigma() * noise.nextGaussian();
            }
        } else {
            Rng noise = root.split();
            for (int t = 1; t <= n; t++) {
                double shift = switchSign(config, t) * 0.2 * config.amp();
                for (int i = 0; i < DIMENSION; i++) {
                    u[2 * (t - 1) + i] = CENTRE[i] + shift + config.sigma() * noise.nextGaussian();
                }
            }
        }
        return new Sequence(config, u, y);
    }

    /** s_t: +1 on rounds 1..P, −1 on P+1..2P, ...; 0 for a stationary mean. */
    static int switchSign(Config config, int round) {
        if (config.period() == 0) return 0;
        return ((round - 1) / config.period()) % 2 == 0 ? 1 : -1;
    }

    /**
     * One drawn loss sequence f_1..f_n. Rounds are numbered 1..n as in the spec. Immutable.
     */
    public static final class Sequence {
        private final Config config;
        private final double[] lambda;
        private final double[] u; // centres c_t (quadratic) or features a_t (exp-concave), row-major
        private final double[] y; // targets (exp-concave only)

        private Sequence(Config config, double[] u, double[] y) {
            this.config = config;
            this.lambda = config.family().lambda();
            this.u = u;
            this.y = y;
        }

        public Config config() {
            return config;
        }

        public int horizon() {
            return config.horizon();
        }

        public Family family() {
            return config.family();
        }

        /** f_t(x). */
        public double loss(int round, double[] x) {
            int o = offset(round);
            if (y != null) {
                double r = u[o] * x[0] + u[o + 1] * x[1] - y[round - 1];
                return 0.5 * r * r;
            }
            double s = 0;
            for (int i = 0; i < DIMENSION; i++) {
                double r = x[i] - u[o + i];
                s += lambda[i] * r * r;
            }
            return 0.5 * s;
        }

        /** ∇f_t(x) into {@code out}. */
        public void gradient(int round, double[] x, double[] out) {
            int o = offset(round);
            if (y != null) {
                double r = u[o] * x[0] + u[o + 1] * x[1] - y[round - 1];
                out[0] = r * u[o];
                out[1] = r * u[o + 1];
                return;
            }
            for (int i = 0; i < DIMENSION; i++) out[i] = lambda[i] * (x[i] - u[o + i]);
        }

        /** The centre c_t (quadratic families) or the feature a_t (exp-concave), as a copy. */
        public double[] vector(int round) {
            int o = offset(round);
            return new double[] {u[o], u[o + 1]};
        }

        /** y_t of the exp-concave family. */
        public double target(int round) {
            Checks.require(y != null, "targets exist only for the exp-concave family, this is " + config.family());
            offset(round);
            return y[round - 1];
        }

        /**
         * σ²_{1:T} = T·σ²·Σλ_i² for the quadratic families. The exp-concave family draws its
         * features at random too, so its σ² is not the closed form of the spec: NaN there.
         */
        public double stochasticVariance(int rounds) {
            checkRounds(rounds);
            if (y != null) return Double.NaN;
            return rounds * config.sigma() * config.sigma() * sumSquares(lambda);
        }

        /** Σ²_{1:T}: switches among rounds 2..T times ‖Λ·0.4·amp·(1, 1)‖²; 0 when stationary. */
        public double adversarialVariation(int rounds) {
            checkRounds(rounds);
            if (y != null) return Double.NaN;
            if (config.period() == 0) return 0;
            double jump = 0.4 * config.amp();
            return ((rounds - 1) / config.period()) * jump * jump * sumSquares(lambda);
        }

        /** √σ²_{1:T} + √Σ²_{1:T}, the shape of the convex-case bound (NaN for exp-concave). */
        public double varianceBound(int rounds) {
            return Math.sqrt(stochasticVariance(rounds)) + Math.sqrt(adversarialVariation(rounds));
        }

        double[] lambdaView() {
            return lambda;
        }

        double[] rawVectors() {
            return u;
        }

        double[] rawTargets() {
            return y;
        }

        private int offset(int round) {
            if (round < 1 || round > config.horizon()) {
                throw new IllegalArgumentException("round must be in [1, " + config.horizon() + "], was " + round);
            }
            return DIMENSION * (round - 1);
        }

        private void checkRounds(int rounds) {
            if (rounds < 0 || rounds > config.horizon()) {
                throw new IllegalArgumentException("rounds must be in [0, " + config.horizon() + "], was " + rounds);
            }
        }

        private static double sumSquares(double[] v) {
            double s = 0;
            for (double x : v) s += x * x;
            return s;
        }
    }
}
