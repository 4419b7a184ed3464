package dev.proxima.bandits.linear;

import dev.proxima.bandits.BanditPolicy;
import dev.proxima.core.bandit.Context;
import dev.proxima.core.util.Checks;
import java.util.Arrays;

/**
 * LinUCB with disjoint linear models (Li, Chu, Langford, Schapire 2010, Algorithm 1): per arm a,
 * {@code score_a = θ̂_aᵀx + α·sqrt(xᵀA_a⁻¹x)} with {@code A_a = λI + Σ x xᵀ}, {@code θ̂_a = A_a⁻¹ b_a};
 * the dense inverse is kept by Sherman–Morrison updates. Chooses the highest score, ties within
 * 1e-9 to the lowest index (spec §4(a)'s tolerant tie-break), with probability 1.
 */
public final class LinUcb implements BanditPolicy {
    private final RidgeArms ridge;
    private final double alpha;
    private final double[] scores;
    private final double[] scratch;
    private final double[] x;

    /**
     * @param dim    context dimension d
     * @param alpha  exploration width α ≥ 0 (spec §4: 1.0)
     * @param lambda ridge λ > 0 (spec §4: 1)
     */
    public LinUcb(int arms, int dim, double alpha, double lambda) {
        this.ridge = new RidgeArms(arms, dim, lambda);
        this.alpha = Checks.nonNegative(alpha, "alpha");
        this.scores = new double[arms];
        this.scratch = new double[dim];
        this.x = new double[dim];
    }

    @Override
    public String name() {
        return "linucb";
    }

    @Override
    public int numActions() {
        return ridge.arms;
    }

    @Override
    public void probabilities(Context ctx, double[] out) {
        scores(ctx, scores);
        Arrays.fill(out, 0);
        out[BanditPolicy.argmax(scores, 1e-9)] = 1;
    }

    /** UCB scores of every arm. */
    public void scores(Context ctx, double[] out) {
        ridge.load(ctx, x, "linucb");
        for (int a = 0; a < ridge.arms; a++) {
            double mean = ridge.mean(a, x, scratch);
            out[a] = mean + alpha * Math.sqrt(Math.max(RidgeArms.dot(x, scratch), 0));
        }
    }

    @Override
    public void update(Context ctx, int action, double reward) {
        ridge.load(ctx, x, "linucb");
        ridge.update(action, x, reward);
    }

    /** Bytes of learned state (dense d×d inverse and b per arm). */
    public long stateBytes() {
        return ridge.bytes();
    }
}
