package dev.proxima.prefs.policy;

import dev.proxima.core.optim.Optimizer;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import java.util.function.Function;

/**
 * What a trainer of a sequence policy against a frozen reference holds, whatever its loss: the two
 * policies (checked to share a vocabulary), the seeded generator of every draw it makes, the
 * optimiser (Adam after global-norm clipping, {@link Training#adam}) and one recording graph reused
 * step after step.
 */
public abstract class PolicyLearner {
    protected final TransformerPolicy policy, reference;
    protected final Rng rng;
    private final double learningRate, maxGradNorm;
    private Optimizer optimizer;
    private final Graph graph = new Graph();

    /**
     * @param taskVocabulary the task's vocabulary size, or 0 when the data are token sequences already
     */
    protected PolicyLearner(TransformerPolicy policy, TransformerPolicy reference, int taskVocabulary, long seed,
                            double learningRate, double maxGradNorm) {
        Training.requireSameVocabulary(policy, reference, taskVocabulary);
        this.policy = policy;
        this.reference = reference;
        this.rng = Rng.of(seed);
        this.learningRate = learningRate;
        this.maxGradNorm = maxGradNorm;
        this.optimizer = Training.adam(policy.model().parameters(), learningRate, maxGradNorm);
    }

    /** A fresh optimiser (Adam's moments and step count back to zero), for methods that restart their policy. */
    protected final void restartOptimizer() {
        optimizer = Training.adam(policy.model().parameters(), learningRate, maxGradNorm);
    }

    /** One optimiser step on the loss {@code lossOn} builds on the cleared graph; returns the loss. */
    protected final double descend(Function<Graph, Tensor> lossOn) {
        graph.reset();
        optimizer.zeroGrad();
        Tensor loss = lossOn.apply(graph);
        graph.backward(loss);
        optimizer.step();
        return loss.item();
    }
}
