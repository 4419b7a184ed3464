package dev.proxima.prefs.reward;

import dev.proxima.core.util.Checks;

/**
 * How a learned judge (a {@link RewardModel} or a {@link PairwisePreferenceModel}) is fitted to
 * comparisons: the loop of {@link RewardModelTrainer} and {@link PairwisePreferenceTrainer}.
 *
 * <h2>Departures</h2>
 * 60 epochs and weight decay 1.0, for a model trained from scratch on a few thousand noisy labels;
 * {@link RewardModelTrainer} gives the measurements.
 *
 * @param epochs             passes over the training part (60; see departures)
 * @param batchSize          comparisons per optimiser step (our choice: 64)
 * @param learningRate       Adam's initial step size (spec §0.2: 3e-3 for supervised transformer training)
 * @param maxGradNorm        global gradient-norm clip (spec §0.2: 1.0)
 * @param cosine             decay the step size to 0 along a cosine over all steps (the workflow's
 *                           schedule, spec §2.15(a)(ii)); false keeps it constant
 * @param weightDecay        decoupled weight decay λ (1.0; see departures)
 * @param validationFraction share of the comparisons held back to choose the epoch, in [0, 0.5];
 *                           0 (the default) trains on all of them and keeps the last epoch
 */
public record JudgeTrainingConfig(int epochs, int batchSize, double learningRate, double maxGradNorm, boolean cosine,
                                  double weightDecay, double validationFraction) {
    public JudgeTrainingConfig {
        Checks.nonNegative(epochs, "epochs");
        Checks.positive(batchSize, "batchSize");
        Checks.positive(learningRate, "learningRate");
        Checks.positive(maxGradNorm, "maxGradNorm");
        Checks.nonNegative(weightDecay, "weightDecay");
        Checks.inClosed(validationFraction, 0, 0.5, "validationFraction");
    }

    public static JudgeTrainingConfig defaults() {
        return new JudgeTrainingConfig(60, 64, 3e-3, 1.0, true, 1.0, 0);
    }

    public JudgeTrainingConfig withEpochs(int epochs) {
        return new JudgeTrainingConfig(epochs, batchSize, learningRate, maxGradNorm, cosine, weightDecay, validationFraction);
    }

    public JudgeTrainingConfig withValidationFraction(double validationFraction) {
        return new JudgeTrainingConfig(epochs, batchSize, learningRate, maxGradNorm, cosine, weightDecay, validationFraction);
    }
}
