package dev.proxima.prefs.rl;

/**
 * Advantages from the rewards of groups of responses to the same prompt (spec §0.1, §1.1, §1.5) and
 * the group advantages of the seed methods built on them: A-GRAE (§2.9), AsymRE's shifted baseline
 * (§2.10), R³L's positive amplification (§2.16) and GARDO's diversity weights (§2.7).
 * Rewards are laid out group after group: {@code rewards[g·size + i]} is response i of group g.
 */
public final class GroupAdvantages {
    /** Added to the group's standard deviation (verl, A-GRAE; TRL adds 1e-4). */
    public static final double STD_EPSILON = 1e-6;
    /** A reward at or above this counts as a success in R³L's positive amplification. */
    public static final double AMPLIFY_SUCCESS = 1;
    /** R³L's factor on non-negative advantages of unsuccessful responses. */
    public static final double AMPLIFY_FACTOR = 3;

    private GroupAdvantages() {}

    /**
     * GRPO: {@code Â_i = (r_i − r̄)/(s + 1e-6)} with the unbiased (N − 1) standard deviation, or
     * {@code r_i − r̄} when {@code scaleByStd} is false (Dr. GRPO's {@code scale=none}). A group of
     * one gets 0; a group whose rewards are all equal gets 0 (no gradient).
     */
    public static void standardized(double[] rewards, int groupSize, boolean scaleByStd, double[] out) {
        check(rewards, groupSize, out);
        for (int from = 0; from < rewards.length; from += groupSize) {
            double mean = 0;
            for (int i = 0; i < groupSize; i++) mean += rewards[from + i];
            mean /= groupSize;
            double var = 0;
            for (int i = 0; i < groupSize; i++) var += (rewards[from + i] - mean) * (rewards[from + i] - mean);
            double std = groupSize > 1 ? Math.sqrt(var / (groupSize - 1)) : 0;
            for (int i = 0; i < groupSize; i++) {
                double centred = groupSize > 1 ? rewards[from + i] - mean : 0;
                out[from + i] = scaleByStd ? centred / (std + STD_EPSILON) : centred;
            }
        }
    }

    /** RLOO: {@code A_i = R_i − mean_{j≠i} R_j} (needs groups of at least two). */
    public static void leaveOneOut(double[] rewards, int groupSize, double[] out) {
        check(rewards, groupSize, out);
        if (groupSize < 2) {
            throw new IllegalArgumentException("groupSize must be >= 2 for a leave-one-out baseline, was " + groupSize);
        }
        for (int from = 0; from < rewards.length; from += groupSize) {
            double sum = 0;
            for (int i = 0; i < groupSize; i++) sum += rewards[from + i];
            for (int i = 0; i < groupSize; i++) {
                out[from + i] = rewards[from + i] - (sum - rewards[from + i]) / (groupSize - 1);
            }
        }
    }

    /**
     * A-GRAE's asymmetric reweighting of GRPO advantages ("unveiling implicit advantage symmetry";
     * spec §2.9; golden A2). With {@code Â_i} from {@link #standardized} (std scaling on), the group's
     * accuracy {@code p_q = r̄} and the batch accuracy {@code P̄ = mean_q p_q} over every group given
     * (groups with {@code p_q ∈ {0, 1}} included):
     * <pre>
     *   hard_i = ½·Â_i / (√p_q + 1e-6)        easy_i = ½·Â_i / (1 − √p_q + 1e-6)
     *   Ã_i    = (1 − P̄)·easy_i + P̄·hard_i     and, if Ã_i &gt; 0,  Ã_i ← Ã_i·min(1, P̄/α)
     * </pre>
     * Early in training (low P̄) positive advantages are damped and easy prompts weigh more; as P̄ rises
     * the weight moves to hard prompts. The reweighting applies at every step (the paper's method; the
     * released trainer's switch test never fires after its first step). A group whose rewards are all
     * equal gets 0, and {@code P̄ = 1} (with α ≤ 1) leaves positives unscaled.
     *
     * @param rewards   binary (or [0, 1]) rewards, group after group; each group's mean is its p_q
     * @param alpha     α &gt; 0, 1 for math (the paper's default; 0.5 for geometry and medical tasks)
     * @return P̄, the batch accuracy used
     */
    public static double symmetryAware(double[] rewards, int groupSize, double alpha, double[] out) {
        check(rewards, groupSize, out);
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a positive finite number, was " + alpha);
        }
        int groups = rewards.length / groupSize;
        double[] accuracy = new double[groups];
        double batchAccuracy = 0;
        for (int q = 0; q < groups; q++) {
            double mean = 0;
            for (int i = 0; i < groupSize; i++) mean += rewards[q * groupSize + i];
            mean /= groupSize;
            if (!(mean >= 0 && mean <= 1)) {
                throw new IllegalArgumentException("rewards of group " + q + " must have a mean (accuracy) in [0, 1], was "
                        + mean);
            }
            accuracy[q] = mean;
            batchAccuracy += mean;
        }
        batchAccuracy /= Math.max(groups, 1);
        standardized(rewards, groupSize, true, out);
        double positiveScale = Math.min(1, batchAccuracy / alpha);
        for (int q = 0; q < groups; q++) {
            double root = Math.sqrt(accuracy[q]);
            for (int i = q * groupSize; i < (q + 1) * groupSize; i++) {
                double hard = 0.5 * out[i] / (root + STD_EPSILON);
                double easy = 0.5 * out[i] / (1 - root + STD_EPSILON);
                double weighted = (1 - batchAccuracy) * easy + batchAccuracy * hard;
                out[i] = weighted > 0 ? weighted * positiveScale : weighted;
            }
        }
        return batchAccuracy;
    }

    /**
     * A shifted mean baseline, {@code A_i = r_i − (r̄ + δ)}: AsymRE with δ = −0.1 (Trinity-RFT,
     * "Group-relative REINFORCE is secretly off-policy"; spec §2.10; golden A3). δ = 0 is OPMD's mean
     * baseline. A group of one gets {@code −δ}, as the formula says.
     */
    public static void shiftedMean(double[] rewards, int groupSize, double delta, double[] out) {
        if (!Double.isFinite(delta)) throw new IllegalArgumentException("delta must be finite, was " + delta);
        standardized(rewards, groupSize, false, out);
        for (int i = 0; i < out.length; i++) out[i] -= delta;
    }

    /**
     * R³L's positive amplification (Shi et al., "reflect, retry, reinforce"; spec §2.16; golden A6):
     * {@code A_i = r_i − r̄}; then {@code A_i = 1} if {@code r_i ≥ 1} (a success), else
     * {@code A_i = 3·A_i} if {@code A_i ≥ 0}; negative advantages are unchanged. Works on binary and
     * continuous rewards. A group of one gets 0 unless its reward is a success.
     */
    public static void amplifiedPositives(double[] rewards, int groupSize, double[] out) {
        standardized(rewards, groupSize, false, out);
        for (int i = 0; i < out.length; i++) {
            if (rewards[i] >= AMPLIFY_SUCCESS) out[i] = 1;
            else if (out[i] >= 0) out[i] *= AMPLIFY_FACTOR;
        }
    }

    /**
     * GARDO's diversity-aware advantage, without std scaling (He et al. 2025; spec §2.7 item 5;
     * golden A7). Per group, with the embeddings {@code e_i} scaled to unit length:
     * <pre>
     *   d_i = min_{j≠i} (1 − cos(e_i, e_j))
     *   A_i = (r_i − r̄)·w_i,   w_i = d_i / mean_j d_j  if r_i ≥ r̄,  else w_i = 1
     * </pre>
     * Only responses at or above the group mean are reweighted, so a correct answer unlike its
     * siblings is pushed up more. Our choice where the formula is undefined: a group whose
     * embeddings all point the same way (every d = 0) keeps {@code w = 1}.
     *
     * @param embeddings one row per response (e.g. mean-pooled final hidden states or task features),
     *                   all of the same non-zero length and none the zero vector
     * @param distances  out: the {@code d_i}; {@code weights} out: the {@code w_i}; either may be null
     */
    public static void diversityAware(double[] rewards, double[][] embeddings, int groupSize, double[] out,
                                      double[] distances, double[] weights) {
        check(rewards, groupSize, out);
        if (groupSize < 2) {
            throw new IllegalArgumentException("groupSize must be >= 2 for a nearest-neighbour distance, was " + groupSize);
        }
        if (embeddings.length != rewards.length) {
            throw new IllegalArgumentException("embeddings must have one row per reward: " + embeddings.length + " rows for "
                    + rewards.length + " rewards");
        }
        if ((distances != null && distances.length != rewards.length)
                || (weights != null && weights.length != rewards.length)) {
            throw new IllegalArgumentException("distances and weights must have one entry per reward (" + rewards.length + ")");
        }
        int dim = embeddings.length == 0 ? 0 : embeddings[0].length;
        double[][] unit = new double[embeddings.length][];
        for (int i = 0; i < embeddings.length; i++) {
            if (embeddings[i].length != dim || dim == 0) {
                throw new IllegalArgumentException("embeddings row " + i + " has length " + embeddings[i].length
                        + "; every row must have the first row's non-zero length " + dim);
            }
            double norm = 0;
            for (double v : embeddings[i]) norm += v * v;
            norm = Math.sqrt(norm);
            if (!(norm > 0) || Double.isInfinite(norm)) {
                throw new IllegalArgumentException("embeddings row " + i + " must have a finite non-zero norm, was " + norm);
            }
            unit[i] = new double[dim];
            for (int k = 0; k < dim; k++) unit[i][k] = embeddings[i][k] / norm;
        }
        standardized(rewards, groupSize, false, out);
        double[] d = new double[groupSize];
        for (int from = 0; from < rewards.length; from += groupSize) {
            double meanD = 0;
            for (int i = 0; i < groupSize; i++) {
                double nearest = Double.POSITIVE_INFINITY;
                for (int j = 0; j < groupSize; j++) {
                    if (j == i) continue;
                    double cos = 0;
                    for (int k = 0; k < dim; k++) cos += unit[from + i][k] * unit[from + j][k];
                    nearest = Math.min(nearest, 1 - cos);
                }
                d[i] = nearest;
                meanD += nearest;
            }
            meanD /= groupSize;
            for (int i = 0; i < groupSize; i++) {
                double w = out[from + i] >= 0 && meanD > 0 ? d[i] / meanD : 1;
                out[from + i] *= w;
                if (distances != null) distances[from + i] = d[i];
                if (weights != null) weights[from + i] = w;
            }
        }
    }

    private static void check(double[] rewards, int groupSize, double[] out) {
        if (groupSize < 1 || rewards.length % groupSize != 0 || out.length != rewards.length) {
            throw new IllegalArgumentException("groupSize must be >= 1 and divide the " + rewards.length
                    + " rewards (output of the same length); groupSize was " + groupSize + ", output " + out.length);
        }
    }
}
