package dev.proxima.serve.log;

import java.nio.file.Path;

/**
 * A verified snapshot: model state that reflects exactly the log records with offsets below
 * {@code coversUpToOffset}. Recovery loads the state and replays from {@code coversUpToOffset}.
 *
 * @param coversUpToOffset the first offset the state does not reflect (exclusive bound)
 * @param state the bytes given to {@link EventLog#writeSnapshot(long, byte[])}
 * @param file where it was read from
 */
public record Snapshot(long coversUpToOffset, byte[] state, Path file) {}
