package dev.proxima.prefs.loss;

/**
 * Per-token estimators of KL(π_θ ‖ π_ref) from tokens sampled from π_θ (Schulman, "Approximating KL
 * divergence", 2020; spec §0.1), with δ = log π_ref − log π_θ:
 * <pre>
 *   k1 = −δ                 unbiased, can be negative
 *   k2 = ½·δ²               biased, low variance
 *   k3 = e^δ − δ − 1        unbiased and ≥ 0 (verl's "low_var_kl")
 * </pre>
 * Gradients flow through log π_θ only; the derivative methods return ∂k/∂log π_θ (= −∂k/∂δ).
 *
 * <p>Departures (both from verl, both inactive on ordinary inputs): 1. δ is clamped to [−20, 20]
 * before use, so e^δ cannot overflow; 2. k3 is clamped to [−10, 10]. Where a clamp is active the
 * derivative is 0, as for any clamp. Stateless and thread-safe.
 */
public final class KlEstimators {
    /** |δ| clamp (verl). */
    public static final double DELTA_CLAMP = 20;
    /** |k3| clamp (verl). */
    public static final double K3_CLAMP = 10;

    private KlEstimators() {}

    /** The estimator kinds. */
    public enum Kind { K1, K2, K3 }

    /** The estimate for one token. */
    public static double estimate(Kind kind, double logPi, double logRef) {
        double d = delta(logPi, logRef);
        return switch (kind) {
            case K1 -> -d;
            case K2 -> 0.5 * d * d;
            case K3 -> Math.clamp(Math.exp(d) - d - 1, -K3_CLAMP, K3_CLAMP);
        };
    }

    /** ∂estimate/∂log π_θ for one token. */
    public static double derivative(Kind kind, double logPi, double logRef) {
        double raw = logRef - logPi;
        if (Math.abs(raw) > DELTA_CLAMP) return 0;
        double d = raw;
        return switch (kind) {
            case K1 -> 1;
            case K2 -> -d;
            case K3 -> Math.abs(Math.exp(d) - d - 1) > K3_CLAMP ? 0 : -(Math.exp(d) - 1);
        };
    }

    private static double delta(double logPi, double logRef) {
        return Math.clamp(logRef - logPi, -DELTA_CLAMP, DELTA_CLAMP);
    }
}
