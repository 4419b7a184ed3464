package dev.proxima.core.rl;

import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;

/**
 * The KL-proximal policy mirror-descent step, written once and used by every method built on it
 * (MDPO now; magnetic mirror descent, Nash-MD, Nash-MP, OPMD and XPO build on the same step).
 *
 * <p>Per state, one step solves
 * <pre>
 *   π_{k+1} = argmax_π  ⟨π, Q⟩ − (1/η)·KL(π ‖ π_k) − α·KL(π ‖ ρ)
 * </pre>
 * with step size η, previous policy π_k, magnet (reference) policy ρ and magnet weight α ≥ 0.
 * Its closed form on a simplex is
 * <pre>
 *   π_{k+1}(a) ∝ exp( (log π_k(a) + ηα·log ρ(a) + η·Q(a)) / (1 + ηα) ),
 * </pre>
 * which {@link #tabularStep} computes in log space. With α = 0 it is the exponentiated-gradient
 * (Hedge) step {@code π_k·exp(ηQ)}. For parameterised policies the same objective is minimised by
 * gradient steps on {@link #proximalLoss}: MDPO takes m Adam steps on it warm-started at θ_k
 * (Tomar et al. 2022, eq. 5).
 */
public final class MirrorDescent {
    private MirrorDescent() {}

    /**
     * One exact step on a simplex, in log space.
     *
     * @param logPolicy   log π_k over the actions
     * @param q           action values Q(a) (the linearised objective's gradient)
     * @param stepSize    η > 0
     * @param magnetWeight α ≥ 0; 0 ignores {@code logMagnet}
     * @param logMagnet   log ρ, or null when α = 0
     * @param out         receives log π_{k+1}, normalised
     */
    public static void tabularStep(double[] logPolicy, double[] q, double stepSize, double magnetWeight,
                                   double[] logMagnet, double[] out) {
        int n = logPolicy.length;
        if (q.length != n || out.length != n || (magnetWeight != 0 && (logMagnet == null || logMagnet.length != n))) {
            throw new IllegalArgumentException("tabularStep: policy, values, magnet and output must have "
                    + n + " entries");
        }
        if (!(stepSize > 0) || !(magnetWeight >= 0)) {
            throw new IllegalArgumentException("tabularStep: stepSize must be > 0 and magnetWeight >= 0, were "
                    + stepSize + " and " + magnetWeight);
        }
        double ea = stepSize * magnetWeight;
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < n; a++) {
            double z = logPolicy[a] + stepSize * q[a] + (ea == 0 ? 0 : ea * logMagnet[a]);
            out[a] = z / (1 + ea);
            max = Math.max(max, out[a]);
        }
        double sum = 0;
        for (int a = 0; a < n; a++) sum += Math.exp(out[a] - max);
        double lse = max + Math.log(sum);
        for (int a = 0; a < n; a++) out[a] -= lse;
    }

    /**
     * The loss whose minimisation over θ is one proximal step for a parameterised policy:
     * {@code −surrogate + klCoefficient·mean(KL(π_θ ‖ π_k))}, where {@code surrogate} is the
     * linearised objective (e.g. {@code mean(ratio·Â)}) and {@code klCoefficient = 1/η}.
     *
     * @param surrogate      {@code [1, 1]} objective to maximise
     * @param klToPrevious   per-state {@code KL(π_θ ‖ π_k)}, {@code [m, 1]}
     * @param klCoefficient  1/η ≥ 0
     */
    public static Tensor proximalLoss(Graph g, Tensor surrogate, Tensor klToPrevious, float klCoefficient) {
        if (!(klCoefficient >= 0)) {
            throw new IllegalArgumentException("klCoefficient must be >= 0, was " + klCoefficient);
        }
        return g.sub(g.scale(g.mean(klToPrevious), klCoefficient), surrogate);
    }

    /** {@link #proximalLoss} plus the magnet term {@code magnetWeight·mean(KL(π_θ ‖ ρ))}. */
    public static Tensor proximalLoss(Graph g, Tensor surrogate, Tensor klToPrevious, float klCoefficient,
                                      Tensor klToMagnet, float magnetWeight) {
        if (!(magnetWeight >= 0)) {
            throw new IllegalArgumentException("magnetWeight must be >= 0, was " + magnetWeight);
        }
        Tensor base = proximalLoss(g, surrogate, klToPrevious, klCoefficient);
        return g.add(base, g.scale(g.mean(klToMagnet), magnetWeight));
    }
}
