package dev.proxima.prefs.rloo;

import dev.proxima.core.seq.SequenceTask;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.policy.GroupRollout;
import dev.proxima.prefs.policy.VerifiableRewardLearner;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.Training;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.rl.GroupAdvantages;
import dev.proxima.prefs.tabular.TabularSoftmax;

/**
 * RLOO: REINFORCE with a leave-one-out baseline over the k samples of one prompt.
 *
 * <p>Paper: Ahmadian, Cremer, Gallé, et al. (2024), "Back to Basics: Revisiting REINFORCE Style
 * Optimization for Learning from Human Feedback in LLMs", arXiv:2402.14740; as in TRL's
 * {@code RLOOTrainer}; spec §1.5.
 *
 * <pre>
 *   R_i = r_i − β_KL·Σ_t (log π_old(y_t|·) − log π_ref(y_t|·))     (constant: from the sampler, no gradient)
 *   A_i = R_i − (1/(k−1))·Σ_{j≠i} R_j
 *   L   = mean_i −min(q_i·A_i, clip(q_i, 1−ε, 1+ε)·A_i),  q_i = exp(log π_θ(y_i) − log π_old(y_i))
 *   at μ = 1 (q ≡ 1):  ∇L = −(1/N)·Σ_i A_i·∇log π_θ(y_i)
 * </pre>
 * The leave-one-out baseline does not depend on y_i, so the estimate is unbiased for the gradient
 * of E_π[r] − β_KL·KL(π‖π_ref); a baseline that includes the sample itself scales it by (k−1)/k.
 * The static pieces serve the tabular unbiasedness check; {@link Learner} trains a transformer
 * policy on a verifiable-reward task.
 *
 * <p>Departures: the learning rate is 3e-4, as for GRPO (its Javadoc gives the measurement).
 */
public final class Rloo {
    /**
     * @param samples         k ≥ 2 per prompt (TRL default 2)
     * @param klCoef          β_KL ≥ 0 (TRL default 0.05)
     * @param clip            ε > 0 (TRL default 0.2)
     * @param promptsPerStep  prompts per RL step (spec §0.5 CI default: 16)
     * @param updatesPerBatch μ (TRL: 1)
     * @param temperature     sampling temperature (spec §1.5: 1.0)
     * @param learningRate    Adam step size (3e-4, as GRPO)
     * @param maxGradNorm     global gradient-norm clip (spec §0.2: 1.0)
     */
    public record Config(int samples, double klCoef, double clip, int promptsPerStep, int updatesPerBatch,
                         double temperature, double learningRate, double maxGradNorm) {
        public Config {
            if (samples < 2) {
                throw new IllegalArgumentException("samples must be >= 2 (leave-one-out needs another sample), was "
                        + samples);
            }
            Checks.nonNegative(klCoef, "klCoef");
            Checks.positive(clip, "clip");
            Training.checkOnPolicy(promptsPerStep, updatesPerBatch, temperature, learningRate, maxGradNorm);
        }

        /** k = 2, β_KL = 0.05, ε = 0.2 (TRL); 16 prompts per step, μ = 1, temperature 1. */
        public static Config defaults() {
            return new Config(2, 0.05, 0.2, 16, 1, 1.0, 3e-4, 1.0);
        }

        public Config withSamples(int k) {
            return new Config(k, klCoef, clip, promptsPerStep, updatesPerBatch, temperature, learningRate, maxGradNorm);
        }

        public Config withKlCoef(double beta) {
            return new Config(samples, beta, clip, promptsPerStep, updatesPerBatch, temperature, learningRate, maxGradNorm);
        }
    }

    private Rloo() {}

    /** R_i = r_i − β_KL·(log π_old(y_i) − log π_ref(y_i)), sequence log-probs. */
    public static double[] penalisedRewards(double[] rewards, double[] logOld, double[] logRef, double klCoef) {
        double[] out = new double[rewards.length];
        for (int i = 0; i < out.length; i++) out[i] = rewards[i] - klCoef * (logOld[i] - logRef[i]);
        return out;
    }

    /** A_i = R_i − mean of the others, for one group. */
    public static double[] advantages(double[] r) {
        double[] a = new double[r.length];
        GroupAdvantages.leaveOneOut(r, r.length, a);
        return a;
    }

    /**
     * The clipped sequence-level loss of one sample and ∂L/∂log π_θ(y) (returned in {@code dLogPi[0]}
     * when non-null). The derivative is 0 where the clip is active.
     */
    public static double sampleLoss(double logPi, double logOld, double advantage, double clip, double[] dLogPi) {
        double q = Math.exp(logPi - logOld);
        double unclipped = q * advantage, clipped = Math.clamp(q, 1 - clip, 1 + clip) * advantage;
        // Inside the band the two terms are equal; outside it the clipped term wins only where it is
        // constant in θ, so the derivative is that of the unclipped term or zero.
        if (dLogPi != null) dLogPi[0] = unclipped <= clipped ? -q * advantage : 0;
        return -Math.min(unclipped, clipped);
    }

    /**
     * The ascent direction −∇L at μ = 1 for a single-context table: (1/k)·Σ_i A_i·(e_{y_i} − π),
     * accumulated into {@code out} (not cleared).
     */
    public static void addGradientEstimate(int[] samples, double[] advantages, double[] pi, double[] out) {
        int k = samples.length;
        double[] g = new double[pi.length];
        for (int i = 0; i < k; i++) g[samples[i]] += advantages[i] / k;
        TabularSoftmax.logProbGradientToLogits(g, pi);
        for (int y = 0; y < out.length; y++) out[y] += g[y];
    }

    /** The trainer on a verifiable-reward task: one {@link #step} samples k responses per prompt and takes μ steps. */
    public static final class Learner extends VerifiableRewardLearner {
        private final Config config;

        public Learner(Config config, TransformerPolicy policy, TransformerPolicy reference, SequenceTask task, long seed) {
            super(policy, reference, task, seed, config.temperature(), config.learningRate(), config.maxGradNorm());
            this.config = config;
        }


        /** One RL step; returns the batch's mean task reward. */
        @Override
        public double step() {
            int k = config.samples(), n = config.promptsPerStep() * k;
            GroupRollout rollout = GroupRollout.sample(policy, task, config.promptsPerStep(), k, sampling, rng);
            SequenceBatch batch = rollout.batch();
            double[] rewards = rollout.rewards(), logOld = new double[n];
            double[] logRef = reference.sequenceLogProbabilities(batch);
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < batch.time; t++) {
                    if (batch.isResponseRow(i, t)) logOld[i] += batch.samplingLogProbs[i * batch.time + t + 1];
                }
            }
            double[] penalised = penalisedRewards(rewards, logOld, logRef, config.klCoef()), advantages = new double[n];
            GroupAdvantages.leaveOneOut(penalised, k, advantages);

            float[] oldConst = new float[n], adv = new float[n];
            for (int i = 0; i < n; i++) adv[i] = (float) advantages[i];
            boolean[] scored = new boolean[1]; // oldConst holds sg(log π_θ(y)) before any step of this batch once set
            double loss = 0;
            for (int epoch = 0; epoch < config.updatesPerBatch(); epoch++) {
                loss = descend(g -> {
                    Tensor logPi = policy.sequenceLogProbabilities(g, batch);
                    if (!scored[0]) {
                        System.arraycopy(logPi.data, 0, oldConst, 0, n);
                        scored[0] = true;
                    }
                    Tensor ratio = g.exp(g.sub(logPi, g.constant(oldConst, 0, n, 1)));
                    Tensor a = g.constant(adv, 0, n, 1);
                    Tensor clipped = g.mul(g.clamp(ratio, 1 - (float) config.clip(), 1 + (float) config.clip()), a);
                    return g.scale(g.mean(g.min(g.mul(ratio, a), clipped)), -1f);
                });
            }
            double kl = 0;
            for (int i = 0; i < n; i++) kl += logOld[i] - logRef[i];
            metrics.put("reward", rollout.meanReward());
            metrics.put("kl_to_reference", kl / n);
            metrics.put("loss", loss);
            return rollout.meanReward();
        }
    }
}
