package dev.proxima.core.env;

import java.util.Map;

/** What {@link Env#reset} returns: the first observation and an info map (often empty). */
public record Reset<O>(O observation, Map<String, Object> info) {
    public Reset(O observation) {
        this(observation, Map.of());
    }
}
