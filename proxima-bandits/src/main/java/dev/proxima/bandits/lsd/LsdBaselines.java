package dev.proxima.bandits.lsd;

import dev.proxima.core.util.Checks;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The reference policies of spec seeds-control §5(b) other than the LP and the exact optimum:
 * greedy myopic play with known means, and state-blind UCB1 for the online comparison.
 *
 * <h2>Greedy myopic</h2>
 * Pull argmax_i μ_i(τ_i) every round (ties to the lowest index). With known means the play is
 * deterministic, so its long-run average is exact: follow the trajectory from the all-rested start
 * until a joint state repeats and average the rewards around that cycle.
 *
 * <h2>State-blind UCB1</h2>
 * Auer, Cesa-Bianchi, Fischer (2002), "Finite-time analysis of the multiarmed bandit problem".
 * It treats the arms as stationary: pull each once, then argmax_i m̂_i + √(2·ln t / n_i), where
 * m̂_i averages every reward arm i has paid, whatever its state. It ignores the last-switch
 * states on purpose: it is what the online LSD learner must beat.
 *
 * <p>Thread safety: stateless.
 */
public final class LsdBaselines {
    private LsdBaselines() {}

    /** Exact long-run average of greedy myopic play on {@code model} (the mean of its eventual cycle). */
    public static double greedyAverage(LsdModel model) {
        Map<String, Integer> firstVisit = new HashMap<>();
        double[] rewardPrefix = new double[1];
        int[] states = model.restedStates();
        int t = 0;
        // The joint state space is finite, so the deterministic trajectory repeats within (2τ_max)^k rounds.
        while (true) {
            Integer seen = firstVisit.putIfAbsent(Arrays.toString(states), t);
            if (seen != null) return (rewardPrefix[t] - rewardPrefix[seen]) / (t - seen);
            int arm = model.greedyArm(states);
            if (t + 1 >= rewardPrefix.length) {
                rewardPrefix = Arrays.copyOf(rewardPrefix, 2 * rewardPrefix.length + 1);
            }
            rewardPrefix[t + 1] = rewardPrefix[t] + model.mean(arm, states[arm]);
            model.advance(states, arm);
            t++;
        }
    }

    /**
     * Runs state-blind UCB1 on {@code bandit} for {@code horizon} rounds; the bandit keeps the
     * reward sums, read them there.
     */
    public static void ucb1(LsdBandit bandit, long horizon) {
        Checks.positive(horizon, "horizon");
        int k = bandit.arms();
        long[] pulls = new long[k];
        double[] sums = new double[k];
        for (long t = 0; t < horizon; t++) {
            int arm = t < k ? (int) t : ucbArm(pulls, sums, t);
            sums[arm] += bandit.pull(arm);
            pulls[arm]++;
        }
    }

    private static int ucbArm(long[] pulls, double[] sums, long t) {
        int best = 0;
        double bestIndex = Double.NEGATIVE_INFINITY;
        double logT = Math.log(t);
        for (int i = 0; i < pulls.length; i++) {
            double index = sums[i] / pulls[i] + Math.sqrt(2 * logT / pulls[i]);
            if (index > bestIndex) {
                bestIndex = index;
                best = i;
            }
        }
        return best;
    }
}
