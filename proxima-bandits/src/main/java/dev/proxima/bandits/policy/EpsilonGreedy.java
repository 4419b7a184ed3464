package dev.proxima.bandits.policy;

import dev.proxima.bandits.BanditPolicy;
import dev.proxima.core.bandit.Context;
import dev.proxima.core.util.Checks;
import java.util.Arrays;

/**
 * ε-greedy on per-arm mean rewards (Sutton and Barto 2018, §2.2): probability 1 − ε + ε/K on the
 * arm with the best mean (lowest index on ties), ε/K on each other arm. Ignores the context.
 */
public final class EpsilonGreedy implements BanditPolicy {
    private final ArmStatistics stats;
    private final double epsilon;

    /** @param epsilon exploration probability ε ∈ [0, 1] (common default: 0.1) */
    public EpsilonGreedy(int arms, double epsilon) {
        this.stats = new ArmStatistics(arms);
        this.epsilon = Checks.inClosed(epsilon, 0, 1, "epsilon");
    }

    @Override
    public String name() {
        return "epsilon-greedy";
    }

    @Override
    public int numActions() {
        return stats.pulls.length;
    }

    @Override
    public void probabilities(Context x, double[] out) {
        Arrays.fill(out, epsilon / out.length);
        out[stats.bestMean()] += 1 - epsilon;
    }

    @Override
    public void update(Context x, int action, double reward) {
        stats.add(action, reward);
    }
}
