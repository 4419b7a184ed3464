package dev.proxima.bandits;

import dev.proxima.core.bandit.BanditProblem;
import dev.proxima.core.bandit.Context;
import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;
import java.util.function.Consumer;

/**
 * Runs a bandit policy on a problem. The problem's context and reward streams are derived from
 * the seed alone, so every policy run with the same seed meets the same contexts, and identical
 * decisions receive identical rewards; the policy's own sampling uses a separate stream.
 */
public final class Experiment {
    private Experiment() {}

    /**
     * Cumulative reward and pseudo-regret after each round ({@code regret} is NaN where the
     * problem does not know its expected rewards), and the actions taken.
     */
    public record Result(String policy, double[] cumulativeReward, double[] cumulativeRegret, int[] actions) {
        public double totalReward() {
            return cumulativeReward[cumulativeReward.length - 1];
        }

        public double totalRegret() {
            return cumulativeRegret[cumulativeRegret.length - 1];
        }

        public double averageReward() {
            return totalReward() / cumulativeReward.length;
        }
    }

    /** One logged round: what the policy saw, did and got. */
    public record Round(Context context, Decision decision, double reward) {}

    public static Result run(BanditProblem problem, BanditPolicy policy, int rounds, long seed) {
        return run(problem, policy, rounds, seed, null);
    }

    /** As {@link #run(BanditProblem, BanditPolicy, int, long)}, handing every round to {@code log}. */
    public static Result run(BanditProblem problem, BanditPolicy policy, int rounds, long seed, Consumer<Round> log) {
        Checks.positive(rounds, "rounds");
        if (policy.numActions() != problem.numActions()) {
            throw new IllegalArgumentException("policy " + policy.name() + " has " + policy.numActions()
                    + " actions but problem " + problem.name() + " has " + problem.numActions());
        }
        Rng root = Rng.of(seed);
        Rng contexts = root.split(), rewards = root.split(), acting = root.split();
        double[] reward = new double[rounds], regret = new double[rounds];
        int[] actions = new int[rounds];
        double r = 0, g = 0;
        boolean knows = problem.knowsExpectedRewards();
        for (int t = 0; t < rounds; t++) {
            Context x = problem.nextContext(contexts);
            Decision d = policy.decide(x, acting);
            double y = problem.reward(x, d.action(), rewards);
            policy.update(x, d.action(), y);
            if (log != null) {
                log.accept(new Round(x, d, y));
            }
            r += y;
            if (knows) {
                double best = Double.NEGATIVE_INFINITY;
                for (int a = 0; a < problem.numActions(); a++) best = Math.max(best, problem.expectedReward(x, a));
                g += best - problem.expectedReward(x, d.action());
            }
            reward[t] = r;
            regret[t] = knows ? g : Double.NaN;
            actions[t] = d.action();
        }
        return new Result(policy.name(), reward, regret, actions);
    }
}
