package dev.proxima.prefs.rl;

/**
 * Advantages from the rewards of groups of responses to the same prompt (spec §0.1, §1.1, §1.5).
 * Rewards are laid out group after group: {@code rewards[g·size + i]} is response i of group g.
 */
public final class GroupAdvantages {
    /** Added to the group's standard deviation (verl, A-GRAE; TRL adds 1e-4). */
    public static final double STD_EPSILON = 1e-6;

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

    private static void check(double[] rewards, int groupSize, double[] out) {
        if (groupSize < 1 || rewards.length % groupSize != 0 || out.length != rewards.length) {
            throw new IllegalArgumentException("groupSize must be >= 1 and divide the " + rewards.length
                    + " rewards (output of the same length); groupSize was " + groupSize + ", output " + out.length);
        }
    }
}
