package dev.proxima.prefs.policy;

import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.seq.SequenceTask;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trainer on a verifiable-reward task: it samples at a fixed temperature and leaves the scalars of
 * its last step (reward, KL to the reference, loss, and what the method adds) for logs and curves.
 */
public abstract class VerifiableRewardLearner extends PolicyLearner {
    protected final SequenceTask task;
    protected final TokenSampling sampling;
    /** The last step's scalars by name, filled by the method. */
    protected final Map<String, Double> metrics = new LinkedHashMap<>();

    protected VerifiableRewardLearner(TransformerPolicy policy, TransformerPolicy reference, SequenceTask task, long seed,
                                      double temperature, double learningRate, double maxGradNorm) {
        super(policy, reference, task.vocabularySize(), seed, learningRate, maxGradNorm);
        this.task = task;
        this.sampling = TokenSampling.atTemperature(temperature);
    }

    /** One step; returns the batch's mean task reward. */
    public abstract double step();

    /** The scalars of the last step, by name. */
    public final Map<String, Double> lastMetrics() {
        return Map.copyOf(metrics);
    }
}
