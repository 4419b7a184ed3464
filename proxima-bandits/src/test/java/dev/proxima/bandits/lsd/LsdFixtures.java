package dev.proxima.bandits.lsd;

/** Small instances whose LP value, optimum and policies are worked out by hand in the tests. */
final class LsdFixtures {
    private LsdFixtures() {}

    /** One arm, τ_max = 2: μ(−1) 0.5, μ(−2) 0.9, μ(1) 0.4, μ(2) 0.1. */
    static LsdModel oneArm() {
        return LsdModel.of(new double[][] {{0.5, 0.9}}, new double[][] {{0.4, 0.1}});
    }

    /** Two arms, τ_max = 1: A pays 0.8 rested and 0.2 in play; B pays 0.6 rested and 0.5 in play. */
    static LsdModel twoArms() {
        return LsdModel.of(new double[][] {{0.8}, {0.6}}, new double[][] {{0.2}, {0.5}});
    }

    /** Three arms, τ_max = 3; arm 0: idle 0.3, 0.5, 0.7 at −1, −2, −3 and play 0.25, 0.2, 0.1 at 1, 2, 3. */
    static LsdModel threeArms() {
        return LsdModel.of(
                new double[][] {{0.3, 0.5, 0.7}, {0.2, 0.4, 0.9}, {0.1, 0.1, 0.1}},
                new double[][] {{0.25, 0.2, 0.1}, {0.2, 0.2, 0.0}, {0.1, 0.1, 0.1}});
    }

    /**
     * Two arms, τ_max = 2, where greedy is short-sighted: A pays 0.5 after one idle round, 1.0 after
     * two, nothing in play; B pays 0.45 always.
     */
    static LsdModel myopicTrap() {
        return LsdModel.of(new double[][] {{0.5, 1.0}, {0.45, 0.45}}, new double[][] {{0.0, 0.0}, {0.45, 0.45}});
    }
}
