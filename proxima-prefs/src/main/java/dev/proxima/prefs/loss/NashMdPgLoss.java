package dev.proxima.prefs.loss;

import dev.proxima.core.util.Checks;

/**
 * The per-sample Nash-MD policy-gradient loss (Munos et al. 2023, arXiv:2312.00886; TRL's
 * {@code NashMDTrainer}), computed from the token log-probabilities of one response y ~ π_θ.
 *
 * <pre>
 *   log π_θ(y) = Σ_t log π_θ(y_t|·),   ρ = log π_θ(y) − log π_ref(y),   p = P(y ≻ y'), y' ~ π_mix
 *   SEQUENCE:  L = −(p − ½)·log π_θ(y) + τ·sg(ρ)·log π_θ(y)
 *   TOKENWISE: L = −(p − ½)·log π_θ(y) + τ·Σ_t sg(log π_θ(y_t|·) − log π_ref(y_t|·))·log π_θ(y_t|·)
 * </pre>
 * The SEQUENCE term's gradient is the exact score-function gradient of τ·KL(π_θ ‖ π_ref) over whole
 * responses; TOKENWISE is what TRL computes, which ignores how early tokens change the KL of later
 * ones (spec §2.1). p, the mixture sample and sg(·) carry no gradient. Defaults: τ = 0.1 (TRL's
 * "beta"), klTerm = SEQUENCE (spec §2.1). Stateless and thread-safe.
 */
public final class NashMdPgLoss {
    /** τ, the KL coefficient (TRL default 0.1). */
    public static final double DEFAULT_TAU = 0.1;

    private NashMdPgLoss() {}

    /** How the KL regulariser's gradient is formed. */
    public enum KlTerm { SEQUENCE, TOKENWISE }

    /**
     * The loss of one sample; writes ∂L/∂log π_θ(y_t|·) into {@code gradient} (may be null).
     *
     * @param tokenLogPi  log π_θ(y_t|·) over the response tokens
     * @param tokenLogRef log π_ref(y_t|·) over the same tokens
     * @param preference  p = P(y ≻ y') ∈ [0, 1] (a probability or a sampled 0/1 label)
     * @param tau         τ ≥ 0
     */
    public static double loss(double[] tokenLogPi, double[] tokenLogRef, double preference, double tau,
                              KlTerm klTerm, double[] gradient) {
        int n = tokenLogPi.length;
        if (tokenLogRef.length != n || (gradient != null && gradient.length != n)) {
            throw new IllegalArgumentException("NashMdPgLoss: token log-probs of π_θ, π_ref and the gradient must have "
                    + n + " entries, had " + tokenLogRef.length + (gradient == null ? "" : " and " + gradient.length));
        }
        Checks.inClosed(preference, 0, 1, "preference");
        Checks.nonNegative(tau, "tau");
        double logPi = 0, logRef = 0;
        for (int t = 0; t < n; t++) {
            logPi += tokenLogPi[t];
            logRef += tokenLogRef[t];
        }
        double advantage = preference - 0.5;
        double value = -advantage * logPi;
        if (klTerm == KlTerm.SEQUENCE) {
            double rho = logPi - logRef;
            value += tau * rho * logPi;
            if (gradient != null) java.util.Arrays.fill(gradient, -advantage + tau * rho);
        } else {
            for (int t = 0; t < n; t++) {
                double delta = tokenLogPi[t] - tokenLogRef[t];
                value += tau * delta * tokenLogPi[t];
                if (gradient != null) gradient[t] = -advantage + tau * delta;
            }
        }
        return value;
    }
}
