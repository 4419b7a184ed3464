package dev.proxima.prefs.xpo;

import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.PreferenceTask;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.dpo.Dpo;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.OnlinePreferenceLearner;
import dev.proxima.prefs.policy.Training;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * XPO on sequence policies: online DPO on a pair made of one response from the policy and one
 * from the reference, plus an exploration bonus α·log π_θ(ỹ) on the reference's response.
 *
 * <p>Paper: Xie, Foster, Krishnamurthy, Rosset, Awadallah, Rakhlin (2024), "Exploratory Preference
 * Optimization", arXiv:2405.21046; practical form and defaults as TRL's {@code XPOTrainer}; spec
 * §2.3. The tabular form and its checks are {@link dev.proxima.prefs.tabular.Xpo}.
 *
 * <pre>
 *   y ~ π_θ(·|x), ỹ ~ π_ref(·|x) (temperature 0.9);  (y_w, y_l) = judge(y, ỹ)
 *   L = −log σ(β·h(y_w, y_l)) + α·log π_θ(ỹ|x)        (IPO: (h − 1/(2β))² + α·log π_θ(ỹ|x))
 * </pre>
 * Minimising α·E_{ỹ~π_ref} log π_θ(ỹ) is maximising KL(π_ref‖π_θ): optimism that moves mass away
 * from what the reference already covers. With α = 0 the loss is online DPO's on the same pair.
 */
public final class Xpo {
    private Xpo() {}

    /**
     * @param dpo            the pair loss (β, loss type) and optimiser settings
     * @param alpha          α ≥ 0, the exploration coefficient (TRL: 1e-5)
     * @param promptsPerStep prompts per step, one pair each
     * @param temperature    sampling temperature of both responses (TRL: 0.9)
     * @param sampledLabels  draw the label from P, or take the likelier winner (TRL's judges)
     */
    public record Config(Dpo.Config dpo, double alpha, int promptsPerStep, double temperature, boolean sampledLabels) {
        public Config {
            Checks.nonNegative(alpha, "alpha");
            Checks.positive(promptsPerStep, "promptsPerStep");
            Checks.positive(temperature, "temperature");
        }

        public static Config defaults() {
            return new Config(Dpo.Config.defaults(), 1e-5, 32, 0.9, false);
        }

        public Config withAlpha(double a) {
            return new Config(dpo, a, promptsPerStep, temperature, sampledLabels);
        }
    }

    /** One step's data: the judged pairs and the reference's responses ỹ (with their prompts). */
    public record Batch(List<Comparison> pairs, List<int[]> prompts, List<int[]> explored) {}

    /** Samples y from the policy and ỹ from the reference for {@code count} uniform prompts and judges each pair. */
    public static Batch sample(TransformerPolicy policy, TransformerPolicy reference, PreferenceTask task, Config config,
                               Rng rng) {
        int n = config.promptsPerStep();
        List<int[]> prompts = new ArrayList<>(n);
        int[] xs = Training.uniformPrompts(task, n, rng, prompts);
        TokenSampling sampling = TokenSampling.atTemperature(config.temperature());
        SequenceBatch mine = policy.generate(prompts, task.responseLength(), sampling, rng);
        SequenceBatch theirs = reference.generate(prompts, task.responseLength(), sampling, rng);
        List<Comparison> pairs = new ArrayList<>(n);
        List<int[]> explored = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int[] y = mine.response(i), yTilde = theirs.response(i);
            double p = task.preference(xs[i], y, yTilde);
            boolean policyWins = config.sampledLabels() ? rng.nextDouble() < p : p >= 0.5;
            pairs.add(policyWins ? new Comparison(prompts.get(i), y, yTilde) : new Comparison(prompts.get(i), yTilde, y));
            explored.add(yTilde);
        }
        return new Batch(pairs, prompts, explored);
    }

    /** The XPO loss of a batch on {@code g}: the DPO term plus α times the mean log π_θ(ỹ). */
    public static Tensor loss(Graph g, Config config, TransformerPolicy policy, TransformerPolicy reference, Batch batch) {
        Tensor dpo = Dpo.loss(g, config.dpo(), policy, reference, batch.pairs());
        if (config.alpha() == 0) {
            return dpo;
        }
        SequenceBatch explored = SequenceBatch.of(batch.prompts(), batch.explored(), policy.contextLength());
        Tensor bonus = g.mean(policy.sequenceLogProbabilities(g, explored));
        return g.add(dpo, g.scale(bonus, (float) config.alpha()));
    }

    /** The trainer on a preference task; the policy's allowed tokens must be the task's response tokens. */
    public static final class Learner extends OnlinePreferenceLearner {
        private final Config config;

        public Learner(Config config, TransformerPolicy policy, TransformerPolicy reference, PreferenceTask task, long seed) {
            super(policy, reference, task, seed, config.dpo().learningRate(), config.dpo().maxGradNorm());
            this.config = config;
        }

        /** One step on fresh pairs; returns the loss. */
        public double step() {
            Batch batch = sample(policy, reference, task, config, rng);
            countQueries(batch.pairs().size());
            return descend(g -> loss(g, config, policy, reference, batch));
        }
    }
}
