package dev.proxima.bandits.policy;

import dev.proxima.bandits.BanditPolicy;
import dev.proxima.core.bandit.Context;
import java.util.Arrays;

/** Uniformly random actions: the baseline every learner must beat, and a common logging policy. */
public final class Uniform implements BanditPolicy {
    private final int arms;

    public Uniform(int arms) {
        if (arms <= 0) {
            throw new IllegalArgumentException("number of actions must be > 0, was " + arms);
        }
        this.arms = arms;
    }

    @Override
    public String name() {
        return "uniform";
    }

    @Override
    public int numActions() {
        return arms;
    }

    @Override
    public void probabilities(Context x, double[] out) {
        Arrays.fill(out, 1.0 / arms);
    }

    @Override
    public void update(Context x, int action, double reward) {}
}
