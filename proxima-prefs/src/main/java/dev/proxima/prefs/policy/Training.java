package dev.proxima.prefs.policy;

import dev.proxima.core.optim.Optimizer;
import dev.proxima.core.optim.Optimizers;
import dev.proxima.core.optim.Schedule;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.PreferenceTask;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import java.util.List;

/**
 * What every sequence method shares: the optimiser of spec §0.2 unless a section says otherwise,
 * the check that policy, reference and task speak the same vocabulary, uniform prompt draws and
 * shuffled minibatches.
 */
public final class Training {
    private Training() {}

    /**
     * Refuses a reference whose vocabulary differs from the policy's, or a task whose tokens the
     * policy cannot produce.
     */
    public static void requireSameVocabulary(TransformerPolicy policy, TransformerPolicy reference, int taskVocabulary) {
        if (reference.vocabularySize() != policy.vocabularySize()) {
            throw new IllegalArgumentException("reference vocabulary " + reference.vocabularySize()
                    + " differs from the policy's " + policy.vocabularySize());
        }
        if (taskVocabulary > policy.vocabularySize()) {
            throw new IllegalArgumentException("the task's vocabulary (" + taskVocabulary
                    + " tokens) is larger than the policy's (" + policy.vocabularySize() + ")");
        }
    }

    /** {@code count} prompt ids drawn uniformly from a preference task's prompts; their tokens go to {@code prompts}. */
    public static int[] uniformPrompts(PreferenceTask task, int count, Rng rng,
                                       List<int[]> prompts) {
        int[] xs = new int[count];
        for (int i = 0; i < count; i++) {
            xs[i] = rng.nextInt(task.promptCount());
            prompts.add(task.prompt(xs[i]));
        }
        return xs;
    }

    /**
     * The numbers every on-policy config holds: prompts per step, optimiser steps per batch (μ),
     * sampling temperature, step size and gradient clip, each &gt; 0.
     */
    public static void checkOnPolicy(int promptsPerStep, int updatesPerBatch, double temperature, double learningRate,
                                     double maxGradNorm) {
        Checks.positive(promptsPerStep, "promptsPerStep");
        Checks.positive(updatesPerBatch, "updatesPerBatch");
        Checks.positive(temperature, "temperature");
        Checks.positive(learningRate, "learningRate");
        Checks.positive(maxGradNorm, "maxGradNorm");
    }

    /** Draws minibatches of indices without replacement, reshuffling after every pass over the data. */
    public static final class Minibatches {
        private final int[] order;
        private final Rng rng;
        private int cursor;

        public Minibatches(int size, Rng rng) {
            if (size < 1) {
                throw new IllegalArgumentException("the dataset is empty");
            }
            this.order = new int[size];
            for (int i = 0; i < size; i++) order[i] = i;
            this.rng = rng;
            this.cursor = size;
        }

        /** The next index, starting a fresh shuffled pass when the current one is used up. */
        public int next() {
            if (cursor == order.length) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1), t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                cursor = 0;
            }
            return order[cursor++];
        }
    }

    /** Adam (β 0.9/0.999, ε 1e-8) after clipping the global gradient norm to {@code maxGradNorm}. */
    public static Optimizer adam(List<Tensor> parameters, double learningRate, double maxGradNorm) {
        return adam(parameters, Schedule.constant(learningRate), maxGradNorm);
    }

    /** As {@link #adam(List, double, double)} with a step size that follows {@code learningRate} over the optimiser steps. */
    public static Optimizer adam(List<Tensor> parameters, Schedule learningRate, double maxGradNorm) {
        return adam(parameters, learningRate, maxGradNorm, 0);
    }

    /**
     * As {@link #adam(List, Schedule, double)} plus decoupled weight decay (AdamW, Loshchilov and Hutter 2019):
     * {@code θ ← θ − η_t·(adam(g) + λ·θ)}; λ = 0 is plain Adam.
     */
    public static Optimizer adam(List<Tensor> parameters, Schedule learningRate, double maxGradNorm, double weightDecay) {
        if (weightDecay == 0) {
            return new Optimizer(parameters, Optimizers.clipByGlobalNorm(maxGradNorm), Optimizers.scaleByAdam(0.9, 0.999, 1e-8),
                    Optimizers.scaleByLearningRate(learningRate));
        }
        return new Optimizer(parameters, Optimizers.clipByGlobalNorm(maxGradNorm), Optimizers.scaleByAdam(0.9, 0.999, 1e-8),
                Optimizers.addDecayedWeights(weightDecay), Optimizers.scaleByLearningRate(learningRate));
    }
}
