package dev.proxima.serve.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    @TempDir
    Path dir;

    static byte[] payload(int i) {
        return ("record-" + i + "-" + "x".repeat(i % 50)).getBytes(StandardCharsets.UTF_8);
    }

    static List<byte[]> replayAll(EventLog log) throws IOException {
        List<byte[]> out = new ArrayList<>();
        log.replay(0, (offset, type, p) -> {
            assertEquals(out.size(), offset);
            out.add(p);
        });
        return out;
    }

    @Test
    void recordsSurviveReopenAcrossSegmentRolls() throws Exception {
        EventLog.Config small = EventLog.Config.defaults().withSegmentBytes(2_000);
        try (EventLog log = EventLog.open(dir, small)) {
            for (int i = 0; i < 500; i++) {
                assertEquals(i, log.append(RecordType.REWARD, payload(i)).get());
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.filter(p -> p.toString().endsWith(".seg")).count() > 10, "segments rolled");
        }
        try (EventLog log = EventLog.open(dir, small)) {
            List<byte[]> all = replayAll(log);
            assertEquals(500, all.size());
            for (int i = 0; i < 500; i++) assertArrayEquals(payload(i), all.get(i));
            assertEquals(500, log.append(RecordType.DECISION, payload(1)).get());
        }
    }

    @Test
    void aTornTailIsCutAndTheLogAcceptsNewRecords() throws Exception {
        try (EventLog log = EventLog.open(dir, EventLog.Config.defaults())) {
            for (int i = 0; i < 10; i++) log.append(RecordType.REWARD, payload(i)).get();
        }
        Path seg = segment();
        long size = Files.size(seg);
        Files.write(seg, new byte[] {0, 0, 0, 50, 1, 2, 3}, StandardOpenOption.APPEND); // half a record
        try (EventLog log = EventLog.open(dir, EventLog.Config.defaults())) {
            assertEquals(10, replayAll(log).size());
            assertEquals(size, Files.size(seg));
            assertEquals(10, log.append(RecordType.REWARD, payload(10)).get());
        }
        // A flipped byte inside the last record: it fails its CRC and is dropped, the prefix survives.
        byte[] bytes = Files.readAllBytes(seg);
        bytes[bytes.length - 3] ^= 0x5A;
        Files.write(seg, bytes);
        try (EventLog log = EventLog.open(dir, EventLog.Config.defaults())) {
            assertEquals(10, replayAll(log).size());
        }
    }

    @Test
    void corruptionBeforeTheLastSegmentFailsLoudly() throws Exception {
        EventLog.Config small = EventLog.Config.defaults().withSegmentBytes(500);
        try (EventLog log = EventLog.open(dir, small)) {
            for (int i = 0; i < 100; i++) log.append(RecordType.REWARD, payload(i)).get();
        }
        Path first;
        try (Stream<Path> s = Files.list(dir)) {
            first = s.filter(p -> p.toString().endsWith(".seg")).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(first);
        bytes[20] ^= 0x01;
        Files.write(first, bytes);
        var e = assertThrows(IOException.class, () -> EventLog.open(dir, small));
        assertTrue(e.getMessage().contains(first.getFileName().toString()) && e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void aCorruptNewestSnapshotFallsBackToTheOlderOne() throws Exception {
        try (EventLog log = EventLog.open(dir, EventLog.Config.defaults())) {
            log.append(RecordType.REWARD, payload(0)).get();
            log.writeSnapshot(1, "old".getBytes(StandardCharsets.UTF_8));
            log.append(RecordType.REWARD, payload(1)).get();
            log.writeSnapshot(2, "new".getBytes(StandardCharsets.UTF_8));
            assertEquals("new", new String(log.latestSnapshot().orElseThrow().state(), StandardCharsets.UTF_8));
            Path newest = log.latestSnapshot().orElseThrow().file();
            byte[] b = Files.readAllBytes(newest);
            b[b.length - 1] ^= 0x7F;
            Files.write(newest, b);
            var snap = log.latestSnapshot().orElseThrow();
            assertEquals("old", new String(snap.state(), StandardCharsets.UTF_8));
            assertEquals(1, snap.offset());
        }
    }

    /** A segment channel whose writes fail while {@code full} is set, as on a full disk. */
    static SegmentChannel.Factory flakyDisk(AtomicBoolean full) {
        return file -> {
            SegmentChannel real = SegmentChannel.open(file);
            return new SegmentChannel() {
                @Override
                public void write(ByteBuffer buffer) throws IOException {
                    if (full.get()) {
                        // write part of the batch first: the log must cut it back
                        ByteBuffer half = buffer.duplicate();
                        half.limit(half.position() + half.remaining() / 2);
                        real.write(half);
                        throw new IOException("No space left on device");
                    }
                    real.write(buffer);
                }

                @Override
                public void force() throws IOException {
                    real.force();
                }

                @Override
                public void truncate(long size) throws IOException {
                    real.truncate(size);
                }

                @Override
                public long size() throws IOException {
                    return real.size();
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        };
    }

    @Test
    void aFullDiskFailsTheBatchKeepsNothingOfItAndRecoversWhenSpaceReturns() throws Exception {
        AtomicBoolean full = new AtomicBoolean();
        EventLog.Config cfg = EventLog.Config.defaults().withChannels(flakyDisk(full));
        try (EventLog log = EventLog.open(dir, cfg)) {
            for (int i = 0; i < 5; i++) log.append(RecordType.REWARD, payload(i)).get();
            full.set(true);
            CompletableFuture<Long> failed = log.append(RecordType.REWARD, "lost".getBytes(StandardCharsets.UTF_8));
            var e = assertThrows(ExecutionException.class, failed::get);
            assertTrue(e.getCause() instanceof LogUnavailableException, String.valueOf(e.getCause()));
            full.set(false);
            assertEquals(5, log.append(RecordType.REWARD, payload(5)).get());
        }
        try (EventLog log = EventLog.open(dir, EventLog.Config.defaults())) {
            List<byte[]> all = replayAll(log);
            assertEquals(6, all.size());
            for (int i = 0; i < 6; i++) assertArrayEquals(payload(i), all.get(i));
        }
    }

    @Test
    void aFullQueueRefusesAtOnce() throws Exception {
        EventLog.Config tiny = EventLog.Config.defaults().withQueueCapacity(1);
        try (EventLog log = EventLog.open(dir, tiny)) {
            int refused = 0;
            List<CompletableFuture<Long>> accepted = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                try {
                    accepted.add(log.append(RecordType.REWARD, payload(i)));
                } catch (LogOverloadedException e) {
                    refused++;
                }
            }
            assertTrue(refused > 0, "a queue of one must overflow under a burst");
            for (var f : accepted) f.get();
        }
    }

    @Test
    void concurrentAppendersAllLandExactlyOnce() throws Exception {
        Set<Long> offsets = ConcurrentHashMap.newKeySet();
        AtomicInteger n = new AtomicInteger();
        try (EventLog log = EventLog.open(dir, EventLog.Config.defaults())) {
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                int id = t;
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < 2_500; i++) {
                        try {
                            offsets.add(log.append(RecordType.REWARD, ("t" + id + "-" + i).getBytes(StandardCharsets.UTF_8)).get());
                            n.incrementAndGet();
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) t.join();
        }
        assertEquals(10_000, offsets.size());
        try (EventLog log = EventLog.open(dir, EventLog.Config.defaults())) {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            log.replay(0, (o, type, p) -> assertTrue(seen.add(new String(p, StandardCharsets.UTF_8))));
            assertEquals(10_000, seen.size());
        }
    }

    private Path segment() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }
}
