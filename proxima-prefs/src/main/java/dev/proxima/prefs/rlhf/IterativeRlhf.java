package dev.proxima.prefs.rlhf;

import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.PreferenceTask;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.dpo.Dpo;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.reward.RewardModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The online iterative RLHF workflow: a Bradley–Terry reward model scores K samples per prompt
 * of the current policy; the best and worst make a pair; DPO against the iteration's starting
 * model trains the next policy; repeat on fresh prompts.
 *
 * <p>Paper: Dong et al. (2024), "RLHF Workflow: From Reward Modeling to Online RLHF"; pipeline as
 * the authors' {@code RLHFlow/Online-RLHF} scripts; spec §2.15. The reward model and its trainer
 * are {@link RewardModel} and {@code RewardModelTrainer}.
 *
 * <pre>
 *   for t = 1..T:  π_ref ← π_t;  fresh prompts;  y_1..y_K ~ π_t(·|x) at temperature 1
 *     scores r_φ(x, y_k);  pair (argmax, argmin) (max_min; first index on ties; skip if equal)
 *     DPO from π_t against π_t for E epochs over the pairs  →  π_{t+1}
 * </pre>
 * Departures: the repository's second loop samples K = 4 and smooths DPO labels by 0.1; this keeps
 * K = 8 and no smoothing (the spec's choice).
 */
public final class IterativeRlhf {
    private IterativeRlhf() {}

    /** How a prompt's K scored samples become one pair. */
    public enum Pairing {
        /** The best against the worst (the repository's default). */
        MAX_MIN,
        /** The best against a uniformly drawn other sample. */
        MAX_RANDOM,
        /** Two distinct uniformly drawn samples, ordered by score. */
        RANDOM
    }

    /**
     * @param iterations         T (spec: 3)
     * @param promptsPerIteration fresh prompts sampled per iteration
     * @param samples            K responses per prompt (spec: 8)
     * @param temperature        sampling temperature (spec: 1.0)
     * @param pairing            pair construction (spec: max_min)
     * @param epochs             DPO epochs per iteration (spec: 2)
     * @param dpo                the DPO loss and optimiser (β 0.1)
     */
    public record Config(int iterations, int promptsPerIteration, int samples, double temperature, Pairing pairing,
                         int epochs, Dpo.Config dpo) {
        public Config {
            Checks.positive(iterations, "iterations");
            Checks.positive(promptsPerIteration, "promptsPerIteration");
            if (samples < 2) {
                throw new IllegalArgumentException("samples must be >= 2 to form a pair, was " + samples);
            }
            Checks.positive(temperature, "temperature");
            Checks.positive(epochs, "epochs");
        }

        public static Config defaults() {
            return new Config(3, 512, 8, 1.0, Pairing.MAX_MIN, 2, Dpo.Config.defaults());
        }
    }

    /**
     * The pair {chosen, rejected} of sample indices for one prompt's scores, or null when the
     * chosen and rejected scores are equal (the prompt is skipped).
     */
    public static int[] pair(double[] scores, Pairing pairing, Rng rng) {
        int best = 0, worst = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) best = i;
            if (scores[i] < scores[worst]) worst = i;
        }
        int chosen, rejected;
        switch (pairing) {
            case MAX_MIN -> {
                chosen = best;
                rejected = worst;
            }
            case MAX_RANDOM -> {
                int other = rng.nextInt(scores.length - 1);
                chosen = best;
                rejected = other >= best ? other + 1 : other;
            }
            default -> {
                int a = rng.nextInt(scores.length), b = rng.nextInt(scores.length - 1);
                if (b >= a) b++;
                chosen = scores[a] >= scores[b] ? a : b;
                rejected = chosen == a ? b : a;
            }
        }
        return scores[chosen] == scores[rejected] ? null : new int[] {chosen, rejected};
    }

    /**
     * Runs the workflow on {@code policy} in place; {@code afterIteration} hears the iteration
     * number (1-based) once its DPO epochs are done.
     */
    public static void run(Config config, TransformerPolicy policy, RewardModel rewardModel, PreferenceTask task, long seed,
                           IntConsumer afterIteration) {
        Rng rng = Rng.of(seed);
        TokenSampling sampling = TokenSampling.atTemperature(config.temperature());
        for (int t = 1; t <= config.iterations(); t++) {
            TransformerPolicy reference = policy.frozenCopy();
            List<int[]> prompts = new ArrayList<>();
            for (int i = 0; i < config.promptsPerIteration(); i++) {
                int[] x = task.prompt(rng.nextInt(task.promptCount()));
                for (int k = 0; k < config.samples(); k++) prompts.add(x);
            }
            SequenceBatch batch = policy.generate(prompts, task.responseLength(), sampling, rng);
            List<int[]> responses = new ArrayList<>(prompts.size());
            for (int i = 0; i < prompts.size(); i++) responses.add(batch.response(i));
            double[] scores = rewardModel.rewards(prompts, responses);
            List<Comparison> pairs = new ArrayList<>();
            double[] group = new double[config.samples()];
            for (int p = 0; p < config.promptsPerIteration(); p++) {
                int from = p * config.samples();
                System.arraycopy(scores, from, group, 0, config.samples());
                int[] pick = pair(group, config.pairing(), rng);
                if (pick != null) {
                    pairs.add(new Comparison(prompts.get(from), responses.get(from + pick[0]), responses.get(from + pick[1])));
                }
            }
            if (!pairs.isEmpty()) {
                Dpo.Learner dpo = new Dpo.Learner(config.dpo(), policy, reference, pairs, rng.nextLong());
                int steps = config.epochs() * (int) Math.ceil(pairs.size() / (double) config.dpo().batchSize());
                for (int s = 0; s < steps; s++) dpo.step();
            }
            afterIteration.accept(t);
        }
    }
}
