package dev.proxima.prefs.loss;

import dev.proxima.core.util.Checks;

/**
 * The DPO and IPO losses of one preference pair (y_w ≻ y_l), on sequence log-probabilities.
 *
 * <pre>
 *   ρ(y) = log π_θ(y) − log π_ref(y)            log-ratio to the reference
 *   h    = ρ(y_w) − ρ(y_l)
 *   DPO: L = −log σ(β·h)                         Rafailov et al. 2023, arXiv:2305.18290, eq. 7; β = 0.1
 *   IPO: L = (h − 1/(2τ))²                       Azar et al. 2023, arXiv:2310.12036, eq. 17; τ = 0.1
 *   implicit reward r̂(y) = β·ρ(y), so DPO's L = −log σ(r̂(y_w) − r̂(y_l))
 * </pre>
 * The derivatives are with respect to h; ∂h/∂log π_θ(y_w) = 1 and ∂h/∂log π_θ(y_l) = −1.
 * −log σ(x) is evaluated as softplus(−x) = log(1 + e^{−x}) without overflow. Stateless and
 * thread-safe.
 */
public final class PairLoss {
    /** DPO's β (Rafailov et al. 2023; TRL's default). */
    public static final double DEFAULT_BETA = 0.1;
    /** IPO's τ (spec §1.3; TRL's β for loss_type="ipo"). */
    public static final double DEFAULT_TAU = 0.1;

    private PairLoss() {}

    /** h = (log π_θ(y_w) − log π_ref(y_w)) − (log π_θ(y_l) − log π_ref(y_l)). */
    public static double margin(double logPiW, double logRefW, double logPiL, double logRefL) {
        return (logPiW - logRefW) - (logPiL - logRefL);
    }

    /** Implicit reward β·ρ(y). */
    public static double implicitReward(double beta, double logPi, double logRef) {
        return beta * (logPi - logRef);
    }

    /** DPO: −log σ(β·h). */
    public static double dpo(double h, double beta) {
        Checks.positive(beta, "beta");
        return softplus(-beta * h);
    }

    /** ∂/∂h of −log σ(β·h) = −β·σ(−β·h). */
    public static double dpoDerivative(double h, double beta) {
        Checks.positive(beta, "beta");
        return -beta * sigmoid(-beta * h);
    }

    /** IPO: (h − 1/(2τ))². */
    public static double ipo(double h, double tau) {
        Checks.positive(tau, "tau");
        double d = h - 1 / (2 * tau);
        return d * d;
    }

    /** ∂/∂h of (h − 1/(2τ))² = 2·(h − 1/(2τ)). */
    public static double ipoDerivative(double h, double tau) {
        Checks.positive(tau, "tau");
        return 2 * (h - 1 / (2 * tau));
    }

    /** σ(x) = 1/(1 + e^{−x}), evaluated without overflow for either sign. */
    public static double sigmoid(double x) {
        if (x >= 0) return 1 / (1 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** log(1 + e^x) without overflow. */
    public static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
