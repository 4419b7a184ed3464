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
 *
 * <p>{@link #geometricMixture} is the other half of Nash-MD's update (Munos et al. 2023): before
 * each Hedge step the policy is pulled towards the reference by
 * {@code π^μ ∝ π^{1−w}·μ^{w}}, which is the same KL-proximal problem solved with a zero linear term.
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
     * The normalised geometric mixture {@code π^μ(a) ∝ π(a)^{1−w}·μ(a)^{w}}, in log space.
     *
     * <p>It is the maximiser of {@code −(1−w)·KL(p ‖ π) − w·KL(p ‖ μ)} over the simplex, so
     * w = 0 returns π and w = 1 returns μ. Nash-MD uses w = ητ (step size times regularisation).
     *
     * @param logPolicy   log π
     * @param logMagnet   log μ
     * @param magnetShare w ∈ [0, 1]
     * @param out         receives log π^μ, normalised (may alias neither input)
     */
    public static void geometricMixture(double[] logPolicy, double[] logMagnet, double magnetShare, double[] out) {
        int n = logPolicy.length;
        if (logMagnet.length != n || out.length != n) {
            throw new IllegalArgumentException("geometricMixture: policy, magnet and output must have " + n
                    + " entries, were " + logMagnet.length + " and " + out.length);
        }
        if (!(magnetShare >= 0 && magnetShare <= 1)) {
            throw new IllegalArgumentException("geometricMixture: magnetShare must be in [0, 1], was " + magnetShare);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < n; a++) {
            // Written as a sum of weighted terms, not logπ + w(logμ − logπ), so that w = 1 returns μ
            // exactly even where π has zero mass.
            double z = (magnetShare == 1 ? 0 : (1 - magnetShare) * logPolicy[a])
                    + (magnetShare == 0 ? 0 : magnetShare * logMagnet[a]);
            out[a] = z;
            max = Math.max(max, z);
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
