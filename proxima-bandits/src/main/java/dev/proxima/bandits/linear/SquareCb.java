package dev.proxima.bandits.linear;

import dev.proxima.bandits.BanditPolicy;
import dev.proxima.core.bandit.Context;
import dev.proxima.core.util.Checks;

/**
 * SquareCB (Foster and Rakhlin 2020, "Beyond UCB"): inverse-gap weighting over the predictions
 * ŷ_a(x) of an online square-loss regression oracle (here per-arm ridge regression):
 * <pre>
 *   b = argmax_a ŷ_a(x);   p_a = 1 / (K + γ·(ŷ_b − ŷ_a)) for a ≠ b;   p_b = 1 − Σ_{a≠b} p_a
 * </pre>
 */
public final class SquareCb implements BanditPolicy {
    private final RidgeArms ridge;
    private final double gamma;
    private final double[] x, scratch, predictions;

    /**
     * @param gamma  learning rate γ > 0 of the inverse-gap weighting (the paper's theory sets
     *               γ ∝ sqrt(K·T / regret of the oracle); 100 is a practical default for [0, 1] rewards)
     * @param lambda ridge λ > 0 of the oracle
     */
    public SquareCb(int arms, int dim, double gamma, double lambda) {
        this.ridge = new RidgeArms(arms, dim, lambda);
        this.gamma = Checks.positive(gamma, "gamma");
        this.x = new double[dim];
        this.scratch = new double[dim];
        this.predictions = new double[arms];
    }

    @Override
    public String name() {
        return "squarecb";
    }

    @Override
    public int numActions() {
        return ridge.arms;
    }

    @Override
    public void probabilities(Context ctx, double[] out) {
        ridge.load(ctx, x, "squarecb");
        for (int a = 0; a < ridge.arms; a++) predictions[a] = ridge.mean(a, x, scratch);
        int best = BanditPolicy.argmax(predictions, 1e-12);
        double rest = 0;
        for (int a = 0; a < ridge.arms; a++) {
            if (a != best) {
                out[a] = 1 / (ridge.arms + gamma * (predictions[best] - predictions[a]));
                rest += out[a];
            }
        }
        out[best] = 1 - rest;
    }

    @Override
    public void update(Context ctx, int action, double reward) {
        ridge.load(ctx, x, "squarecb");
        ridge.update(action, x, reward);
    }
}
