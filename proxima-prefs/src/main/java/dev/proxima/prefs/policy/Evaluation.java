package dev.proxima.prefs.policy;

import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.SequenceTask;
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
}
