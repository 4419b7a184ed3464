package dev.proxima.core.env;

import java.util.Map;

/**
 * One transition. {@code terminated}: the MDP reached a terminal state, the value of the next
 * state is zero. {@code truncated}: the episode was cut short (time limit), so learners bootstrap
 * from {@code observation}.
 */
public record Step<O>(O observation, double reward, boolean terminated, boolean truncated,
                      Map<String, Object> info) {
    public Step(O observation, double reward, boolean terminated, boolean truncated) {
        this(observation, reward, terminated, truncated, Map.of());
    }

    /** The episode is over, by either flag. */
    public boolean done() {
        return terminated || truncated;
    }
}
