package dev.proxima.prefs.nash;

import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.seq.PreferenceTask;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.policy.OnlinePreferenceLearner;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.Training;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Nash-MP with policy gradients (Nash-MP-PG) on sequence policies: mirror prox on the
 * β-regularised preference game, each of the two proximal steps of an iteration solved by M
 * policy-gradient steps from the anchor π_k, the second against a frozen copy of the first's result.
 *
 * <p>Paper: Tiapkin, Calandriello, Belomestny, et al. (2025), "Accelerating Nash Learning from Human
 * Feedback via Mirror Prox"; spec §2.2, whose generic policy-gradient prox solver this is. The
 * tabular method, exact and sampled, is {@link dev.proxima.prefs.tabular.NashMp}.
 *
 * <pre>
 *   iteration k:  π_k ← frozen copy of π_θ
 *     half step:  from π_θ = π_k, M steps of ascent on F(π) with π_opp = π_k;   π_{k+½} ← frozen copy
 *     full step:  from π_θ = π_k again, M steps with π_opp = π_{k+½}
 *   F(π) = η[P(π ≻ π_opp) − β·KL(π‖π_ref)] − KL(π‖π_k)
 *   y_b ~ π_θ, y'_b ~ π_opp,  w_b = P(y_b ≻ y'_b)  (the judge's probability; or a 0/1 draw from it)
 *   c_b = η(w_b − ½) − ηβ·(log π_θ(y_b) − log π_ref(y_b)) − (log π_θ(y_b) − log π_k(y_b))
 *   L = −(1/B)·Σ_b (c_b − c̄)·log π_θ(y_b)          (c constant; ∇L = −ĝ, an estimate of −∇F)
 * </pre>
 * One preference query per sample, so an iteration spends 2·M·B queries.
 *
 * <p>Departures: Adam (spec §0.2, 1e-3) instead of the tabular solver's plain SGD, restarted with the
 * policy at each proximal step; M = 50 as the tabular default, B = 32 prompts per inner step as the
 * other transformer methods (spec §0.5 CI budget).
 */
public final class NashMpPg {
    private NashMpPg() {}

    /**
     * @param stepSize       η > 0; 2 = 1/L for the preference operator (spec §2.2)
     * @param beta           β > 0, the KL strength towards π_ref (ours: 0.1, as Nash-MD-PG's τ)
     * @param innerSteps     M ≥ 1 policy-gradient steps per proximal step (spec: 50)
     * @param promptsPerStep B, samples (one per prompt) per inner step
     * @param temperature    sampling temperature of π_θ and of the opponent (1: the policies themselves)
     * @param sampledLabels  w_b drawn from P (the tabular estimator of spec §2.2) rather than P itself (default, as
     *                       Nash-MD-PG's: on PREF-CYCLIC the 0/1 draws left Nash-MP-PG at KL(π*‖π_θ) 0.071 and
     *                       0.074 after 9,600 queries, judge probabilities at 0.064 and 0.062)
     * @param learningRate   Adam step size (spec §0.2: 1e-3)
     * @param maxGradNorm    global gradient-norm clip (spec §0.2: 1.0)
     */
    public record Config(double stepSize, double beta, int innerSteps, int promptsPerStep, double temperature,
                         boolean sampledLabels, double learningRate, double maxGradNorm) {
        public Config {
            Checks.positive(stepSize, "stepSize");
            if (!(beta > 0) || Double.isInfinite(beta)) {
                throw new IllegalArgumentException("beta must be a finite value > 0 (the KL strength), was " + beta);
            }
            Checks.positive(innerSteps, "innerSteps");
            Training.checkOnPolicy(promptsPerStep, 1, temperature, learningRate, maxGradNorm);
        }

        public static Config defaults() {
            return new Config(2, 0.1, 50, 32, 1.0, false, 1e-3, 1.0);
        }
    }

    /** The trainer on a preference task; one {@link #step} is one inner policy-gradient step. */
    public static final class Learner extends OnlinePreferenceLearner {
        private final Config config;
        private final TokenSampling sampling;
        private TransformerPolicy anchor, opponent;
        private long steps;

        public Learner(Config config, TransformerPolicy policy, TransformerPolicy reference, PreferenceTask task, long seed) {
            super(policy, reference, task, seed, config.learningRate(), config.maxGradNorm());
            this.config = config;
            this.sampling = TokenSampling.atTemperature(config.temperature());
        }

        /** Inner steps taken so far; every 2·M of them make one mirror-prox iteration. */
        public long steps() {
            return steps;
        }

        /**
         * One inner step; at the start of an iteration it freezes the anchor π_k, and at the start of
         * the full step it freezes π_{k+½} as the opponent and puts π_θ back at π_k. Returns the loss.
         */
        public double step() {
            long inIteration = steps % (2L * config.innerSteps());
            if (inIteration == 0) {
                anchor = policy.frozenCopy();
                opponent = anchor;
                restartOptimizer();
            } else if (inIteration == config.innerSteps()) {
                opponent = policy.frozenCopy();
                policy.copyFrom(anchor);
                restartOptimizer();
            }
            steps++;
            int n = config.promptsPerStep();
            List<int[]> prompts = new ArrayList<>(n);
            int[] xs = Training.uniformPrompts(task, n, rng, prompts);
            SequenceBatch mine = policy.generate(prompts, task.responseLength(), sampling, rng);
            SequenceBatch theirs = opponent.generate(prompts, task.responseLength(), sampling, rng);
            countQueries(n);
            double[] logPi = policy.sequenceLogProbabilities(mine), logRef = reference.sequenceLogProbabilities(mine);
            double[] logAnchor = anchor.sequenceLogProbabilities(mine);
            double eta = config.stepSize();
            double[] c = new double[n];
            double mean = 0;
            for (int b = 0; b < n; b++) {
                double p = task.preference(xs[b], mine.response(b), theirs.response(b));
                double w = config.sampledLabels() ? (rng.nextDouble() < p ? 1 : 0) : p;
                c[b] = eta * (w - 0.5) - eta * config.beta() * (logPi[b] - logRef[b]) - (logPi[b] - logAnchor[b]);
                mean += c[b] / n;
            }
            float[] weights = new float[n];
            for (int b = 0; b < n; b++) weights[b] = (float) (-(c[b] - mean) / n);
            return descend(g -> g.sum(g.mul(policy.sequenceLogProbabilities(g, mine), g.constant(weights, 0, n, 1))));
        }
    }
}
