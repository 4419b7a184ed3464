package dev.proxima.bandits.lsd;

import dev.proxima.core.random.Rng;

/**
 * The online LSD bandit: the true model hidden behind Bernoulli rewards (spec §5(b), "Online").
 *
 * <p>A learner sees every arm's last-switch state (it follows from its own pull history) and the
 * 0/1 reward of each pull, never the means. The bandit also keeps the sum of the means of the
 * pulls made, so an experiment can report the expected (pseudo-)reward, which is what regret is
 * measured in; the realised sum is kept beside it.
 *
 * <p>Not thread-safe: one bandit per run.
 */
public final class LsdBandit {
    private final LsdModel model;
    private final Rng rewards;
    private final int[] states;
    private long rounds;
    private double realisedTotal;
    private double expectedTotal;

    /** A bandit in the all-rested start state, drawing its rewards from {@code rewards}. */
    public LsdBandit(LsdModel model, Rng rewards) {
        this.model = model;
        this.rewards = rewards;
        this.states = model.restedStates();
    }

    public int arms() {
        return model.arms();
    }

    public int tauMax() {
        return model.tauMax();
    }

    /** The current state of {@code arm}. */
    public int state(int arm) {
        return states[arm];
    }

    /** A copy of every arm's current state. */
    public int[] states() {
        return states.clone();
    }

    /** Plays {@code arm} for one round; returns its Bernoulli reward (0 or 1) and advances the states. */
    public double pull(int arm) {
        if (arm < 0 || arm >= states.length) {
            throw new IllegalArgumentException("arm must be in [0, " + states.length + "), was " + arm);
        }
        double mean = model.mean(arm, states[arm]);
        double reward = rewards.nextDouble() < mean ? 1 : 0;
        expectedTotal += mean;
        realisedTotal += reward;
        rounds++;
        model.advance(states, arm);
        return reward;
    }

    public long rounds() {
        return rounds;
    }

    /** Sum of the 0/1 rewards paid so far. */
    public double realisedTotal() {
        return realisedTotal;
    }

    /** Sum of the means μ_i(τ_i) of the pulls made so far. */
    public double expectedTotal() {
        return expectedTotal;
    }

    /** Average of the means of the pulls made so far (0 before the first pull). */
    public double expectedAverage() {
        return rounds == 0 ? 0 : expectedTotal / rounds;
    }

    /** Average realised reward so far (0 before the first pull). */
    public double realisedAverage() {
        return rounds == 0 ? 0 : realisedTotal / rounds;
    }
}
