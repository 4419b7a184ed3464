package dev.proxima.bandits;

import dev.proxima.core.bandit.Context;
import dev.proxima.core.random.Rng;

/**
 * A bandit learner that acts by sampling from an explicit probability vector, so every decision
 * can be logged with an honest propensity.
 *
 * <p>Policies whose rule is an argmax (UCB1, LinUCB, Diag-LinUCB) put probability 1 on the
 * chosen action; exploration that spreads that mass must be added explicitly with
 * {@link Exploration#epsilon}. Thompson sampling reports a Monte-Carlo estimate of its
 * posterior-argmax distribution and samples from that very estimate, so its logged probability is
 * exactly that of the distribution it acted from.
 *
 * <p>Not thread-safe unless an implementation says so.
 */
public interface BanditPolicy {
    String name();

    int numActions();

    /** Writes π(·|x) into {@code out} (length {@link #numActions()}). */
    void probabilities(Context x, double[] out);

    /** Learns from the reward observed for {@code action} in context {@code x}. */
    void update(Context x, int action, double reward);

    /** Samples an action from {@link #probabilities}. */
    default Decision decide(Context x, Rng rng) {
        double[] p = new double[numActions()];
        probabilities(x, p);
        int a = sample(p, rng);
        return new Decision(a, p[a], p);
    }

    /** Draws an index from a probability vector by inversion. */
    static int sample(double[] p, Rng rng) {
        double u = rng.nextDouble(), acc = 0;
        int last = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                acc += p[i];
                last = i;
                if (u < acc) {
                    return i;
                }
            }
        }
        return last;
    }

    /**
     * Index of the largest score, ties within {@code tolerance} of the maximum broken towards the
     * lowest index (spec §4(a): exact argmax would let rounding differences between equivalent
     * learners flip near-ties).
     */
    static int argmax(double[] scores, double tolerance) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) max = Math.max(max, s);
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] >= max - tolerance) {
                return i;
            }
        }
        return 0;
    }
}
