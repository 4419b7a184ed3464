package dev.proxima.prefs.visurf;

import dev.proxima.core.seq.SequenceTask;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.policy.GroupRollout;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.Training;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.policy.VerifiableRewardLearner;
import dev.proxima.prefs.rl.Aggregation;
import dev.proxima.prefs.rl.GroupAdvantages;
import dev.proxima.prefs.rl.TokenLoss;
import java.util.ArrayList;
import java.util.List;

/**
 * ViSurf: supervised and reinforcement fine-tuning in one stage. Every group of G on-policy
 * rollouts gets the ground-truth answer y* as one more member; advantages are group-relative over
 * all members, so the policy-gradient term on y* is a reward-weighted supervised term that is
 * largest exactly where the rollouts all fail.
 *
 * <p>Paper: "ViSurf: Visual Supervised-and-Reinforcement Fine-Tuning" (2025); spec §2.13 (whose
 * details are marked unverified: no code or equations were reachable).
 *
 * <pre>
 *   per prompt x: y_1..y_G ~ π_old(·|x), y_{G+1} = y*;  r_i = verify(x, y_i)
 *   Â_i = (r_i − r̄)/(s + 1e-6) over the members    (s: unbiased standard deviation)
 *   (R2) y* leaves the group when every rollout already earns its reward
 *   (R3, off by default) Â_{y*} ≤ max_{i ≤ G} Â_i
 *   ℓ_t = −min(q_t·Â_i, clip(q_t, 1 ± ε)·Â_i), token mean; y*'s π_old is π_θ before the step
 * </pre>
 * R1 (rendering y* in the rollout format) holds by construction: tasks' answers are responses.
 */
public final class ViSurf {
    private ViSurf() {}

    /**
     * @param promptsPerStep     prompts per step (spec §0.5 CI default: 16)
     * @param groupSize          G ≥ 1 rollouts per prompt, besides y* (8, as GRPO)
     * @param clip               ε of the clipped surrogate (0.2)
     * @param temperature        sampling temperature (1)
     * @param dropWhenAllCorrect R2 (on)
     * @param capLabelAdvantage  R3 (off: in a group of failures it would turn y*'s positive advantage negative)
     * @param learningRate       Adam step size (spec §0.2: 1e-3; on the ADD carry slices 3e-4 learnt the
     *                           carries too slowly, outside-slice pass@1 0.135 after 200 steps against 0.395, and
     *                           3e-3 was unstable, 0.295 and the inside slice down to 0.465)
     * @param maxGradNorm        global gradient-norm clip (spec §0.2: 1.0)
     */
    public record Config(int promptsPerStep, int groupSize, double clip, double temperature, boolean dropWhenAllCorrect,
                         boolean capLabelAdvantage, double learningRate, double maxGradNorm) {
        public Config {
            Training.checkOnPolicy(promptsPerStep, 1, temperature, learningRate, maxGradNorm);
            Checks.positive(groupSize, "groupSize");
            Checks.positive(clip, "clip");
        }

        public static Config defaults() {
            return new Config(16, 8, 0.2, 1.0, true, false, 1e-3, 1.0);
        }
    }

    /**
     * Group-relative advantages of groups of {@code groupSize} rollouts plus a label each.
     *
     * @param rolloutRewards  rewards of the rollouts, group after group
     * @param labelRewards    the reward of each group's y*
     * @param rolloutOut      out: the rollouts' advantages
     * @param labelOut        out: each y*'s advantage (0 when it left the group)
     * @param labelKept       out: whether each y* stayed in its group
     */
    public static void advantages(double[] rolloutRewards, double[] labelRewards, int groupSize, boolean dropWhenAllCorrect,
                                  boolean capLabelAdvantage, double[] rolloutOut, double[] labelOut, boolean[] labelKept) {
        int groups = labelRewards.length;
        if (rolloutRewards.length != groups * groupSize) {
            throw new IllegalArgumentException("need groupSize × groups = " + groups * groupSize + " rollout rewards, got "
                    + rolloutRewards.length);
        }
        double[] members = new double[groupSize + 1];
        for (int q = 0; q < groups; q++) {
            boolean allEarnIt = true;
            for (int i = 0; i < groupSize; i++) allEarnIt &= rolloutRewards[q * groupSize + i] >= labelRewards[q];
            labelKept[q] = !(dropWhenAllCorrect && allEarnIt);
            int size = labelKept[q] ? groupSize + 1 : groupSize;
            System.arraycopy(rolloutRewards, q * groupSize, members, 0, groupSize);
            members[groupSize] = labelRewards[q];
            double[] memberAdvantages = new double[size];
            GroupAdvantages.standardized(java.util.Arrays.copyOf(members, size), size, true, memberAdvantages);
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < groupSize; i++) {
                rolloutOut[q * groupSize + i] = memberAdvantages[i];
                best = Math.max(best, memberAdvantages[i]);
            }
            double label = labelKept[q] ? memberAdvantages[groupSize] : 0;
            labelOut[q] = labelKept[q] && capLabelAdvantage ? Math.min(label, best) : label;
        }
    }

    /** The trainer: one {@link #step} samples G rollouts per prompt, adds y* and takes one clipped-surrogate step. */
    public static final class Learner extends VerifiableRewardLearner {
        private final Config config;

        public Learner(Config config, TransformerPolicy policy, TransformerPolicy reference, SequenceTask task, long seed) {
            super(policy, reference, task, seed, config.temperature(), config.learningRate(), config.maxGradNorm());
            this.config = config;
        }

        @Override
        public double step() {
            int groups = config.promptsPerStep(), size = config.groupSize();
            GroupRollout rollout = GroupRollout.sample(policy, task, groups, size, sampling, rng);
            double[] labelRewards = new double[groups];
            for (int q = 0; q < groups; q++) {
                int[] answer = rollout.problems().get(q * size).answer();
                labelRewards[q] = task.reward(rollout.problems().get(q * size), answer, answer.length);
            }
            double[] rolloutAdvantages = new double[groups * size], labelAdvantages = new double[groups];
            boolean[] kept = new boolean[groups];
            advantages(rollout.rewards(), labelRewards, size, config.dropWhenAllCorrect(), config.capLabelAdvantage(),
                    rolloutAdvantages, labelAdvantages, kept);

            // Members in group order: the G rollouts, then y*.
            int members = groups * (size + 1);
            List<int[]> prompts = new ArrayList<>(members), responses = new ArrayList<>(members);
            double[] memberAdvantages = new double[members];
            boolean[] active = new boolean[members];
            for (int q = 0; q < groups; q++) {
                SequenceTask.Problem problem = rollout.problems().get(q * size);
                for (int i = 0; i <= size; i++) {
                    int m = q * (size + 1) + i;
                    prompts.add(problem.prompt());
                    responses.add(i < size ? rollout.batch().response(q * size + i) : problem.answer());
                    memberAdvantages[m] = i < size ? rolloutAdvantages[q * size + i] : labelAdvantages[q];
                    active[m] = i < size || kept[q];
                }
            }
            SequenceBatch batch = SequenceBatch.of(prompts, responses, policy.contextLength());
            int rows = members * batch.time;
            float[] mask = batch.responseMask(), rowAdvantage = new float[rows], weights = new float[rows];
            for (int m = 0; m < members; m++) {
                for (int t = 0; t < batch.time; t++) {
                    int row = m * batch.time + t;
                    rowAdvantage[row] = (float) memberAdvantages[m];
                    if (!active[m]) mask[row] = 0;
                }
            }
            float[][] logOld = new float[1][];
            double loss = descend(g -> {
                Tensor logPi = policy.score(g, batch)[0];
                if (logOld[0] == null) logOld[0] = logPi.data.clone(); // μ = 1: π_old is π_θ before the step
                Tensor perToken = TokenLoss.clippedSurrogate(g, logPi, logOld[0], rowAdvantage, (float) config.clip(),
                        (float) config.clip());
                return Aggregation.TOKEN_MEAN.apply(g, perToken, mask, members, batch.time, task.maxResponseLength(), weights);
            });
            double labelAdvantage = 0;
            int keptCount = 0;
            for (int q = 0; q < groups; q++) {
                labelAdvantage += labelAdvantages[q] / groups;
                keptCount += kept[q] ? 1 : 0;
            }
            metrics.put("reward", rollout.meanReward());
            metrics.put("kl_to_reference", sampledKlToReference(rollout.batch()));
            metrics.put("label_advantage", labelAdvantage);
            metrics.put("labels_kept", (double) keptCount / groups);
            metrics.put("loss", loss);
            return rollout.meanReward();
        }
    }
}
