package dev.proxima.prefs.rl;

import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;

/**
 * How per-token losses {@code ℓ_{i,t}} with response mask {@code m_{i,t}} become one loss
 * (spec §0.6). N is the number of sequences in the optimiser step.
 */
public enum Aggregation {
    /** {@code Σ m·ℓ / Σ m} (default; TRL "dapo", verl "token-mean"). */
    TOKEN_MEAN,
    /** {@code (1/N)·Σ_i (Σ_t m·ℓ / Σ_t m)} (the original GRPO). */
    SEQ_MEAN_TOKEN_MEAN,
    /** {@code (1/N)·Σ_i Σ_t m·ℓ}. */
    SEQ_MEAN_TOKEN_SUM,
    /** {@code Σ m·ℓ / (N·T_max)} with T_max the generation budget (Dr. GRPO). */
    CONSTANT_NORM;

    /**
     * The aggregated loss. {@code perToken} is {@code [sequences·time, 1]}, row {@code i·time + t};
     * {@code weights} is scratch of the same length (filled here).
     *
     * @param maxResponseLength T_max for {@link #CONSTANT_NORM}
     */
    public Tensor apply(Graph g, Tensor perToken, float[] mask, int sequences, int time, int maxResponseLength,
                        float[] weights) {
        if (perToken.rows != sequences * time || mask.length < perToken.rows || weights.length < perToken.rows) {
            throw new IllegalArgumentException("aggregation: " + perToken.rows + " rows for " + sequences + " sequences of "
                    + time + " positions, mask " + mask.length + ", weights " + weights.length);
        }
        double total = 0;
        for (int r = 0; r < perToken.rows; r++) total += mask[r];
        for (int i = 0; i < sequences; i++) {
            double own = 0;
            for (int t = 0; t < time; t++) own += mask[i * time + t];
            for (int t = 0; t < time; t++) {
                int r = i * time + t;
                double w = switch (this) {
                    case TOKEN_MEAN -> total == 0 ? 0 : mask[r] / total;
                    case SEQ_MEAN_TOKEN_MEAN -> own == 0 ? 0 : mask[r] / (own * sequences);
                    case SEQ_MEAN_TOKEN_SUM -> mask[r] / (double) sequences;
                    case CONSTANT_NORM -> mask[r] / ((double) sequences * maxResponseLength);
                };
                weights[r] = (float) w;
            }
        }
        return g.sum(g.mul(perToken, g.constant(weights, 0, perToken.rows, 1)));
    }
}
