package dev.proxima.prefs.dpo;

import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.PreferenceTask;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.OnlinePreferenceLearner;
import dev.proxima.prefs.policy.Training;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Online DPO: every step samples two responses per prompt from the current policy, has the judge
 * label them, and takes a DPO (or IPO) step on those fresh pairs against the fixed initial
 * reference.
 *
 * <p>Paper: Guo et al. (2024), "Direct Language Model Alignment from Online AI Feedback";
 * defaults as TRL's {@code OnlineDPOTrainer}; spec §1.4.
 *
 * <pre>
 *   x ~ prompts;  y, y' ~ π_θ(·|x) (temperature 0.9);  w ~ Bernoulli(P(y ≻ y'|x))
 *   (y_w, y_l) = (y, y') if w else (y', y);   loss = Dpo.loss over the batch of pairs
 * </pre>
 * An identical pair gives h = 0 and no gradient but stays in the average, as in TRL. With
 * {@code sampledLabels} off the label is the more likely winner (ties to the first sample, TRL's rule).
 */
public final class OnlineDpo {
    private OnlineDpo() {}

    /**
     * @param dpo             the pair loss (β, loss type) and optimiser settings
     * @param promptsPerStep  prompts per step, one pair each (spec §1.4(c): 32)
     * @param temperature     sampling temperature (TRL: 0.9)
     * @param sampledLabels   draw the label from P (default), or take the likelier winner
     */
    public record Config(Dpo.Config dpo, int promptsPerStep, double temperature, boolean sampledLabels) {
        public Config {
            Checks.positive(promptsPerStep, "promptsPerStep");
            Checks.positive(temperature, "temperature");
        }

        public static Config defaults() {
            return new Config(Dpo.Config.defaults(), 32, 0.9, true);
        }
    }

    /** The trainer on a preference task; the policy's allowed tokens must be the task's response tokens. */
    public static final class Learner extends OnlinePreferenceLearner {
        private final Config config;
        private final TokenSampling sampling;

        public Learner(Config config, TransformerPolicy policy, TransformerPolicy reference, PreferenceTask task, long seed) {
            super(policy, reference, task, seed, config.dpo().learningRate(), config.dpo().maxGradNorm());
            this.config = config;
            this.sampling = TokenSampling.atTemperature(config.temperature());
        }

        /** One step on fresh pairs; returns the loss. */
        public double step() {
            List<Comparison> pairs = samplePairs(policy, task, config.promptsPerStep(), sampling, config.sampledLabels(), rng);
            countQueries(pairs.size());
            return descend(g -> Dpo.loss(g, config.dpo(), policy, reference, pairs));
        }
    }

    /**
     * {@code count} labelled pairs: a uniform prompt, two responses from {@code sampler}, the judge's
     * label (sampled from P, or the likelier winner with ties to the first).
     */
    public static List<Comparison> samplePairs(TransformerPolicy sampler, PreferenceTask task, int count, TokenSampling sampling,
                                             boolean sampledLabels, Rng rng) {
        List<int[]> once = new ArrayList<>(count), prompts = new ArrayList<>(2 * count);
        int[] xs = Training.uniformPrompts(task, count, rng, once);
        for (int[] x : once) {
            prompts.add(x);
            prompts.add(x);
        }
        SequenceBatch batch = sampler.generate(prompts, task.responseLength(), sampling, rng);
        List<Comparison> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] y = batch.response(2 * i), other = batch.response(2 * i + 1);
            double p = task.preference(xs[i], y, other);
            boolean firstWins = sampledLabels ? rng.nextDouble() < p : p >= 0.5;
            pairs.add(firstWins ? new Comparison(task.prompt(xs[i]), y, other) : new Comparison(task.prompt(xs[i]), other, y));
        }
        return pairs;
    }
}
