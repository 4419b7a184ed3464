package dev.proxima.serve.log;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The answer of {@link EventLog#latestSnapshot()}: the newest usable snapshot, if any, and every
 * newer snapshot file that was passed over with the reason, so the service can report it.
 *
 * @param snapshot the newest snapshot that verified, or empty when none did (replay from the
 *     log's start)
 * @param skipped newer snapshot files that were not used, newest first
 */
public record SnapshotLookup(Optional<Snapshot> snapshot, List<Skipped> skipped) {
    public SnapshotLookup {
        skipped = List.copyOf(skipped);
    }

    /** A snapshot file that was not used, and why. */
    public record Skipped(Path file, String reason) {}
}
