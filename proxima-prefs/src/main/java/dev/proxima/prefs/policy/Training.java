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
        return new Optimizer(parameters, Optimizers.clipByGlobalNorm(maxGradNorm), Optimizers.scaleByAdam(0.9, 0.999, 1e-8),
                Optimizers.scaleByLearningRate(Schedule.constant(learningRate)));
    }
}
