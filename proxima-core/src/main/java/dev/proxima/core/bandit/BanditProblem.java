package dev.proxima.core.bandit;

import dev.proxima.core.random.Rng;

/**
 * A (contextual) bandit environment: each round shows a context, the learner picks one of
 * {@link #numActions()} actions and observes a reward for it only. Problems with known expected
 * rewards report them, so experiments can measure pseudo-regret.
 *
 * <p>Randomness: contexts and rewards draw from the generators passed in, so an experiment can
 * give every learner the same context and reward streams.
 */
public interface BanditProblem {
    String name();

    int numActions();

    /** Number of context features (0 for context-free problems). */
    int contextDimension();

    /** The context of the next round. */
    Context nextContext(Rng rng);

    /** A reward for {@code action} in context {@code x}. */
    double reward(Context x, int action, Rng rng);

    /** E[reward | x, action], or NaN where the problem does not know it. */
    double expectedReward(Context x, int action);

    /** Whether {@link #expectedReward} is known (and regret can be measured). */
    default boolean knowsExpectedRewards() {
        return true;
    }
}
