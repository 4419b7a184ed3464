package dev.proxima.bandits.oco;

import dev.proxima.core.util.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard SEA experiment of spec §2(b): draw one sequence for a regime and a seed, run the
 * family's optimistic learner and its baselines on it, and return every method's regret at
 * every horizon T = 1..n together with the variance bound √σ²_{1:T} + √Σ²_{1:T}.
 *
 * <p>Methods per family:
 * <ul>
 *   <li>convex: {@code optimistic-omd} (case 1, δ), {@code omd} (same step rule, M_t ≡ 0),
 *       {@code ogd} (η_t = D/(G√t));</li>
 *   <li>strongly convex: {@code optimistic-omd} (η_t = min{factor/(λt), 1/(4L)}), {@code omd}
 *       (M_t ≡ 0), {@code ogd} (η_t = 1/(λt));</li>
 *   <li>exp-concave: {@code optimistic-ons} and {@code ons} (M_t ≡ 0).</li>
 * </ul>
 * All start at the centre x_1 = 0.
 */
public final class SeaExperiment {
    private SeaExperiment() {}

    /**
     * @param problem               the regime and horizon of the generator
     * @param delta                 δ of the self-confident step (spec §2(a) case 1: 1)
     * @param strongConvexityFactor the factor in η_t = min{factor/(λt), 1/(4L)} (spec §2(a) case 2:
     *                              2, allowed range 1–2)
     */
    public record Config(SeaModel.Config problem, double delta, double strongConvexityFactor) {
        public Config {
            Checks.require(problem != null, "problem must not be null");
            Checks.positive(delta, "delta");
            Checks.inClosed(strongConvexityFactor, 1, 2, "strongConvexityFactor");
        }

        /** Convex family, σ = 0.1, stationary, T = 10⁵; δ = 1, factor 2 (spec §2). */
        public static Config defaults() {
            return of(SeaModel.Config.defaults());
        }

        /** {@code problem} with the spec's learner constants δ = 1 and factor 2. */
        public static Config of(SeaModel.Config problem) {
            return new Config(problem, 1.0, 2.0);
        }

        public Config withProblem(SeaModel.Config value) {
            return new Config(value, delta, strongConvexityFactor);
        }
    }

    /** One method's regret; {@code regret[T − 1]} = R_T. */
    public record Curve(String method, double[] regret) {
        public double at(int rounds) {
            return regret[rounds - 1];
        }
    }

    /**
     * @param config the experiment
     * @param seed   the generator seed
     * @param bound  {@code bound[T − 1]} = √σ²_{1:T} + √Σ²_{1:T} (empty for the exp-concave family,
     *               whose variances have no closed form here)
     * @param curves one curve per method, optimistic method first
     */
    public record Result(Config config, long seed, double[] bound, List<Curve> curves) {
        public Curve curve(String method) {
            for (Curve c : curves) {
                if (c.method().equals(method)) return c;
            }
            throw new IllegalArgumentException("no method " + method + " in this result; methods: " + methods());
        }

        public List<String> methods() {
            return curves.stream().map(Curve::method).toList();
        }
    }

    /** Runs every method of the family on the sequence drawn for {@code seed}. */
    public static Result run(Config config, long seed) {
        SeaModel.Sequence sequence = SeaModel.generate(config.problem(), seed);
        List<Curve> curves = new ArrayList<>();
        for (String method : methods(config.problem().family())) {
            curves.add(new Curve(method, Regret.run(sequence, learner(method, config)).regret()));
        }
        double[] bound = new double[0];
        if (config.problem().family() != SeaModel.Family.EXP_CONCAVE) {
            bound = new double[sequence.horizon()];
            for (int t = 1; t <= bound.length; t++) bound[t - 1] = sequence.varianceBound(t);
        }
        return new Result(config, seed, bound, List.copyOf(curves));
    }

    /** The method names run for {@code family}, optimistic first. */
    public static List<String> methods(SeaModel.Family family) {
        return family == SeaModel.Family.EXP_CONCAVE ? List.of("optimistic-ons", "ons")
                : List.of("optimistic-omd", "omd", "ogd");
    }

    /** A fresh learner for {@code method}, configured for the problem of {@code config}. */
    public static OnlineLearner learner(String method, Config config) {
        SeaModel.Family family = config.problem().family();
        Checks.require(methods(family).contains(method),
                "method must be one of " + methods(family) + " for the " + family + " family, was " + method);
        if (family == SeaModel.Family.EXP_CONCAVE) {
            OptimisticOns.Config ons = OptimisticOns.Config.of(SeaModel.EXP_CONCAVITY, SeaModel.GRADIENT_BOUND,
                    SeaModel.DIAMETER, SeaModel.SMOOTHNESS);
            return new OptimisticOns(method.equals("ons") ? ons.withoutHint() : ons, SeaModel.DIMENSION);
        }
        Geometry ball = Geometry.ball(SeaModel.DIMENSION, SeaModel.RADIUS);
        double lambda = family.strongConvexity();
        boolean strong = family == SeaModel.Family.STRONGLY_CONVEX;
        OptimisticOmd.Config optimistic = strong
                ? OptimisticOmd.Config.stronglyConvex(lambda, SeaModel.SMOOTHNESS, config.strongConvexityFactor())
                : new OptimisticOmd.Config(new OptimisticOmd.StepSize.SelfConfident(
                        SeaModel.DIAMETER, SeaModel.SMOOTHNESS, config.delta()), OptimisticOmd.Hint.LAST_GRADIENT);
        return new OptimisticOmd(switch (method) {
            case "optimistic-omd" -> optimistic;
            case "omd" -> optimistic.withoutHint();
            default -> strong ? OptimisticOmd.Config.ogdStronglyConvex(lambda)
                    : OptimisticOmd.Config.ogdConvex(SeaModel.DIAMETER, SeaModel.GRADIENT_BOUND);
        }, ball);
    }
}
