package dev.proxima.bandits.oco;

import dev.proxima.core.util.Checks;
import java.util.Arrays;

/**
 * Optimistic online mirror descent: each round first steps from the anchor x̂_t along a hint M_t
 * (a guess of the coming gradient) to choose the point it plays, then corrects the anchor with
 * the gradient it actually observed. When consecutive gradients are close, the hint cancels most
 * of the gradient and the regret scales with the gradient variation instead of √T.
 *
 * <p>Paper: Chen, Zhang, Tu, Zhao, Zhang (2023), "Optimistic Online Mirror Descent for Bridging
 * Stochastic and Adversarial Online Convex Optimization", ICML 2023, arXiv:2302.04552. The update
 * form is standard optimistic OMD; the step-size constants are as our spec §2(a) recalls them and
 * are to be checked against the paper's Theorems 1–2.
 *
 * <h2>Update (round t = 1, 2, ...)</h2>
 * <pre>
 *   x̂_1 = centre of X,  M_1 = 0
 *   η_t     = stepSize(t, Σ_{s<t} ‖g_s − M_s‖²_*)                   computed before x_t is played
 *   x_t     = argmin_{x∈X} η_t⟨M_t, x⟩ + B_ψ(x, x̂_t)                 hint step   ({@link Geometry#step})
 *   g_t     = ∇f_t(x_t)
 *   x̂_{t+1} = argmin_{x∈X} η_t⟨g_t, x⟩ + B_ψ(x, x̂_t)                 correction step, same η_t
 *   M_{t+1} = g_t  (hint LAST_GRADIENT)   or 0  (hint NONE)
 * </pre>
 * Step sizes ({@link StepSize}):
 * <pre>
 *   SelfConfident  η_t = min{ 1/(4L), D / √(δ + Σ_{s<t} ‖g_s − M_s‖²) }      case 1, convex and L-smooth
 *   InverseTime    η_t = min{ a/t, cap }                                      case 2: a = 2/λ, cap = 1/(4L)
 *   InverseSqrt    η_t = a/√t
 * </pre>
 *
 * <h2>Presets: the baselines are the same update with other settings</h2>
 * <ul>
 *   <li>{@link Config#convex}: optimistic OMD, case 1 (spec §2(a)).</li>
 *   <li>{@link Config#stronglyConvex}: optimistic OMD, case 2.</li>
 *   <li>{@link Config#withoutHint()}: plain online mirror descent, M_t ≡ 0, so x_t = x̂_t.</li>
 *   <li>{@link Config#ogdConvex} and {@link Config#ogdStronglyConvex}: online gradient descent,
 *       which is OMD with ψ = ½‖·‖², no hint and a fixed schedule: x_{t+1} = Π_X(x_t − η_t g_t)
 *       with η_t = D/(G√t) or 1/(λt) (spec §2(b) baselines).</li>
 * </ul>
 *
 * <h2>Departures and choices</h2>
 * <ol>
 *   <li>The self-confident form, the 1/(4L) cap and δ = 1 are [recalled] in the spec, not read
 *       in the paper ({@link StepSize.SelfConfident}).</li>
 *   <li>The strongly convex factor (2 in 2/(λt)) is [recalled]; the spec allows 1–2
 *       ({@link Config#stronglyConvex(double, double, double)}).</li>
 *   <li>The accumulated norm is the dual norm of the geometry ({@link Geometry#dualNormSquared}):
 *       Euclidean on the ball, as in the spec; max-norm on the simplex.</li>
 *   <li>The exp-concave case of the paper (an optimistic Newton step) changes the metric, so it is
 *       its own file, {@link OptimisticOns}.</li>
 * </ol>
 *
 * <p>Thread safety: an instance is a single-threaded learner.
 *
 * <pre>{@code
 * var learner = new OptimisticOmd(OptimisticOmd.Config.convex(2.0, 1.0), Geometry.ball(2, 1.0));
 * double[] x = learner.play();
 * learner.observe(gradientAt(x));
 * }</pre>
 */
public final class OptimisticOmd implements OnlineLearner {

    // ── 1. Hyperparameters ───────────────────────────────────────────

    /** What the learner guesses the next gradient to be. */
    public enum Hint {
        /** M_t ≡ 0: plain online mirror descent. */
        NONE,
        /** M_{t+1} = g_t, the last observed gradient (spec §2(a)). */
        LAST_GRADIENT
    }

    /** Rule for η_t from the round number and the accumulated hint error. */
    public sealed interface StepSize {
        /**
         * η_t for round t ≥ 1, given {@code accumulated} = Σ_{s<t} ‖g_s − M_s‖²_* over the earlier
         * rounds.
         */
        double at(int t, double accumulated);

        /**
         * η_t = min{ 1/(4L), D / √(δ + accumulated) } (spec §2(a) case 1 [recalled]).
         *
         * @param diameter   D, the diameter of X (spec testbed: 2)
         * @param smoothness L, the smoothness of the expected losses (spec testbed: 1)
         * @param delta      δ > 0 keeps the first steps finite (spec default: 1)
         */
        record SelfConfident(double diameter, double smoothness, double delta) implements StepSize {
            public SelfConfident {
                Checks.positive(diameter, "diameter");
                Checks.positive(smoothness, "smoothness");
                Checks.positive(delta, "delta");
            }

            @Override
            public double at(int t, double accumulated) {
                return Math.min(1 / (4 * smoothness), diameter / Math.sqrt(delta + accumulated));
            }
        }

        /**
         * η_t = min{ scale/t, cap }.
         *
         * @param scale a > 0: 2/λ for optimistic OMD (spec §2(a) case 2), 1/λ for the OGD baseline
         * @param cap   upper bound on η_t: 1/(4L) for optimistic OMD, +∞ for the OGD baseline
         */
        record InverseTime(double scale, double cap) implements StepSize {
            public InverseTime {
                Checks.positive(scale, "scale");
                Checks.require(cap > 0, "cap must be > 0 (may be +infinity), was " + cap);
            }

            @Override
            public double at(int t, double accumulated) {
                return Math.min(scale / t, cap);
            }
        }

        /** η_t = scale/√t; scale = D/G is the adversarially tuned OGD step (spec §2(b)). */
        record InverseSqrt(double scale) implements StepSize {
            public InverseSqrt {
                Checks.positive(scale, "scale");
            }

            @Override
            public double at(int t, double accumulated) {
                return scale / Math.sqrt(t);
            }
        }
    }

    /**
     * Optimistic OMD settings.
     *
     * @param stepSize rule giving η_t, shared by both steps of round t
     * @param hint     the guess M_t of the next gradient
     */
    public record Config(StepSize stepSize, Hint hint) {
        public Config {
            Checks.require(stepSize != null, "stepSize must be SelfConfident, InverseTime or InverseSqrt, was null");
            Checks.require(hint != null, "hint must be NONE or LAST_GRADIENT, was null");
        }

        /** Case 1 of spec §2(a): self-confident step with δ = 1 and the last-gradient hint. */
        public static Config convex(double diameter, double smoothness) {
            return new Config(new StepSize.SelfConfident(diameter, smoothness, 1.0), Hint.LAST_GRADIENT);
        }

        /** Case 2 of spec §2(a): η_t = min{2/(λt), 1/(4L)} with the last-gradient hint. */
        public static Config stronglyConvex(double strongConvexity, double smoothness) {
            return stronglyConvex(strongConvexity, smoothness, 2.0);
        }

        /** Case 2 with η_t = min{factor/(λt), 1/(4L)}; the spec allows factor ∈ [1, 2]. */
        public static Config stronglyConvex(double strongConvexity, double smoothness, double factor) {
            Checks.positive(strongConvexity, "strongConvexity");
            Checks.positive(smoothness, "smoothness");
            Checks.inClosed(factor, 1, 2, "factor");
            return new Config(new StepSize.InverseTime(factor / strongConvexity, 1 / (4 * smoothness)),
                    Hint.LAST_GRADIENT);
        }

        /** OGD baseline for convex losses: η_t = D/(G√t), no hint (spec §2(b)). */
        public static Config ogdConvex(double diameter, double gradientBound) {
            Checks.positive(diameter, "diameter");
            Checks.positive(gradientBound, "gradientBound");
            return new Config(new StepSize.InverseSqrt(diameter / gradientBound), Hint.NONE);
        }

        /** OGD baseline for λ-strongly convex losses: η_t = 1/(λt), no hint (spec §2(b)). */
        public static Config ogdStronglyConvex(double strongConvexity) {
            Checks.positive(strongConvexity, "strongConvexity");
            return new Config(new StepSize.InverseTime(1 / strongConvexity, Double.POSITIVE_INFINITY), Hint.NONE);
        }

        /** The same step-size rule with M_t ≡ 0: online mirror descent without optimism. */
        public Config withoutHint() {
            return new Config(stepSize, Hint.NONE);
        }

        public Config withStepSize(StepSize rule) {
            return new Config(rule, hint);
        }
    }

    // ── 2. State ─────────────────────────────────────────────────────

    private final Config config;
    private final Geometry geometry;
    private final double[] anchor;   // x̂_t
    private final double[] hint;     // M_t
    private final double[] point;    // x_t
    private final double[] residual; // g_t − M_t
    private double accumulated;      // Σ_{s<t} ‖g_s − M_s‖²_*
    private double eta;              // η_t
    private int rounds;

    public OptimisticOmd(Config config, Geometry geometry) {
        Checks.require(config != null && geometry != null, "config and geometry must not be null");
        this.config = config;
        this.geometry = geometry;
        int d = geometry.dimension();
        this.anchor = geometry.centre();
        this.hint = new double[d];
        this.point = new double[d];
        this.residual = new double[d];
        prepareRound();
    }

    // ── 3. One round ─────────────────────────────────────────────────

    @Override
    public double[] play() {
        return point.clone();
    }

    @Override
    public void observe(double[] gradient) {
        Checks.require(gradient.length == point.length,
                "gradient must have " + point.length + " entries, had " + gradient.length);
        for (int i = 0; i < gradient.length; i++) residual[i] = gradient[i] - hint[i];
        accumulated += geometry.dualNormSquared(residual);
        // The correction reuses η_t: both steps of a round share the step fixed before x_t was played.
        geometry.step(anchor, gradient, eta, anchor);
        if (config.hint() == Hint.LAST_GRADIENT) System.arraycopy(gradient, 0, hint, 0, hint.length);
        rounds++;
        prepareRound();
    }

    /** Fixes η_t for the coming round and takes the hint step to the point it will play. */
    private void prepareRound() {
        eta = config.stepSize().at(rounds + 1, accumulated);
        geometry.step(anchor, hint, eta, point);
    }

    // ── 4. Accessors ─────────────────────────────────────────────────

    @Override
    public int rounds() {
        return rounds;
    }

    /** η_t of the coming round. */
    public double stepSize() {
        return eta;
    }

    /** The anchor x̂_t of the coming round (a copy). */
    public double[] anchor() {
        return anchor.clone();
    }

    public Config config() {
        return config;
    }

    @Override
    public String toString() {
        return "OptimisticOmd[" + config + ", t=" + (rounds + 1) + ", x=" + Arrays.toString(point) + "]";
    }
}
