package dev.proxima.prefs.reward;

/**
 * What a judge's training did, epoch by epoch.
 *
 * @param trainingLoss   mean training loss of every epoch
 * @param validationLoss mean loss on the validation part after every epoch (empty without validation)
 * @param bestEpoch      the epoch (0-based) whose weights were kept: the lowest validation loss, or the last epoch
 * @param trainingSize   comparisons trained on
 * @param validationSize comparisons held back to choose the epoch
 */
public record TrainingLog(double[] trainingLoss, double[] validationLoss, int bestEpoch, int trainingSize, int validationSize) {
    public TrainingLog {
        trainingLoss = trainingLoss.clone();
        validationLoss = validationLoss.clone();
    }

    @Override
    public double[] trainingLoss() {
        return trainingLoss.clone();
    }

    @Override
    public double[] validationLoss() {
        return validationLoss.clone();
    }
}
