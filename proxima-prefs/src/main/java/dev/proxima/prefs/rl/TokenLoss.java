package dev.proxima.prefs.rl;

import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.prefs.loss.KlEstimators;

/**
 * The per-token pieces of the policy-gradient losses (spec §0.6) as graph operations, so that a
 * method is a composition: advantage → {@link #clippedSurrogate} → {@link #klPenalty} →
 * {@link Aggregation}. Rows are prediction rows of a scored batch; rows outside the response
 * carry values but get weight 0 in the aggregation.
 */
public final class TokenLoss {
    private TokenLoss() {}

    /**
     * {@code −min(q·A, clip(q, 1 − ε_low, 1 + ε_high)·A)} with the importance ratio
     * {@code q = exp(log π_θ − log π_old)}, {@code [N, 1]}.
     *
     * @param logPi       log π_θ of each row's token, {@code [N, 1]}
     * @param logPiOld    log π_old of the same tokens (constants)
     * @param advantage   the advantage of each row (its response's, copied to every token)
     */
    public static Tensor clippedSurrogate(Graph g, Tensor logPi, float[] logPiOld, float[] advantage, float epsLow,
                                          float epsHigh) {
        int n = logPi.rows;
        Tensor ratio = g.exp(g.sub(logPi, g.constant(logPiOld, 0, n, 1)));
        Tensor a = g.constant(advantage, 0, n, 1);
        Tensor unclipped = g.mul(ratio, a);
        Tensor clipped = g.mul(g.clamp(ratio, 1 - epsLow, 1 + epsHigh), a);
        return g.scale(g.min(unclipped, clipped), -1f);
    }

    /**
     * A per-token estimate of KL(π_θ ‖ π_ref) from the sampled tokens ({@link KlEstimators}),
     * with verl's clamps: δ = log π_ref − log π_θ to ±20, k3 to ±10. Gradients flow through log π_θ.
     */
    public static Tensor klPenalty(Graph g, Tensor logPi, float[] logRef, KlEstimators.Kind kind) {
        int n = logPi.rows;
        float clampDelta = (float) KlEstimators.DELTA_CLAMP, clampK3 = (float) KlEstimators.K3_CLAMP;
        Tensor delta = g.clamp(g.sub(g.constant(logRef, 0, n, 1), logPi), -clampDelta, clampDelta);
        return switch (kind) {
            case K1 -> g.scale(delta, -1f);
            case K2 -> g.scale(g.square(delta), 0.5f);
            case K3 -> g.clamp(g.addScalar(g.sub(g.exp(delta), delta), -1f), -clampK3, clampK3);
        };
    }
}
