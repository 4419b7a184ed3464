package dev.proxima.rl.common;

import dev.proxima.core.io.StateDict;
import java.util.List;
import java.util.Map;

/**
 * An off-policy learner on one continuous-control env, driven one env step at a time (each step
 * followed by its gradient updates), so callers can log and evaluate in between.
 */
public interface OffPolicyLearner {
    /** One env step, then the updates that follow it. */
    void step();

    /** The env, its replay buffer and the episode bookkeeping the learner acts through. */
    Experience experience();

    default long envSteps() {
        return experience().envSteps();
    }

    /** Returns of the episodes finished so far. */
    default List<Double> episodeReturns() {
        return experience().episodeReturns();
    }

    /** The last update's losses (and other scalars, such as SAC's α) by name, in a stable order. */
    Map<String, Double> lastMetrics();

    /** The deterministic action for an observation, in the env's action box. */
    float[] act(float[] observation);

    /** Writes the actor's weights (what {@link #act} needs) under {@code actor.*}. */
    void savePolicy(StateDict out);
}
