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

    /**
     * KL(π_sampler‖π_ref) of a sampled batch: per response the k1 sum over its tokens of the sampling
     * log-probability minus the reference's, averaged over the responses.
     */
    protected final double sampledKlToReference(SequenceBatch batch) {
        float[] logRef = reference.tokenLogProbabilities(batch);
        double kl = 0;
        for (int b = 0; b < batch.size; b++) {
            for (int t = 0; t < batch.time; t++) {
                int row = b * batch.time + t;
                // Row t predicts the token at t + 1, whose sampling log-probability sits at t + 1.
                if (batch.isResponseRow(b, t)) kl += batch.samplingLogProbs[row + 1] - logRef[row];
            }
        }
        return kl / batch.size;
    }

    /** The scalars of the last step, by name. */
    public final Map<String, Double> lastMetrics() {
        return Map.copyOf(metrics);
    }
}
