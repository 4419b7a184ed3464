package dev.proxima.envs.bandit;

import dev.proxima.core.bandit.BanditProblem;
import dev.proxima.core.bandit.Context;
import dev.proxima.core.random.Rng;

/**
 * The standard supervised-to-bandit conversion (as in Dudík, Langford and Li 2011 and Bietti,
 * Agarwal and Langford's bake-off): each round shows the features of an example drawn uniformly
 * from the data set, the actions are the classes, and the reward is 1 for the true class, 0
 * otherwise. The expected reward of the round's example is known (its label), so regret is
 * measured against an oracle that always names the right class.
 */
public final class ClassificationBandit implements BanditProblem {
    private final Datasets.Dataset data;
    private final Context[] contexts;
    private Context last;
    private int lastLabel = -1;

    public ClassificationBandit(Datasets.Dataset data) {
        this.data = data;
        this.contexts = new Context[data.size()];
        for (int i = 0; i < contexts.length; i++) contexts[i] = Context.of(data.features()[i]);
    }

    @Override
    public String name() {
        return data.name();
    }

    @Override
    public int numActions() {
        return data.classes().size();
    }

    @Override
    public int contextDimension() {
        return data.numFeatures();
    }

    @Override
    public Context nextContext(Rng rng) {
        int i = rng.nextInt(contexts.length);
        last = contexts[i];
        lastLabel = data.labels()[i];
        return last;
    }

    @Override
    public double reward(Context x, int action, Rng rng) {
        return expectedReward(x, action);
    }

    /** 1 for the label of the example shown last (the one {@code x} came from), else 0. */
    @Override
    public double expectedReward(Context x, int action) {
        if (x != last) {
            throw new IllegalArgumentException("rewards are known only for the context of the current round");
        }
        return action == lastLabel ? 1 : 0;
    }
}
