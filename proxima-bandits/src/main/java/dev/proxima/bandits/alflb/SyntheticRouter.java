package dev.proxima.bandits.alflb;

import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;

/**
 * The synthetic router of spec §14(b): each step draws a fresh batch of B tokens whose logits for
 * N experts are z_{t,i} = μ_i + N(0, 1), with μ = linspace(−spread, spread), and whose affinity
 * scores are s_{t,i} = sigmoid(z_{t,i}). The spread of μ makes the unbalanced top-K routing very
 * uneven (MaxVio ≈ 2.7 at the defaults), which is what the balancers have to undo.
 *
 * <p>One {@link Rng} stream per router; noise is drawn token by token, expert by expert.
 * Not thread-safe.
 */
public final class SyntheticRouter {

    /**
     * @param experts   N (spec: 16)
     * @param topK      K experts per token (spec: 2)
     * @param batchSize B tokens per step (spec: 1024)
     * @param spread    μ_i runs linearly from −spread to +spread (spec: 1.5)
     */
    public record Config(int experts, int topK, int batchSize, double spread) {
        public Config {
            Checks.require(experts >= 2, "experts must be >= 2, was " + experts);
            Checks.require(topK >= 1 && topK < experts, "topK must be in [1, experts − 1], was " + topK);
            Checks.positive(batchSize, "batchSize");
            Checks.nonNegative(spread, "spread");
        }

        /** Spec §14(b): N = 16, K = 2, B = 1024, μ = linspace(−1.5, 1.5). */
        public static Config defaults() {
            return new Config(16, 2, 1024, 1.5);
        }

        /** L = K·B/N, the balanced load per expert. */
        public double targetLoad() {
            return Routing.targetLoad(topK, batchSize, experts);
        }

        /** μ_i. */
        public double[] means() {
            double[] mu = new double[experts];
            for (int i = 0; i < experts; i++) mu[i] = -spread + 2 * spread * i / (experts - 1);
            return mu;
        }

        public Config withBatchSize(int tokens) {
            return new Config(experts, topK, tokens, spread);
        }
    }

    private final Config config;
    private final double[] mu;
    private final Rng rng;

    public SyntheticRouter(Config config, Rng rng) {
        Checks.require(config != null && rng != null, "config and rng must not be null");
        this.config = config;
        this.mu = config.means();
        this.rng = rng;
    }

    /** A fresh batch of B tokens. */
    public Routing.Batch next() {
        int n = config.experts(), b = config.batchSize();
        double[] s = new double[b * n];
        for (int t = 0; t < b; t++) {
            for (int i = 0; i < n; i++) s[t * n + i] = sigmoid(mu[i] + rng.nextGaussian());
        }
        return new Routing.Batch(b, n, s);
    }

    public Config config() {
        return config;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
