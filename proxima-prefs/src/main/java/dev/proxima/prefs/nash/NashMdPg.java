package dev.proxima.prefs.nash;

import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.seq.PreferenceTask;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.loss.NashMdPgLoss;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.OnlinePreferenceLearner;
import dev.proxima.prefs.policy.Training;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Nash-MD with policy gradients (Nash-MD-PG) on sequence policies: the policy plays against a
 * mixture of itself and the reference, and climbs the judge's preference over that opponent with
 * a KL(π_θ‖π_ref) regulariser.
 *
 * <p>Paper: Munos et al. (2023), "Nash Learning from Human Feedback"; practical form and defaults
 * as TRL's {@code NashMDTrainer}; spec §2.1. The tabular dynamics are
 * {@link dev.proxima.prefs.tabular.NashMd}.
 *
 * <pre>
 *   y ~ π_θ(·|x);  y' ~ π_mix, sampled token by token from softmax(β_mix·logits_ref + (1 − β_mix)·logits_θ)
 *   p = P(y ≻ y'|x)   (the judge's probability, or a sampled 0/1 label)
 *   L = −(p − ½)·log π_θ(y) + τ·sg(ρ_θ(y))·log π_θ(y)              klTerm = sequence (default)
 *   L = −(p − ½)·log π_θ(y) + τ·Σ_t sg(log π_θ(y_t) − log π_ref(y_t))·log π_θ(y_t)   klTerm = tokenwise (TRL)
 * </pre>
 * averaged over the batch; p, the opponent's sample and the mixture carry no gradient. The
 * per-token coefficients come from {@link NashMdPgLoss}, whose value the graph loss reproduces.
 */
public final class NashMdPg {
    private NashMdPg() {}

    /**
     * @param tau            τ, the KL coefficient (TRL "beta": 0.1)
     * @param mixtureCoef    β_mix, the reference's weight in the opponent's logits (TRL: 0.5)
     * @param klTerm         sequence (the exact gradient of the sequence KL) or tokenwise (TRL)
     * @param promptsPerStep prompts per step, one sample and one opponent sample each
     * @param temperature    sampling temperature, applied on top of the mixed logits (TRL: 0.9)
     * @param sampledLabels  use a 0/1 label drawn from P instead of P itself
     * @param learningRate   Adam step size (spec §0.2: 1e-3)
     * @param maxGradNorm    global gradient-norm clip (spec §0.2: 1.0)
     */
    public record Config(double tau, double mixtureCoef, NashMdPgLoss.KlTerm klTerm, int promptsPerStep, double temperature,
                         boolean sampledLabels, double learningRate, double maxGradNorm) {
        public Config {
            if (!(tau > 0) || Double.isInfinite(tau)) {
                throw new IllegalArgumentException("tau must be a finite value > 0 (the KL strength), was " + tau);
            }
            Checks.inClosed(mixtureCoef, 0, 1, "mixtureCoef");
            Checks.positive(promptsPerStep, "promptsPerStep");
            Checks.positive(temperature, "temperature");
            Checks.positive(learningRate, "learningRate");
            Checks.positive(maxGradNorm, "maxGradNorm");
        }

        public static Config defaults() {
            return new Config(0.1, 0.5, NashMdPgLoss.KlTerm.SEQUENCE, 32, 0.9, false, 1e-3, 1.0);
        }
    }

    /**
     * The loss of sampled responses on {@code g}.
     *
     * @param batch       the policy's samples
     * @param preferences p per sample
     * @param logRef      log π_ref of every scored row of the batch (constants)
     */
    public static Tensor loss(Graph g, Config config, TransformerPolicy policy, SequenceBatch batch, double[] preferences,
                              float[] logRef) {
        Tensor logPi = policy.score(g, batch)[0];
        float[] weights = new float[logPi.rows];
        for (int b = 0; b < batch.size; b++) {
            int length = batch.responseLength[b], first = b * batch.time + batch.promptLength[b] - 1;
            double[] lp = new double[length], lr = new double[length], grad = new double[length];
            for (int t = 0; t < length; t++) {
                lp[t] = logPi.data[first + t];
                lr[t] = logRef[first + t];
            }
            NashMdPgLoss.loss(lp, lr, preferences[b], config.tau(), config.klTerm(), grad);
            for (int t = 0; t < length; t++) weights[first + t] = (float) (grad[t] / batch.size);
        }
        return g.sum(g.mul(logPi, g.constant(weights, 0, weights.length, 1)));
    }

    /** The trainer on a preference task; the policy's allowed tokens must be the task's response tokens. */
    public static final class Learner extends OnlinePreferenceLearner {
        private final Config config;
        private final TokenSampling sampling;

        public Learner(Config config, TransformerPolicy policy, TransformerPolicy reference, PreferenceTask task, long seed) {
            super(policy, reference, task, seed, config.learningRate(), config.maxGradNorm());
            this.config = config;
            this.sampling = TokenSampling.atTemperature(config.temperature());
        }

        /** One step; returns the loss. */
        public double step() {
            int n = config.promptsPerStep();
            List<int[]> prompts = new ArrayList<>(n);
            int[] xs = Training.uniformPrompts(task, n, rng, prompts);
            SequenceBatch mine = policy.generate(prompts, task.responseLength(), sampling, rng);
            SequenceBatch opponent = policy.generateMixture(reference, config.mixtureCoef(), prompts, task.responseLength(),
                    sampling, rng);
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                double q = task.preference(xs[i], mine.response(i), opponent.response(i));
                p[i] = config.sampledLabels() ? (rng.nextDouble() < q ? 1 : 0) : q;
            }
            countQueries(n);
            float[] logRef = reference.tokenLogProbabilities(mine);
            return descend(g -> loss(g, config, policy, mine, p, logRef));
        }
    }
}
