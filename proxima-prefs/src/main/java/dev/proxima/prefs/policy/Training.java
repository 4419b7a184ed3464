package dev.proxima.prefs.policy;

import dev.proxima.core.optim.Optimizer;
import dev.proxima.core.optim.Optimizers;
import dev.proxima.core.optim.Schedule;
import dev.proxima.core.tensor.Tensor;
import java.util.List;

/** The optimiser every sequence method uses unless its section says otherwise (spec §0.2). */
public final class Training {
    private Training() {}

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
