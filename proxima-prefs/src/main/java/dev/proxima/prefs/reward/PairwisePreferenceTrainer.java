package dev.proxima.prefs.reward;

import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.data.Comparison;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits a {@link PairwisePreferenceModel} to labelled pairs by binary cross-entropy:
 *
 * <pre>
 *   L(φ) = −(1/N) Σ [ ℓ·log σ(d) + (1 − ℓ)·log σ(−d) ] = (1/N) Σ [ softplus(−d) + (1 − ℓ)·d ],
 *   d = d_φ(x, y, y'),  ℓ ∈ [0, 1] the probability that y won
 * </pre>
 * A {@link Comparison} enters as (chosen, rejected) with ℓ = 1; because the model is
 * antisymmetric, (rejected, chosen) with ℓ = 0 gives the same loss and gradient, so each
 * comparison is used once. The loop and its defaults are the reward model's
 * ({@code ComparisonTraining}, {@link RewardModelTrainer}).
 *
 * <h2>Departures</h2>
 * <ol>
 *   <li>As {@link RewardModelTrainer}: 60 epochs, weight decay 1.0, cosine decay, for the same
 *       reasons (few comparisons for a model trained from scratch; label noise).</li>
 * </ol>
 */
public final class PairwisePreferenceTrainer {
    private PairwisePreferenceTrainer() {}

    /**
     * @param epochs             passes over the training part (60; departure 1)
     * @param batchSize          comparisons per optimiser step (our choice: 64)
     * @param learningRate       Adam's initial step size (spec §0.2: 3e-3 for supervised transformer training)
     * @param maxGradNorm        global gradient-norm clip (spec §0.2: 1.0)
     * @param cosine             cosine decay of the step size to 0 (spec §2.15(a)(ii)); false keeps it constant
     * @param weightDecay        decoupled weight decay λ (1.0; departure 1)
     * @param validationFraction share of the comparisons held back to choose the epoch, in [0, 0.5] (default 0)
     */
    public record Config(int epochs, int batchSize, double learningRate, double maxGradNorm, boolean cosine,
                         double weightDecay, double validationFraction) {
        public Config {
            Checks.nonNegative(epochs, "epochs");
            Checks.positive(batchSize, "batchSize");
            Checks.positive(learningRate, "learningRate");
            Checks.positive(maxGradNorm, "maxGradNorm");
            Checks.nonNegative(weightDecay, "weightDecay");
            ComparisonTraining.checkFraction(validationFraction);
        }

        public static Config defaults() {
            return new Config(60, 64, 3e-3, 1.0, true, 1.0, 0);
        }

        public Config withEpochs(int epochs) {
            return new Config(epochs, batchSize, learningRate, maxGradNorm, cosine, weightDecay, validationFraction);
        }
    }

    /** Cross-entropy of pairs (first, second) with labels ℓ = P(first won), {@code [1, 1]} on {@code g}. */
    static Tensor loss(Graph g, PairwisePreferenceModel model, List<int[]> prompts, List<int[]> first, List<int[]> second,
                       float[] labels) {
        if (labels.length != prompts.size()) {
            throw new IllegalArgumentException("need one label per pair, got " + labels.length + " for " + prompts.size());
        }
        float[] lost = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            Checks.inClosed(labels[i], 0, 1, "labels[" + i + "]");
            lost[i] = 1f - labels[i];
        }
        Tensor d = model.logits(g, prompts, first, second);
        return g.mean(g.add(g.softplus(g.scale(d, -1f)), g.mul(d, g.constant(lost, 0, lost.length, 1))));
    }

    /** The loss of comparisons as (chosen, rejected) pairs with ℓ = 1. */
    static Tensor loss(Graph g, PairwisePreferenceModel model, List<Comparison> batch) {
        List<int[]> prompts = new ArrayList<>(batch.size()), chosen = new ArrayList<>(batch.size()),
                rejected = new ArrayList<>(batch.size());
        for (Comparison c : batch) {
            prompts.add(c.prompt());
            chosen.add(c.chosen());
            rejected.add(c.rejected());
        }
        float[] won = new float[batch.size()];
        Arrays.fill(won, 1f);
        return loss(g, model, prompts, chosen, rejected, won);
    }

    /** Trains {@code model} in place and leaves it with the weights of the best epoch. */
    public static TrainingLog train(PairwisePreferenceModel model, List<Comparison> comparisons, Config config, Rng rng) {
        return ComparisonTraining.fit(model.parameters(), comparisons, config.epochs(), config.batchSize(),
                config.learningRate(), config.maxGradNorm(), config.cosine(), config.weightDecay(), config.validationFraction(), rng,
                (g, batch) -> loss(g, model, batch));
    }
}
