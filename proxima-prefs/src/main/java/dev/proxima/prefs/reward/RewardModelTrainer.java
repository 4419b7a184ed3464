package dev.proxima.prefs.reward;

import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.policy.SequenceBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a {@link RewardModel} to comparisons with the Bradley–Terry loss (seeds-preference spec
 * §2.15(a)(i); Ouyang et al. 2022, arXiv:2203.02155, eq. 1):
 *
 * <pre>
 *   L(φ) = −(1/N) Σ_{(x, y_w, y_l)} log σ(r_φ(x, y_w) − r_φ(x, y_l))
 * </pre>
 * Both responses of a batch are scored in one forward pass. The loop (shuffled mini-batches,
 * Adam with global-norm clipping and decoupled weight decay, a cosine step-size decay, optionally
 * the best epoch on held-back comparisons) is {@code ComparisonTraining}.
 *
 * <h2>Departures</h2>
 * <ol>
 *   <li>60 epochs instead of the single epoch LLM reward models use: 2,000 comparisons are far
 *       fewer optimiser steps than a model trained from scratch needs.</li>
 *   <li>Weight decay 1.0 (decoupled, so 0.3% of each weight per step at the initial step size).
 *       Once the training loss reaches the labels' entropy (0.564 nats on {@code PREF-BT} with
 *       uniform pairs) further epochs fit label noise. Calibrated on data seeds 100–102 (the
 *       learning check uses seed 0), held-out ranking accuracy on {@code PREF-BT}: no decay
 *       0.840, 0.848, 0.806; decay 0.1 0.911, 0.892, 0.883; decay 1.0 0.924, 0.932, 0.882.
 *       Choosing the epoch on a held-back tenth (200 comparisons) instead was too noisy a
 *       criterion: 0.647, 0.898, 0.890.</li>
 * </ol>
 *
 * <pre>{@code
 * ResponseSpace space = new ResponseSpace(task);
 * List<Comparison> data = new ComparisonSampler(space).uniform(2000, Rng.of(0));
 * RewardModel rm = new RewardModel(TinyTransformer.Config.tiny(task.vocabularySize(), 16), Rng.of(1));
 * TrainingLog log = RewardModelTrainer.train(rm, data, JudgeTrainingConfig.defaults(), Rng.of(2));
 * }</pre>
 */
public final class RewardModelTrainer {
    private RewardModelTrainer() {}

    /** The Bradley–Terry loss of a batch of comparisons, {@code [1, 1]} on {@code g}. */
    static Tensor loss(Graph g, RewardModel model, List<Comparison> batch) {
        int n = batch.size();
        List<int[]> prompts = new ArrayList<>(2 * n), responses = new ArrayList<>(2 * n);
        for (Comparison c : batch) prompts.add(c.prompt());
        for (Comparison c : batch) prompts.add(c.prompt());
        for (Comparison c : batch) responses.add(c.chosen());
        for (Comparison c : batch) responses.add(c.rejected());
        Tensor r = model.rewards(g, SequenceBatch.of(prompts, responses, model.config().contextLength()));
        int[] chosenRows = new int[n], rejectedRows = new int[n];
        for (int i = 0; i < n; i++) {
            chosenRows[i] = i;
            rejectedRows[i] = n + i;
        }
        Tensor margin = g.sub(g.embedding(r, chosenRows), g.embedding(r, rejectedRows));
        return g.scale(g.mean(g.logSigmoid(margin)), -1f);
    }

    /** Trains {@code model} in place and leaves it with the weights of the best epoch. */
    public static TrainingLog train(RewardModel model, List<Comparison> comparisons, JudgeTrainingConfig config,
                                    Rng rng) {
        return ComparisonTraining.fit(model.parameters(), comparisons, config, rng, (g, batch) -> loss(g, model, batch));
    }
}
