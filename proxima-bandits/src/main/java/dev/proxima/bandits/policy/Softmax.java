package dev.proxima.bandits.policy;

import dev.proxima.bandits.BanditPolicy;
import dev.proxima.core.bandit.Context;
import dev.proxima.core.util.Checks;

/** Boltzmann exploration on per-arm means: {@code π(a) ∝ exp(mean_a / τ)}. Ignores the context. */
public final class Softmax implements BanditPolicy {
    private final ArmStatistics stats;
    private final double temperature;

    /** @param temperature τ > 0 (common default: 0.1 for rewards in [0, 1]) */
    public Softmax(int arms, double temperature) {
        this.stats = new ArmStatistics(arms);
        this.temperature = Checks.positive(temperature, "temperature");
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public int numActions() {
        return stats.pulls.length;
    }

    @Override
    public void probabilities(Context x, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (double m : stats.means) max = Math.max(max, m);
        double sum = 0;
        for (int a = 0; a < out.length; a++) {
            out[a] = Math.exp((stats.means[a] - max) / temperature);
            sum += out[a];
        }
        for (int a = 0; a < out.length; a++) out[a] /= sum;
    }

    @Override
    public void update(Context x, int action, double reward) {
        stats.add(action, reward);
    }
}
