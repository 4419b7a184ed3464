package dev.proxima.prefs.selm;

import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.optim.Optimizer;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.PreferenceTask;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.dpo.Dpo;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.Training;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * SELM on sequence policies: iterative DPO whose every iteration re-ranks each dataset pair together
 * with the current reference's greedy response y_s, and adds an optimism bonus that lowers the
 * policy's log-ratio on y_s.
 *
 * <p>Paper: Zhang et al. (2024), "Self-Exploring Language Models: Active Preference Elicitation
 * for Online Alignment"; pipeline as the authors' {@code selm_trainer.py} and recipes; spec §2.12.
 * The tabular mechanism check is {@link dev.proxima.prefs.tabular.Selm}.
 *
 * <pre>
 *   iteration 0 (warm-up): DPO on split 0 against π_0
 *   iteration t = 1..T:  π_ref^t = the policy at the start of the iteration
 *     for (x, y_c, y_r) in split t:  y_s = greedy(π_ref^t, x);  rank {y_s, y_c, y_r} by the judge
 *       chosen = best, rejected = worst
 *     L = −log σ(β·h) + α·β·(log π_θ(y_s) − log π_ref^t(y_s))        one epoch over the split
 * </pre>
 * With α = 0 this is iterative DPO on the same re-ranked pairs. The judge ranks three responses by
 * their mean preference over the other two (the Borda score of P; the ranking a reward model
 * gives when P is Bradley–Terry).
 */
public final class Selm {
    private Selm() {}

    /**
     * @param dpo        the pair loss (β) and optimiser settings; batch size is pairs per step
     * @param alpha      α ≥ 0, the optimism weight (Zephyr recipe: 0.001 with β 0.01; toy: 0.5 with β 0.1)
     * @param iterations T, SELM iterations after the DPO warm-up (recipe: 3)
     */
    public record Config(Dpo.Config dpo, double alpha, int iterations) {
        public Config {
            Checks.nonNegative(alpha, "alpha");
            Checks.positive(iterations, "iterations");
        }

        /** The spec's toy setting: β 0.1, α 0.5, 3 iterations. */
        public static Config toy() {
            return new Config(Dpo.Config.defaults(), 0.5, 3);
        }

        /** The Zephyr recipe's coefficients: β 0.01, α 0.001 (far too weak to see at toy scale). */
        public static Config recipe() {
            return new Config(Dpo.Config.defaults().withBeta(0.01), 0.001, 3);
        }

        public Config withAlpha(double a) {
            return new Config(dpo, a, iterations);
        }
    }

    /** One offline preference of the dataset, with its prompt id for the judge. */
    public record Example(int prompt, int[] chosen, int[] rejected) {}

    /**
     * Trains {@code policy} in place: the warm-up on {@code splits.get(0)}, then one SELM iteration
     * per further split (so {@code splits} holds {@code iterations + 1} disjoint parts).
     */
    public static void train(Config config, TransformerPolicy policy, PreferenceTask task, List<List<Example>> splits,
                             long seed) {
        train(config, policy, task, splits, seed, iteration -> { });
    }

    /**
     * As {@link #train(Config, TransformerPolicy, PreferenceTask, List, long)}; {@code afterIteration}
     * hears 0 after the warm-up and t after SELM iteration t.
     */
    public static void train(Config config, TransformerPolicy policy, PreferenceTask task, List<List<Example>> splits,
                             long seed, java.util.function.IntConsumer afterIteration) {
        if (splits.size() != config.iterations() + 1) {
            throw new IllegalArgumentException("splits must hold iterations + 1 = " + (config.iterations() + 1)
                    + " parts (warm-up and one per iteration), held " + splits.size());
        }
        Rng rng = Rng.of(seed);
        Optimizer optimizer = Training.adam(policy.model().parameters(), config.dpo().learningRate(), config.dpo().maxGradNorm());
        Graph g = new Graph();
        TransformerPolicy initial = policy.frozenCopy();
        List<Comparison> warmUp = new ArrayList<>();
        for (Example e : splits.get(0)) warmUp.add(new Comparison(task.prompt(e.prompt()), e.chosen(), e.rejected()));
        epoch(config, policy, initial, warmUp, null, optimizer, g, rng);
        afterIteration.accept(0);
        for (int t = 1; t <= config.iterations(); t++) {
            TransformerPolicy reference = policy.frozenCopy();
            List<Example> split = splits.get(t);
            List<int[]> prompts = new ArrayList<>();
            for (Example e : split) prompts.add(task.prompt(e.prompt()));
            SequenceBatch greedy = reference.generate(prompts, task.responseLength(), TokenSampling.greedy(), rng);
            List<Comparison> pairs = new ArrayList<>(split.size());
            List<int[]> own = new ArrayList<>(split.size());
            for (int i = 0; i < split.size(); i++) {
                Example e = split.get(i);
                int[] ys = greedy.response(i);
                int[][] ranked = rank(task, e.prompt(), ys, e.chosen(), e.rejected());
                pairs.add(new Comparison(prompts.get(i), ranked[0], ranked[2]));
                own.add(ys);
            }
            epoch(config, policy, reference, pairs, own, optimizer, g, rng);
            afterIteration.accept(t);
        }
    }

    /** The three responses ordered best to worst by their mean preference over the other two (ties keep the given order). */
    static int[][] rank(PreferenceTask task, int x, int[]... responses) {
        double[] score = new double[responses.length];
        for (int i = 0; i < responses.length; i++) {
            for (int j = 0; j < responses.length; j++) if (i != j) score[i] += task.preference(x, responses[i], responses[j]);
        }
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        return new int[][] {responses[order[0]], responses[order[1]], responses[order[2]]};
    }

    /** One shuffled epoch over the pairs; {@code own} holds y_s per pair (null: plain DPO). */
    private static void epoch(Config config, TransformerPolicy policy, TransformerPolicy reference, List<Comparison> pairs,
                              List<int[]> own, Optimizer optimizer, Graph g, Rng rng) {
        int[] order = new int[pairs.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        int size = config.dpo().batchSize();
        for (int from = 0; from < order.length; from += size) {
            List<Comparison> batch = new ArrayList<>();
            List<int[]> prompts = new ArrayList<>(), greedy = new ArrayList<>();
            for (int k = from; k < Math.min(order.length, from + size); k++) {
                batch.add(pairs.get(order[k]));
                if (own != null) {
                    prompts.add(pairs.get(order[k]).prompt());
                    greedy.add(own.get(order[k]));
                }
            }
            g.reset();
            optimizer.zeroGrad();
            Tensor loss = Dpo.loss(g, config.dpo(), policy, reference, batch);
            if (own != null && config.alpha() > 0) {
                SequenceBatch ys = SequenceBatch.of(prompts, greedy, policy.contextLength());
                double[] ref = reference.sequenceLogProbabilities(ys);
                float[] refF = new float[ref.length];
                for (int i = 0; i < ref.length; i++) refF[i] = (float) ref[i];
                Tensor ratio = g.sub(policy.sequenceLogProbabilities(g, ys), g.constant(refF, 0, refF.length, 1));
                loss = g.add(loss, g.scale(g.mean(ratio), (float) (config.alpha() * config.dpo().beta())));
            }
            g.backward(loss);
            optimizer.step();
        }
    }
}
