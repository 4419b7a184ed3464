package dev.proxima.bandits.policy;

import dev.proxima.bandits.BanditPolicy;
import dev.proxima.core.bandit.Context;
import java.util.Arrays;

/**
 * UCB1 (Auer, Cesa-Bianchi, Fischer 2002): every arm once (lowest index first), then the arm
 * maximising {@code mean_a + sqrt(2 ln t / n_a)}, ties within 1e-12 to the lowest index.
 * Deterministic: probability 1 on the chosen arm (wrap in {@code Exploration.epsilon} to log
 * usable propensities for other policies).
 */
public final class Ucb1 implements BanditPolicy {
    private final ArmStatistics stats;
    private final double[] scores;

    public Ucb1(int arms) {
        this.stats = new ArmStatistics(arms);
        this.scores = new double[arms];
    }

    @Override
    public String name() {
        return "ucb1";
    }

    @Override
    public int numActions() {
        return scores.length;
    }

    @Override
    public void probabilities(Context x, double[] out) {
        Arrays.fill(out, 0);
        for (int a = 0; a < scores.length; a++) {
            if (stats.pulls[a] == 0) {
                out[a] = 1;
                return;
            }
            scores[a] = stats.means[a] + Math.sqrt(2 * Math.log(stats.total) / stats.pulls[a]);
        }
        out[BanditPolicy.argmax(scores, 1e-12)] = 1;
    }

    @Override
    public void update(Context x, int action, double reward) {
        stats.add(action, reward);
    }
}
