package dev.proxima.prefs.opmd;

import dev.proxima.core.seq.SequenceTask;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.policy.GroupRollout;
import dev.proxima.prefs.policy.VerifiableRewardLearner;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.Training;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.rl.Aggregation;
import dev.proxima.prefs.rl.GroupAdvantages;
import dev.proxima.prefs.rl.OffPolicyReinforce;
import dev.proxima.prefs.rl.TokenLoss;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Group-relative REINFORCE trained from stale rollouts: the responses of each step come from the
 * policy as it was {@code staleness} updates earlier (an asynchronous trainer's queue), and the
 * objective decides how much that matters.
 *
 * <p>Paper: Trinity-RFT team (2025), "Group-Relative REINFORCE Is Secretly an Off-Policy Algorithm"
 * (OPMD, AsymRE); spec §2.10. The advantage and loss pieces are {@link OffPolicyReinforce}.
 *
 * <pre>
 *   y_1..y_G ~ π_behaviour(·|x) = π_θ as of {@code staleness} updates ago,  r_i = verify(x, y_i)
 *   REINFORCE  ℓ_t = −(r_i − r̄)·log π_θ(y_t)
 *   OPMD       ℓ_t = (1/(1+τ))·(−(r_i − r̄)·log π_θ(y_t)) + c·(log π_θ(y_t) − log π_behaviour(y_t))²
 *   AsymRE     ℓ_t = (1/(1+τ))·(−(r_i − (r̄ + δ))·log π_θ(y_t)),  δ = −0.1
 *   GRPO       ℓ_t = −min(q_t·Â_i, clip(q_t, 1 ± ε)·Â_i),  q_t = π_θ(y_t)/π_behaviour(y_t),  Â group-normalised
 *   loss = token mean of ℓ over the batch
 * </pre>
 *
 * <p>Departures: the k2 coefficient c = 0.1 is ours (spec §2.10 names REC's k2 term without a
 * value): on ADD with rollouts 16 updates stale, c = 0.01, 0.1 and 1 reached pass@1 0.534, 0.704 and
 * 0.246 after 150 steps. Adam 3e-4 as GRPO's (its Javadoc gives the measurement).
 */
public final class Opmd {
    private Opmd() {}

    /** The per-token objective. */
    public enum Objective { REINFORCE, OPMD, ASYMRE, GRPO }

    /**
     * @param objective      the per-token loss
     * @param staleness      S ≥ 0: updates between the behaviour policy and the trained one (0 = on-policy)
     * @param promptsPerStep prompts per step (spec §0.5 CI default: 16)
     * @param groupSize      G ≥ 2 responses per prompt (8)
     * @param tau            τ &gt; 0 of OPMD's loss scale 1/(1+τ) (Trinity: 1)
     * @param k2Coefficient  c ≥ 0 of OPMD's stay-close term (ours: 0.1)
     * @param clip           ε of the GRPO objective (0.2)
     * @param temperature    sampling temperature (1)
     * @param learningRate   Adam step size (3e-4, as GRPO)
     * @param maxGradNorm    global gradient-norm clip (spec §0.2: 1.0)
     */
    public record Config(Objective objective, int staleness, int promptsPerStep, int groupSize, double tau,
                         double k2Coefficient, double clip, double temperature, double learningRate, double maxGradNorm) {
        public Config {
            if (objective == null) {
                throw new IllegalArgumentException("objective must be one of " + java.util.Arrays.toString(Objective.values()));
            }
            Checks.nonNegative(staleness, "staleness");
            Training.checkOnPolicy(promptsPerStep, 1, temperature, learningRate, maxGradNorm);
            if (groupSize < 2) {
                throw new IllegalArgumentException("groupSize must be >= 2 (a group of one has no relative advantage), was "
                        + groupSize);
            }
            Checks.positive(tau, "tau");
            Checks.nonNegative(k2Coefficient, "k2Coefficient");
            Checks.positive(clip, "clip");
        }

        public static Config defaults(Objective objective) {
            return new Config(objective, 0, 16, 8, OffPolicyReinforce.DEFAULT_TAU, 0.1, 0.2, 1.0, 3e-4, 1.0);
        }

        public Config withStaleness(int s) {
            return new Config(objective, s, promptsPerStep, groupSize, tau, k2Coefficient, clip, temperature, learningRate,
                    maxGradNorm);
        }
    }

    /** The trainer: one {@link #step} samples groups from the behaviour policy and takes one optimiser step. */
    public static final class Learner extends VerifiableRewardLearner {
        private final Config config;
        /** π_θ after each of the last S + 1 updates, oldest first: the head is the behaviour policy. */
        private final Deque<TransformerPolicy> history = new ArrayDeque<>();

        public Learner(Config config, TransformerPolicy policy, TransformerPolicy reference, SequenceTask task, long seed) {
            super(policy, reference, task, seed, config.temperature(), config.learningRate(), config.maxGradNorm());
            this.config = config;
        }


        /** One step; returns the batch's mean reward. */
        @Override
        public double step() {
            TransformerPolicy behaviour = policy;
            if (config.staleness() > 0) {
                history.addLast(policy.frozenCopy());
                if (history.size() > config.staleness() + 1) history.removeFirst();
                behaviour = history.peekFirst();
            }
            int size = config.groupSize(), n = config.promptsPerStep() * size;
            GroupRollout rollout = GroupRollout.sample(behaviour, task, config.promptsPerStep(), size, sampling, rng);
            SequenceBatch batch = rollout.batch();
            double[] rewards = rollout.rewards(), advantages = new double[n];
            switch (config.objective()) {
                case REINFORCE, OPMD -> OffPolicyReinforce.opmdAdvantages(rewards, size, OffPolicyReinforce.Baseline.MEAN,
                        config.tau(), advantages);
                case ASYMRE -> OffPolicyReinforce.asymreAdvantages(rewards, size, advantages);
                case GRPO -> GroupAdvantages.standardized(rewards, size, true, advantages);
            }
            int rows = n * batch.time;
            float[] mask = batch.responseMask(), rowAdvantage = new float[rows], logBehaviour = new float[rows];
            float[] weights = new float[rows];
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < batch.time; t++) {
                    int row = i * batch.time + t;
                    rowAdvantage[row] = (float) advantages[i];
                    // Row t predicts the token at t + 1, whose sampling log-probability sits at t + 1.
                    if (batch.isResponseRow(i, t)) logBehaviour[row] = batch.samplingLogProbs[row + 1];
                }
            }
            float scale = (float) OffPolicyReinforce.policyLossScale(config.tau());
            double loss = descend(g -> {
                Tensor logPi = policy.score(g, batch)[0];
                Tensor perToken = switch (config.objective()) {
                    case REINFORCE -> g.scale(g.mul(logPi, g.constant(rowAdvantage, 0, rows, 1)), -1f);
                    case ASYMRE -> g.scale(g.mul(logPi, g.constant(rowAdvantage, 0, rows, 1)), -scale);
                    case OPMD -> g.add(g.scale(g.mul(logPi, g.constant(rowAdvantage, 0, rows, 1)), -scale),
                            g.scale(g.square(g.sub(logPi, g.constant(logBehaviour, 0, rows, 1))), (float) config.k2Coefficient()));
                    case GRPO -> TokenLoss.clippedSurrogate(g, logPi, logBehaviour, rowAdvantage, (float) config.clip(),
                            (float) config.clip());
                };
                return Aggregation.TOKEN_MEAN.apply(g, perToken, mask, n, batch.time, task.maxResponseLength(), weights);
            });
            metrics.put("reward", rollout.meanReward());
            metrics.put("kl_to_reference", sampledKlToReference(batch));
            metrics.put("loss", loss);
            return rollout.meanReward();
        }
    }
}
