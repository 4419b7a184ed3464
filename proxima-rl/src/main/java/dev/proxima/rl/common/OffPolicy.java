package dev.proxima.rl.common;

import dev.proxima.core.nn.Mlp;
import dev.proxima.core.optim.Optimizer;
import dev.proxima.core.optim.Optimizers;
import dev.proxima.core.optim.Schedule;
import dev.proxima.core.tensor.Tensor;
import java.util.List;

/** What the off-policy learners share: Polyak-averaged target networks and their Adam optimizers. */
public final class OffPolicy {
    private OffPolicy() {}

    /** {@code target ← τ·source + (1 − τ)·target}, parameter by parameter. */
    public static void softUpdate(Mlp target, Mlp source, double tau) {
        float t = (float) tau;
        List<Tensor> tp = target.parameters(), sp = source.parameters();
        for (int k = 0; k < tp.size(); k++) {
            float[] td = tp.get(k).data, sd = sp.get(k).data;
            for (int i = 0; i < td.length; i++) td[i] = t * sd[i] + (1 - t) * td[i];
        }
    }

    /**
     * Freezes or unfreezes parameters (see {@link Tensor#requiresGrad(boolean)}): the critics are
     * frozen while the actor's loss is differentiated through them.
     */
    public static void trainable(List<Tensor> parameters, boolean on) {
        for (Tensor p : parameters) p.requiresGrad(on);
    }

    /** Adam (β 0.9/0.999, ε 1e-8, PyTorch's defaults) at a constant learning rate. */
    public static Optimizer adam(List<Tensor> params, double learningRate) {
        return new Optimizer(params, Optimizers.scaleByAdam(0.9, 0.999, 1e-8),
                Optimizers.scaleByLearningRate(Schedule.constant(learningRate)));
    }
}
