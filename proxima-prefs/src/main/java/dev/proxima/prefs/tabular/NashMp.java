package dev.proxima.prefs.tabular;

import dev.proxima.core.random.Rng;
import dev.proxima.core.rl.MirrorDescent;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.game.PreferenceMatrix;
import dev.proxima.prefs.game.Simplex;

/**
 * Tabular Nash-MP: mirror prox on the β-regularised preference game. Each iteration takes two
 * KL-proximal steps anchored at π_k, the second one against the first one's result.
 *
 * <p>Paper: Tiapkin, Calandriello, Belomestny, et al. (2025), "Accelerating Nash Learning from Human
 * Feedback via Mirror Prox", arXiv:2505.19731; spec §2.2.
 *
 * <pre>
 *   half: π_{k+½} = argmax_π η[P(π ≻ π_k) − β·KL(π‖π_ref)] − KL(π‖π_k)
 *         log π_{k+½} = (log π_k + ηβ·log π_ref + η·P·π_k) / (1 + ηβ) + const
 *   full: π_{k+1}   = argmax_π η[P(π ≻ π_{k+½}) − β·KL(π‖π_ref)] − KL(π‖π_k)
 *         log π_{k+1} = (log π_k + ηβ·log π_ref + η·P·π_{k+½}) / (1 + ηβ) + const
 *   rate: KL(π*‖π_k) ≤ (1 + ηβ)^{−k}·KL(π*‖π_0),  2 preference queries per iteration
 * </pre>
 * Both steps are {@link MirrorDescent#tabularStep} with magnet π_ref and magnet weight β. η = 2 is
 * 1/L for the operator π ↦ P·π, which is ½-Lipschitz from ℓ1 to ℓ∞ (spec §2.2), and reproduces the
 * paper's (1 + 2β)^{−N/2} rate in N queries.
 *
 * <p>Approximate variant ({@link ProxSolver#EXACT_GRADIENT}, {@link ProxSolver#SAMPLED}): each prox
 * step is instead solved by M gradient-ascent steps on tabular logits, started at π_k, on
 * <pre>
 *   F(π) = η[P(π ≻ π_opp) − β·KL(π‖π_ref)] − KL(π‖π_k)          (π_opp = π_k, then frozen π_{k+½})
 *   ∇_θ F = π ⊙ (f − ⟨π, f⟩),  f(y) = η·P(y ≻ π_opp) − ηβ·log(π(y)/π_ref(y)) − log(π(y)/π_k(y))
 *   sampled: y_b ~ π, y'_b ~ π_opp, w_b ~ Bernoulli(P(y_b ≻ y'_b)),
 *            c_b = η(w_b − ½) − ηβ·ρ(y_b) − log(π(y_b)/π_k(y_b)),
 *            g = (1/B)·Σ_b (c_b − c̄)·(e_{y_b} − π),   θ ← θ + lr·g
 * </pre>
 *
 * <p>Departures: 1. the approximate variant is the spec's generic policy-gradient prox solver; the
 * paper's own LLM-practical variant could not be read (spec §2.2).
 *
 * <p>Note: the batch-mean baseline c̄ of the sampled estimator (spec §2.2) includes the sample
 * itself, which scales the expected step by (B−1)/B; it changes the effective learning rate by
 * 1/B, not the prox step's fixed point.
 *
 * <p>Not thread-safe.
 */
public final class NashMp {
    /** How each proximal step is solved. */
    public enum ProxSolver {
        /** The closed form, by {@link MirrorDescent#tabularStep}. */
        EXACT,
        /** M ascent steps with the exact gradient of F. */
        EXACT_GRADIENT,
        /** M ascent steps with the sampled estimator on B pairs. */
        SAMPLED
    }

    /**
     * @param stepSize          η > 0; 2 = 1/L (spec §2.2)
     * @param beta              β > 0, regularisation towards π_ref
     * @param solver            how the prox steps are solved
     * @param innerSteps        M ≥ 1 ascent steps per prox step (approximate variants)
     * @param batchSize         B ≥ 2 pairs per sampled gradient
     * @param innerLearningRate lr > 0 on tabular logits
     */
    public record Config(double stepSize, double beta, ProxSolver solver, int innerSteps, int batchSize,
                         double innerLearningRate) {
        public Config {
            Checks.positive(stepSize, "stepSize");
            Checks.positive(beta, "beta");
            Checks.require(solver != null, "solver must be EXACT, EXACT_GRADIENT or SAMPLED, was null");
            Checks.positive(innerSteps, "innerSteps");
            if (batchSize < 2) {
                throw new IllegalArgumentException("batchSize must be >= 2 (the estimator's baseline is a batch mean), was "
                        + batchSize);
            }
            Checks.positive(innerLearningRate, "innerLearningRate");
        }

        /** Exact Nash-MP, η = 2, β = 0.1 (spec §2.2). */
        public static Config defaults() {
            return exact(0.1);
        }

        /** Exact Nash-MP with η = 2. */
        public static Config exact(double beta) {
            return new Config(2.0, beta, ProxSolver.EXACT, 1, 2, 1.0);
        }

        /** Exact-gradient inner solver: M = 200, lr 1 (spec §2.2(c)). */
        public static Config exactGradient(double beta) {
            return new Config(2.0, beta, ProxSolver.EXACT_GRADIENT, 200, 2, 1.0);
        }

        /** Sampled inner solver: M = 50, lr 1, batch B (spec default 256). */
        public static Config sampled(double beta, int batchSize) {
            return new Config(2.0, beta, ProxSolver.SAMPLED, 50, batchSize, 1.0);
        }
    }

    private final PreferenceMatrix p;
    private final Config config;
    private final Rng rng;
    private final int n;
    private final double[] logRef, logPi, half, pi, values;
    private int k;

    /** Starts at π_0 = π_ref. {@code rng} is used only by {@link ProxSolver#SAMPLED} (may be null otherwise). */
    public NashMp(PreferenceMatrix p, double[] reference, Config config, Rng rng) {
        this.n = p.size();
        Simplex.requireDistribution(reference, "reference");
        if (reference.length != n) {
            throw new IllegalArgumentException("reference must have " + n + " entries, had " + reference.length);
        }
        if (config.solver() == ProxSolver.SAMPLED && rng == null) {
            throw new IllegalArgumentException("rng must be given for the SAMPLED solver, was null");
        }
        this.p = p;
        this.config = config;
        this.rng = rng;
        this.logRef = Simplex.log(reference);
        this.logPi = logRef.clone();
        this.half = new double[n];
        this.pi = new double[n];
        this.values = new double[n];
    }

    /** One mirror-prox iteration (two preference queries). */
    public void iterate() {
        double eta = config.stepSize(), beta = config.beta();
        for (int i = 0; i < n; i++) pi[i] = Math.exp(logPi[i]);
        if (config.solver() == ProxSolver.EXACT) {
            p.against(pi, values);
            MirrorDescent.tabularStep(logPi, values, eta, beta, logRef, half);
            double[] halfProb = Simplex.exp(half);
            p.against(halfProb, values);
            MirrorDescent.tabularStep(logPi.clone(), values, eta, beta, logRef, logPi);
        } else {
            double[] anchor = logPi.clone();
            System.arraycopy(prox(anchor, pi), 0, half, 0, n);
            double[] full = prox(anchor, Simplex.exp(half));
            System.arraycopy(full, 0, logPi, 0, n);
        }
        k++;
    }

    /** Runs {@code iterations} iterations. */
    public void run(int iterations) {
        for (int i = 0; i < iterations; i++) iterate();
    }

    /** M ascent steps on F from θ = log π_k; returns log π of the result. */
    private double[] prox(double[] logAnchor, double[] opponent) {
        double eta = config.stepSize(), beta = config.beta(), lr = config.innerLearningRate();
        double[] theta = logAnchor.clone(), g = new double[n], oppValues = p.against(opponent);
        double[] bracket = new double[config.batchSize()];
        int[] drawn = new int[config.batchSize()];
        for (int m = 0; m < config.innerSteps(); m++) {
            double[] logQ = Simplex.logSoftmax(theta), q = Simplex.exp(logQ);
            java.util.Arrays.fill(g, 0);
            if (config.solver() == ProxSolver.EXACT_GRADIENT) {
                double mean = 0;
                double[] f = new double[n];
                for (int y = 0; y < n; y++) {
                    f[y] = eta * oppValues[y] - eta * beta * (logQ[y] - logRef[y]) - (logQ[y] - logAnchor[y]);
                    mean += q[y] * f[y];
                }
                for (int y = 0; y < n; y++) g[y] = q[y] * (f[y] - mean);
            } else {
                int b = config.batchSize();
                double mean = 0;
                for (int s = 0; s < b; s++) {
                    int y = Simplex.sample(q, rng), yOpp = Simplex.sample(opponent, rng);
                    double w = rng.nextDouble() < p.get(y, yOpp) ? 1 : 0;
                    drawn[s] = y;
                    bracket[s] = eta * (w - 0.5) - eta * beta * (logQ[y] - logRef[y]) - (logQ[y] - logAnchor[y]);
                    mean += bracket[s];
                }
                mean /= b;
                double coefSum = 0;
                for (int s = 0; s < b; s++) {
                    double c = (bracket[s] - mean) / b;
                    g[drawn[s]] += c;
                    coefSum += c;
                }
                // ∇log π(y) = e_y − π: the −π part of every sample adds up to −(Σ_b c_b)·π.
                for (int y = 0; y < n; y++) g[y] -= coefSum * q[y];
            }
            for (int y = 0; y < n; y++) theta[y] += lr * g[y];
        }
        return Simplex.logSoftmax(theta);
    }

    /** π_k (a copy). */
    public double[] policy() {
        return Simplex.exp(logPi);
    }

    /** log π_k (a copy). */
    public double[] logPolicy() {
        return logPi.clone();
    }

    /** π_{k−½} of the last iteration (a copy; exact solver and approximate alike). */
    public double[] halfStepPolicy() {
        return Simplex.exp(half);
    }

    /** Iterations taken. */
    public int iteration() {
        return k;
    }

    /** Preference queries spent: two per iteration. */
    public int queries() {
        return 2 * k;
    }
}
