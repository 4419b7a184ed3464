package dev.proxima.prefs.sft;

import dev.proxima.core.optim.Optimizer;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.SequenceTask;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.Training;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Supervised fine-tuning: maximum likelihood of a task's reference responses given their
 * prompts, averaged over response tokens. It makes the reference policies the RL methods start
 * from; stopping it early gives the imperfect reference the GRPO testbed asks for (spec §1.1(b)).
 */
public final class Sft {
    private Sft() {}

    /**
     * @param steps        optimiser steps
     * @param batchSize    problems per step
     * @param learningRate Adam step size (spec §0.2: 3e-3 for transformer SFT)
     * @param maxGradNorm  global gradient-norm clip (spec §0.2: 1.0)
     */
    public record Config(int steps, int batchSize, double learningRate, double maxGradNorm) {
        public Config {
            Checks.nonNegative(steps, "steps");
            Checks.positive(batchSize, "batchSize");
            Checks.positive(learningRate, "learningRate");
            Checks.positive(maxGradNorm, "maxGradNorm");
        }

        public static Config defaults(int steps) {
            return new Config(steps, 32, 3e-3, 1.0);
        }
    }

    /** {@code −Σ mask·log π / Σ mask}: the mean negative log-likelihood of the response tokens. */
    public static Tensor loss(Graph g, TransformerPolicy policy, SequenceBatch batch) {
        Tensor logp = policy.score(g, batch)[0];
        float[] mask = batch.responseMask();
        float tokens = 0;
        for (float m : mask) tokens += m;
        return g.scale(g.sum(g.mul(logp, g.constant(mask, 0, mask.length, 1))), -1f / tokens);
    }

    /** Trains {@code policy} in place on problems drawn from the task's training split; returns the last loss. */
    public static double train(TransformerPolicy policy, SequenceTask task, Config config, Rng rng) {
        Optimizer optimizer = Training.adam(policy.model().parameters(), config.learningRate(), config.maxGradNorm());
        Graph g = new Graph();
        double last = Double.NaN;
        List<int[]> prompts = new ArrayList<>(), answers = new ArrayList<>();
        for (int step = 0; step < config.steps(); step++) {
            prompts.clear();
            answers.clear();
            for (int i = 0; i < config.batchSize(); i++) {
                SequenceTask.Problem p = task.train(rng);
                prompts.add(p.prompt());
                answers.add(p.answer());
            }
            g.reset();
            optimizer.zeroGrad();
            Tensor loss = loss(g, policy, SequenceBatch.of(prompts, answers, policy.contextLength()));
            g.backward(loss);
            optimizer.step();
            last = loss.item();
        }
        return last;
    }
}
