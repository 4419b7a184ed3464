package dev.proxima.rl.common;

import dev.proxima.core.io.Stateful;
import java.util.Map;

/**
 * An on-policy run in progress, driven one iteration (rollout + update) at a time, so callers can
 * log, checkpoint and resume between iterations.
 */
public interface OnPolicyLearner extends Stateful {
    /** Collects one rollout and updates; returns the iteration's metrics in a stable order. */
    Map<String, Double> iterate();

    boolean done();

    /** Iterations completed. */
    int iteration();

    int numIterations();

    /** Transitions collected per iteration, summed over sub-envs. */
    int batchSize();

    /** Environment steps taken so far, summed over sub-envs. */
    long envSteps();

    ActorCritic agent();

    /** The hyperparameter record this learner runs with. */
    Record config();
}
