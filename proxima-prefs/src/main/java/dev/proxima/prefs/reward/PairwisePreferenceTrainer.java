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
    public static TrainingLog train(PairwisePreferenceModel model, List<Comparison> comparisons,
                                    JudgeTrainingConfig config, Rng rng) {
        return ComparisonTraining.fit(model.parameters(), comparisons, config, rng, (g, batch) -> loss(g, model, batch));
    }
}
