package dev.proxima.core.seq;

/**
 * A verifiable-reward task whose {@link SequenceTask#reward} is a proxy that can be gamed, with
 * auxiliary reward models to cross-check it and a hidden true metric to measure what the proxy was
 * meant to reward (the reward-hacking testbeds of seeds-preference spec §2.7).
 */
public interface AuxiliaryRewards extends SequenceTask {
    /** How many auxiliary rewards {@link #auxiliaryRewards} returns. */
    int auxiliaryCount();

    /** The auxiliary rewards of {@code response[0, length)}, one per auxiliary model. */
    double[] auxiliaryRewards(Problem problem, int[] response, int length);

    /** The hidden true metric of {@code response[0, length)}: what the proxy should have rewarded. */
    double trueMetric(Problem problem, int[] response, int length);
}
