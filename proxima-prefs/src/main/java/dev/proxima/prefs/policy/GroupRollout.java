package dev.proxima.prefs.policy;

import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.SequenceTask;
import java.util.ArrayList;
import java.util.List;

/**
 * One batch of group rollouts on a verifiable-reward task (spec §0.6): {@code groups} training
 * problems, {@code size} responses to each from {@code sampler}, group after group, and their
 * rewards.
 *
 * @param problems   the problem of every response (each repeated {@code size} times in a row)
 * @param batch      the responses
 * @param rewards    the task's reward of every response
 * @param meanReward their mean
 */
public record GroupRollout(List<SequenceTask.Problem> problems, SequenceBatch batch, double[] rewards, double meanReward) {
    /** Draws the problems, samples the responses and scores them, in that order on {@code rng}. */
    public static GroupRollout sample(TransformerPolicy sampler, SequenceTask task, int groups, int size, TokenSampling sampling,
                                      Rng rng) {
        int n = groups * size;
        List<SequenceTask.Problem> problems = new ArrayList<>(n);
        List<int[]> prompts = new ArrayList<>(n);
        for (int p = 0; p < groups; p++) {
            SequenceTask.Problem problem = task.train(rng);
            for (int i = 0; i < size; i++) {
                problems.add(problem);
                prompts.add(problem.prompt());
            }
        }
        SequenceBatch batch = sampler.generate(prompts, task.maxResponseLength(), sampling, rng);
        double[] rewards = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            rewards[i] = task.reward(problems.get(i), batch.response(i), batch.responseLength[i]);
            sum += rewards[i];
        }
        return new GroupRollout(problems, batch, rewards, sum / n);
    }
}
