package dev.proxima.prefs.policy;

import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.SequenceTask;
import dev.proxima.prefs.solve.PreferenceMetrics;
import java.util.ArrayList;
import java.util.List;

/** Held-out evaluation of a sequence policy on a verifiable-reward task (seeds-preference spec §0.5). */
public final class Evaluation {
    private Evaluation() {}

    /** pass@1 as the spec defines it: the mean reward of greedy responses, in batches of {@code batchSize}. */
    public static double greedyPassAt1(TransformerPolicy policy, SequenceTask task, List<SequenceTask.Problem> problems,
                                       int batchSize) {
        double[] rewards = greedyRewards(policy, task, problems, batchSize);
        double sum = 0;
        for (double r : rewards) sum += r;
        return sum / problems.size();
    }

    /** The reward of the greedy response to every problem, in order. */
    public static double[] greedyRewards(TransformerPolicy policy, SequenceTask task, List<SequenceTask.Problem> problems,
                                         int batchSize) {
        double[] rewards = new double[problems.size()];
        Rng unused = Rng.of(0); // greedy decoding draws nothing
        for (int from = 0; from < problems.size(); from += batchSize) {
            List<SequenceTask.Problem> chunk = problems.subList(from, Math.min(problems.size(), from + batchSize));
            List<int[]> prompts = new ArrayList<>();
            for (SequenceTask.Problem p : chunk) prompts.add(p.prompt());
            SequenceBatch batch = policy.generate(prompts, task.maxResponseLength(), TokenSampling.greedy(), unused);
            for (int b = 0; b < chunk.size(); b++) {
                rewards[from + b] = task.reward(chunk.get(b), batch.response(b), batch.responseLength[b]);
            }
        }
        return rewards;
    }

    /**
     * Unbiased pass@k (Chen et al. 2021) for every k of {@code ks}, averaged over the problems: each
     * problem gets {@code samples} responses at temperature 1 (spec §0.5: n = 16), and a response
     * counts as correct when its reward is 1 (full credit, so LOCK's dense partial reward does not count).
     */
    public static double[] sampledPassAtK(TransformerPolicy policy, SequenceTask task, List<SequenceTask.Problem> problems,
                                          int samples, int[] ks, Rng rng) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, was " + samples);
        }
        for (int k : ks) {
            if (k < 1 || k > samples) {
                throw new IllegalArgumentException("every k must be in [1, samples=" + samples + "], was " + k);
            }
        }
        double[] sums = new double[ks.length];
        int problemsPerBatch = Math.max(1, SAMPLED_SEQUENCES_PER_BATCH / samples);
        for (int from = 0; from < problems.size(); from += problemsPerBatch) {
            List<SequenceTask.Problem> chunk = problems.subList(from, Math.min(problems.size(), from + problemsPerBatch));
            List<int[]> prompts = new ArrayList<>(chunk.size() * samples);
            for (SequenceTask.Problem p : chunk) for (int i = 0; i < samples; i++) prompts.add(p.prompt());
            SequenceBatch batch = policy.generate(prompts, task.maxResponseLength(), TokenSampling.standard(), rng);
            for (int b = 0; b < chunk.size(); b++) {
                int correct = 0;
                for (int i = 0; i < samples; i++) {
                    int row = b * samples + i;
                    if (task.reward(chunk.get(b), batch.response(row), batch.responseLength[row]) == 1) correct++;
                }
                for (int j = 0; j < ks.length; j++) sums[j] += PreferenceMetrics.passAtK(samples, correct, ks[j]);
            }
        }
        for (int j = 0; j < ks.length; j++) sums[j] /= problems.size();
        return sums;
    }

    /** Sequences sampled together when estimating pass@k (bounds one batch's memory). */
    private static final int SAMPLED_SEQUENCES_PER_BATCH = 512;
}
