package dev.proxima.serve.log;

import static dev.proxima.serve.log.LogTesting.ack;
import static dev.proxima.serve.log.LogTesting.bytes;
import static dev.proxima.serve.log.LogTesting.readAll;
import static dev.proxima.serve.log.LogTesting.readFrom;
import static dev.proxima.serve.log.LogTesting.segmentFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.serve.log.EventLog.Config;
import dev.proxima.serve.log.EventLog.Durability;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots (atomic, CRC-checked, newest N kept, fallback past damage) and segment retention. */
class SnapshotTest {
    @TempDir
    Path dir;

    private static void fill(EventLog log, int n) throws Exception {
        CompletableFuture<Long> last = null;
        for (int i = 0; i < n; i++) {
            last = log.append(RecordType.REWARD, bytes("reward " + (log.nextOffset() + i)));
        }
        ack(last);
    }

    private static byte[] state(long offset) {
        return bytes("model state after " + offset + " records");
    }

    private List<Path> snapshotFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith("snapshot-")).sorted().toList();
        }
    }

    @Test
    void theNewestSnapshotIsReturnedAndOnlyTheNewestThreeAreKept() throws Exception {
        try (EventLog log = EventLog.open(dir)) {
            assertTrue(log.latestSnapshot().snapshot().isEmpty());
            fill(log, 40);
            for (long at : new long[] {10, 20, 30, 40}) {
                Path file = log.writeSnapshot(at, state(at));
                assertEquals(SnapshotFiles.path(dir, at), file);
            }
            assertEquals(List.of(SnapshotFiles.path(dir, 20), SnapshotFiles.path(dir, 30), SnapshotFiles.path(dir, 40)),
                    snapshotFiles());
            SnapshotLookup latest = log.latestSnapshot();
            assertEquals(List.of(), latest.skipped());
            Snapshot s = latest.snapshot().orElseThrow();
            assertEquals(40, s.coversUpToOffset());
            assertArrayEquals(state(40), s.state());
        }
        try (EventLog log = EventLog.open(dir)) {
            assertEquals(40, log.latestSnapshot().snapshot().orElseThrow().coversUpToOffset());
        }
    }

    @Test
    void aDamagedNewestSnapshotFallsBackToTheOlderOneAndSaysSo() throws Exception {
        try (EventLog log = EventLog.open(dir)) {
            fill(log, 30);
            log.writeSnapshot(10, state(10));
            log.writeSnapshot(20, state(20));
            log.writeSnapshot(30, state(30));
        }
        Path newest = SnapshotFiles.path(dir, 30);
        Path middle = SnapshotFiles.path(dir, 20);
        flipLastByte(newest); // a bit flip inside the state
        Files.write(middle, new byte[] {'P', 'X'}); // and the next one is cut short
        try (EventLog log = EventLog.open(dir)) {
            SnapshotLookup latest = log.latestSnapshot();
            Snapshot s = latest.snapshot().orElseThrow();
            assertEquals(10, s.coversUpToOffset());
            assertArrayEquals(state(10), s.state());
            assertEquals(2, latest.skipped().size());
            assertEquals(newest, latest.skipped().get(0).file());
            assertTrue(latest.skipped().get(0).reason().contains("CRC"), latest.skipped().get(0).reason());
            assertEquals(middle, latest.skipped().get(1).file());
            assertTrue(latest.skipped().get(1).reason().contains("shorter than"), latest.skipped().get(1).reason());
            // recovery continues from the older snapshot with a longer replay
            assertEquals(20, readFrom(log, s.coversUpToOffset()).size());
        }
    }

    @Test
    void whenNoSnapshotVerifiesTheLookupIsEmptyAndListsThemAll() throws Exception {
        try (EventLog log = EventLog.open(dir)) {
            fill(log, 5);
            log.writeSnapshot(5, state(5));
            flipLastByte(SnapshotFiles.path(dir, 5));
            SnapshotLookup latest = log.latestSnapshot();
            assertTrue(latest.snapshot().isEmpty());
            assertEquals(1, latest.skipped().size());
        }
    }

    @Test
    void aSnapshotFileRenamedToAnotherOffsetIsRejected() throws Exception {
        try (EventLog log = EventLog.open(dir)) {
            fill(log, 10);
            log.writeSnapshot(5, state(5));
            Files.move(SnapshotFiles.path(dir, 5), SnapshotFiles.path(dir, 7));
            SnapshotLookup latest = log.latestSnapshot();
            assertTrue(latest.snapshot().isEmpty());
            assertTrue(latest.skipped().getFirst().reason().contains("its name says 7"), latest.skipped().toString());
        }
    }

    @Test
    void aSnapshotAheadOfTheLogIsRefusedOnWriteAndSkippedOnRead() throws Exception {
        try (EventLog log = EventLog.open(dir)) {
            fill(log, 10);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> log.writeSnapshot(11, state(11)));
            assertTrue(e.getMessage().contains("[0, 10]"), e.getMessage());
            log.writeSnapshot(10, state(10));
        }
        // Simulate a log that lost its tail after the snapshot was taken.
        Path seg = segmentFiles(dir).getFirst();
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3);
        }
        try (EventLog log = EventLog.open(dir)) {
            assertEquals(9, log.nextOffset());
            SnapshotLookup latest = log.latestSnapshot();
            assertTrue(latest.snapshot().isEmpty());
            assertTrue(latest.skipped().getFirst().reason().contains("log ends at offset 9"), latest.skipped().toString());
        }
    }

    @Test
    void asyncModeForcesTheLogBeforeASnapshotCoversIt() throws Exception {
        FaultyChannels channels = new FaultyChannels();
        Config config = Config.defaults().withDurability(Durability.ASYNC).withChannelFactory(channels);
        try (EventLog log = EventLog.open(dir, config)) {
            channels.closeGate();
            fill(log, 10); // acknowledged while every force is held
            assertEquals(0, channels.forces.get());
            CompletableFuture<Path> snapshot = CompletableFuture.supplyAsync(() -> {
                try {
                    return log.writeSnapshot(10, state(10));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(100);
            assertFalse(snapshot.isDone(), "the snapshot must wait until the records it covers are forced");
            assertFalse(Files.exists(SnapshotFiles.path(dir, 10)));
            channels.openGate();
            assertEquals(SnapshotFiles.path(dir, 10), snapshot.get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(channels.bytesWritten.get(), channels.bytesForced);
        }
    }

    @Test
    void staleTemporarySnapshotFilesAreRemovedOnOpen() throws Exception {
        EventLog.open(dir).close();
        Path stale = dir.resolve(".snapshot-00000000000000000007.snap.12345-0.tmp");
        Files.write(stale, new byte[100]);
        try (EventLog log = EventLog.open(dir)) {
            assertFalse(Files.exists(stale));
            assertTrue(log.latestSnapshot().skipped().isEmpty());
        }
    }

    @Test
    void segmentsBelowASnapshotCanBeDeleted() throws Exception {
        Config config = Config.defaults().withSegmentBytes(256);
        List<Path> before;
        long start;
        try (EventLog log = EventLog.open(dir, config)) {
            fill(log, 200);
            before = segmentFiles(dir);
            log.writeSnapshot(100, state(100));
            int deleted = log.deleteSegmentsCoveredBy(100);
            assertTrue(deleted > 0);
            List<Path> after = segmentFiles(dir);
            assertEquals(before.size() - deleted, after.size());
            assertEquals(before.subList(deleted, before.size()), after);
            start = log.startOffset();
            assertEquals(RecordFormat.segmentBase(after.getFirst()), start);
            assertTrue(start > 0 && start <= 100, "start " + start);
            // the segment that holds offset 100 is kept, so replay from the snapshot works
            assertEquals(100, readFrom(log, 100).size());
            assertEquals(200 - start, readAll(log).size());
            assertThrows(IllegalArgumentException.class, () -> readFrom(log, 0));
            assertThrows(IllegalArgumentException.class, () -> log.deleteSegmentsCoveredBy(201));
            assertEquals(0, log.deleteSegmentsCoveredBy(start), "no segment lies wholly below the start");
        }
        try (EventLog log = EventLog.open(dir, config)) {
            assertEquals(start, log.startOffset());
            assertEquals(start, log.recovery().startOffset());
            assertEquals(200, log.nextOffset());
            assertEquals(200, ack(log.append(RecordType.REWARD, bytes("more"))));
            assertEquals(100, log.latestSnapshot().snapshot().orElseThrow().coversUpToOffset());
        }
    }

    @Test
    void theSegmentBeingWrittenIsNeverDeleted() throws Exception {
        try (EventLog log = EventLog.open(dir, Config.defaults().withSegmentBytes(256))) {
            fill(log, 50);
            log.deleteSegmentsCoveredBy(50);
            assertEquals(1, segmentFiles(dir).size());
            assertEquals(50, ack(log.append(RecordType.REWARD, bytes("x"))));
            assertEquals(List.of("x"), LogTesting.texts(readFrom(log, 50)));
        }
    }

    @Test
    void anOlderSnapshotWhoseRecordsWereDeletedIsSkipped() throws Exception {
        try (EventLog log = EventLog.open(dir, Config.defaults().withSegmentBytes(256))) {
            fill(log, 100);
            log.writeSnapshot(10, state(10));
            log.writeSnapshot(90, state(90));
            log.deleteSegmentsCoveredBy(90);
            flipLastByte(SnapshotFiles.path(dir, 90));
            SnapshotLookup latest = log.latestSnapshot();
            assertTrue(latest.snapshot().isEmpty());
            assertEquals(2, latest.skipped().size());
            assertTrue(latest.skipped().get(1).reason().contains("older segments were deleted"),
                    latest.skipped().toString());
        }
    }

    private static void flipLastByte(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long pos = ch.size() - 1;
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, pos);
            b.put(0, (byte) (b.get(0) ^ 1));
            ch.write(b.rewind(), pos);
        }
    }
}
