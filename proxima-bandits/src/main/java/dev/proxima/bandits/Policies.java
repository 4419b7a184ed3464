package dev.proxima.bandits;

import dev.proxima.bandits.linear.DiagLinUcb;
import dev.proxima.bandits.linear.LinTs;
import dev.proxima.bandits.linear.LinUcb;
import dev.proxima.bandits.linear.SquareCb;
import dev.proxima.bandits.policy.EpsilonGreedy;
import dev.proxima.bandits.policy.Exp3;
import dev.proxima.bandits.policy.Softmax;
import dev.proxima.bandits.policy.Thompson;
import dev.proxima.bandits.policy.Ucb1;
import dev.proxima.bandits.policy.Uniform;
import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;
import java.util.List;

/** The bandit policies by name, with the hyperparameters they share. */
public final class Policies {
    public static final List<String> NAMES = List.of("uniform", "epsilon-greedy", "softmax", "ucb1", "thompson",
            "thompson-gaussian", "exp3", "linucb", "lints", "diag-linucb", "greedy-diag", "squarecb");

    private Policies() {}

    /**
     * Hyperparameters, each used by the policies named.
     *
     * @param alpha         LinUCB / Diag-LinUCB exploration width (spec §4: 1.0)
     * @param lambda        ridge λ of the linear learners (spec §4: 1)
     * @param epsilon       ε-greedy exploration (common default 0.1)
     * @param temperature   softmax temperature τ (0.1 for rewards in [0, 1])
     * @param exp3Gamma     EXP3's γ (0.1)
     * @param squareCbGamma SquareCB's inverse-gap learning rate γ (100)
     * @param tsScale       LinTS posterior scale v (0.5)
     * @param draws         Monte-Carlo draws behind Thompson sampling's propensities (100)
     */
    public record Settings(double alpha, double lambda, double epsilon, double temperature, double exp3Gamma,
                           double squareCbGamma, double tsScale, int draws) {
        public Settings {
            Checks.nonNegative(alpha, "alpha");
            Checks.positive(lambda, "lambda");
            Checks.inClosed(epsilon, 0, 1, "epsilon");
            Checks.positive(temperature, "temperature");
            Checks.inHalfOpen(exp3Gamma, 0, 1, "exp3Gamma");
            Checks.positive(squareCbGamma, "squareCbGamma");
            Checks.positive(tsScale, "tsScale");
            Checks.positive(draws, "draws");
        }

        public static Settings defaults() {
            return new Settings(1.0, 1.0, 0.1, 0.1, 0.1, 100, 0.5, 100);
        }
    }

    /** A fresh policy for a problem with {@code actions} actions and {@code dim} context features. */
    public static BanditPolicy create(String name, int actions, int dim, Settings s, Rng rng) {
        boolean linear = List.of("linucb", "lints", "diag-linucb", "greedy-diag", "squarecb").contains(name);
        if (linear && dim == 0) {
            throw new IllegalArgumentException("policy '" + name + "' needs context features; this problem has none");
        }
        return switch (name) {
            case "uniform" -> new Uniform(actions);
            case "epsilon-greedy" -> new EpsilonGreedy(actions, s.epsilon());
            case "softmax" -> new Softmax(actions, s.temperature());
            case "ucb1" -> new Ucb1(actions);
            case "thompson" -> new Thompson(actions, Thompson.Likelihood.BERNOULLI, s.draws(), 1, 1, rng);
            case "thompson-gaussian" -> new Thompson(actions, Thompson.Likelihood.GAUSSIAN, s.draws(), 1, 1, rng);
            case "exp3" -> new Exp3(actions, s.exp3Gamma());
            case "linucb" -> new LinUcb(actions, dim, s.alpha(), s.lambda());
            case "lints" -> new LinTs(actions, dim, s.tsScale(), s.lambda(), s.draws(), rng);
            case "diag-linucb" -> new DiagLinUcb(actions, dim, s.alpha(), s.lambda());
            case "greedy-diag" -> new DiagLinUcb(actions, dim, 0, s.lambda());
            case "squarecb" -> new SquareCb(actions, dim, s.squareCbGamma(), s.lambda());
            default -> throw new IllegalArgumentException("unknown policy '" + name + "'; allowed: " + String.join(", ", NAMES));
        };
    }
}
