package dev.proxima.bandits.policy;

import dev.proxima.bandits.BanditPolicy;
import dev.proxima.core.bandit.Context;
import dev.proxima.core.util.Checks;

/**
 * EXP3 (Auer, Cesa-Bianchi, Freund, Schapire 2002) for rewards in [0, 1]:
 * {@code π = (1 − γ)·w/Σw + γ/K}; after reward r for arm a, {@code w_a ← w_a·exp(γ·r̂/K)} with the
 * importance-weighted estimate {@code r̂ = r / π(a)}. Weights are kept in log space.
 */
public final class Exp3 implements BanditPolicy {
    private final double[] logWeights;
    private final double gamma;
    private final double[] p;

    /** @param gamma exploration γ ∈ (0, 1] (common default: 0.1) */
    public Exp3(int arms, double gamma) {
        if (arms <= 0) {
            throw new IllegalArgumentException("number of actions must be > 0, was " + arms);
        }
        this.logWeights = new double[arms];
        this.gamma = Checks.inHalfOpen(gamma, 0, 1, "gamma");
        this.p = new double[arms];
    }

    @Override
    public String name() {
        return "exp3";
    }

    @Override
    public int numActions() {
        return logWeights.length;
    }

    @Override
    public void probabilities(Context x, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (double w : logWeights) max = Math.max(max, w);
        double sum = 0;
        for (int a = 0; a < out.length; a++) {
            out[a] = Math.exp(logWeights[a] - max);
            sum += out[a];
        }
        for (int a = 0; a < out.length; a++) out[a] = (1 - gamma) * out[a] / sum + gamma / out.length;
    }

    @Override
    public void update(Context x, int action, double reward) {
        if (!(reward >= 0 && reward <= 1)) {
            throw new IllegalArgumentException("EXP3 needs rewards in [0, 1], got " + reward);
        }
        probabilities(x, p);
        logWeights[action] += gamma * (reward / p[action]) / logWeights.length;
    }
}
