package dev.proxima.prefs.hypo;

import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.dpo.Dpo;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.rl.GroupAdvantages;
import java.util.ArrayList;
import java.util.List;

/**
 * HyPO on sequence policies: offline DPO on a fixed preference dataset plus an online KL(π_θ‖π_ref)
 * regulariser estimated on fresh, unlabelled samples of the current policy.
 *
 * <p>Paper: Song, Swamy, Sun, et al. (2024), "The Importance of Online Data: Understanding
 * Preference Fine-tuning via Coverage"; spec §2.4. The tabular form and its checks are
 * {@link dev.proxima.prefs.tabular.Hypo}.
 *
 * <pre>
 *   L(θ) = L_DPO(θ; minibatch of D_off) + λ·KL̂(θ)
 *   ∇KL̂ = (1/m)·Σ_prompts (1/k)·Σ_i (ρ_i − mean_{j≠i} ρ_j)·∇log π_θ(y_i),   y_1..y_k ~ π_θ(·|x),  ρ = log π_θ − log π_ref
 * </pre>
 * The fresh samples need no labels; their prompts are the minibatch's. The KL term enters the
 * graph as the surrogate Σ c_i·log π_θ(y_i) with constant c_i, whose gradient is the estimate.
 *
 * <p>Departures: λ = 0.01 is ours (spec §2.4, UNVERIFIED: the paper tunes λ).
 */
public final class Hypo {
    private Hypo() {}

    /**
     * @param dpo     the DPO term (β 0.1) and optimiser; its batch size is pairs per step
     * @param lambda  λ ≥ 0, the KL weight (ours: 0.01; 0 is offline DPO)
     * @param samples k ≥ 2 fresh samples per prompt (ours: 2)
     */
    public record Config(Dpo.Config dpo, double lambda, int samples) {
        public Config {
            Checks.nonNegative(lambda, "lambda");
            if (samples < 2) {
                throw new IllegalArgumentException("samples must be >= 2 (leave-one-out needs another sample), was " + samples);
            }
        }

        public static Config defaults() {
            return new Config(Dpo.Config.defaults(), 0.01, 2);
        }

        public Config withLambda(double l) {
            return new Config(dpo, l, samples);
        }
    }

    /** The trainer over a fixed dataset: offline DPO's, with the KL term added to each step's loss. */
    public static final class Learner extends Dpo.Learner {
        private final Config hypo;

        public Learner(Config config, TransformerPolicy policy, TransformerPolicy reference, List<Comparison> data, long seed) {
            super(config.dpo(), policy, reference, data, seed);
            this.hypo = config;
        }

        /** One step: DPO on the next minibatch plus λ times the KL surrogate on fresh samples; returns the loss. */
        @Override
        public double step() {
            List<Comparison> batch = nextMinibatch();
            return descend(g -> {
                Tensor loss = Dpo.loss(g, config, policy, reference, batch);
                return hypo.lambda() > 0 ? g.add(loss, g.scale(klSurrogate(g, batch), (float) hypo.lambda())) : loss;
            });
        }

        /** Σ_i c_i·log π_θ(y_i) over k fresh samples per minibatch prompt, c the leave-one-out log-ratio weights. */
        private Tensor klSurrogate(Graph graph, List<Comparison> batch) {
            int k = hypo.samples(), m = batch.size();
            List<int[]> prompts = new ArrayList<>(m * k);
            int maxNew = 1;
            for (Comparison c : batch) {
                for (int i = 0; i < k; i++) prompts.add(c.prompt());
                maxNew = Math.max(maxNew, Math.max(c.chosen().length, c.rejected().length));
            }
            SequenceBatch samples = policy.generate(prompts, maxNew, TokenSampling.standard(), rng);
            double[] logPi = policy.sequenceLogProbabilities(samples), logRef = reference.sequenceLogProbabilities(samples);
            double[] rho = new double[m * k], centred = new double[m * k];
            for (int i = 0; i < rho.length; i++) rho[i] = logPi[i] - logRef[i];
            GroupAdvantages.leaveOneOut(rho, k, centred);
            float[] weights = new float[m * k];
            for (int i = 0; i < weights.length; i++) weights[i] = (float) (centred[i] / (k * (double) m));
            return graph.sum(graph.mul(policy.sequenceLogProbabilities(graph, samples), graph.constant(weights, 0, m * k, 1)));
        }
    }
}
