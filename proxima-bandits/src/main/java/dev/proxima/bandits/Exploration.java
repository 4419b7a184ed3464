package dev.proxima.bandits;

import dev.proxima.core.bandit.Context;
import dev.proxima.core.util.Checks;

/** Explicit exploration added on top of a policy's own probability vector. */
public final class Exploration {
    private Exploration() {}

    /**
     * Mixes {@code inner}'s distribution with the uniform one: {@code (1 − ε)·π + ε/K}. Makes every
     * action's propensity at least ε/K, which off-policy evaluation of other policies needs.
     */
    public static BanditPolicy epsilon(BanditPolicy inner, double epsilon) {
        Checks.inClosed(epsilon, 0, 1, "epsilon");
        return new BanditPolicy() {
            @Override
            public String name() {
                return inner.name() + "+eps" + epsilon;
            }

            @Override
            public int numActions() {
                return inner.numActions();
            }

            @Override
            public void probabilities(Context x, double[] out) {
                inner.probabilities(x, out);
                for (int a = 0; a < out.length; a++) out[a] = (1 - epsilon) * out[a] + epsilon / out.length;
            }

            @Override
            public void update(Context x, int action, double reward) {
                inner.update(x, action, reward);
            }
        };
    }
}
