package dev.proxima.serve.log;

import static dev.proxima.serve.log.LogTesting.ack;
import static dev.proxima.serve.log.LogTesting.bytes;
import static dev.proxima.serve.log.LogTesting.padded;
import static dev.proxima.serve.log.LogTesting.readAll;
import static dev.proxima.serve.log.LogTesting.readFrom;
import static dev.proxima.serve.log.LogTesting.segmentFiles;
import static dev.proxima.serve.log.LogTesting.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.serve.log.EventLog.Config;
import dev.proxima.serve.log.EventLog.Durability;
import dev.proxima.serve.log.LogTesting.Rec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    @TempDir
    Path dir;

    private static final RecordType[] TYPES = RecordType.values();

    private static byte[] payloadOf(int i) {
        return padded("r" + i + ";", (i * 37) % 301); // 0..300 bytes, some shorter than the tag
    }

    @Test
    void recordsRoundTripAcrossSegmentRollsAndReopen() throws Exception {
        int n = 2000;
        Config config = Config.defaults().withSegmentBytes(1024);
        List<Rec> expected = new ArrayList<>();
        try (EventLog log = EventLog.open(dir, config)) {
            List<CompletableFuture<Long>> acks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                RecordType t = TYPES[i % TYPES.length];
                acks.add(log.append(t, payloadOf(i)));
                expected.add(new Rec(i, t, payloadOf(i)));
            }
            for (int i = 0; i < n; i++) {
                assertEquals(i, ack(acks.get(i)));
            }
            assertEquals(n, log.nextOffset());
            assertEquals(expected, readAll(log));
            assertEquals(expected.subList(1234, n), readFrom(log, 1234));
            assertEquals(List.of(), readFrom(log, n));
        }
        List<Path> files = segmentFiles(dir);
        assertTrue(files.size() > 100, "expected many segments, got " + files.size());
        long base = 0;
        for (Path f : files) {
            assertEquals(RecordFormat.segmentName(base), f.getFileName().toString());
            assertTrue(Files.size(f) <= 1024, f + " is " + Files.size(f) + " bytes");
            long[] count = {0};
            try (SegmentReader r = new SegmentReader(f)) {
                while (r.next()) {
                    count[0]++;
                }
                assertNull(r.problem());
            }
            base += count[0];
        }
        assertEquals(n, base);

        try (EventLog log = EventLog.open(dir, config)) {
            EventLog.RecoveryReport report = log.recovery();
            assertNull(report.tornTail());
            assertEquals(0, report.truncatedBytes());
            assertEquals(files.size(), report.segments());
            assertEquals(n, report.nextOffset());
            assertEquals(expected, readAll(log));
            assertEquals(n, ack(log.append(RecordType.REWARD, bytes("after reopen"))));
        }
    }

    @Test
    void aRecordLargerThanASegmentGetsOneOfItsOwn() throws Exception {
        try (EventLog log = EventLog.open(dir, Config.defaults().withSegmentBytes(100))) {
            assertEquals(0, ack(log.append(RecordType.DECISION, padded("small", 10))));
            assertEquals(1, ack(log.append(RecordType.DECISION, padded("big", 500))));
            assertEquals(2, ack(log.append(RecordType.DECISION, padded("small again", 12))));
            assertEquals(List.of("small", "big", "small again"),
                    texts(readAll(log)).stream().map(s -> s.replace(".", "")).toList());
        }
        assertEquals(3, segmentFiles(dir).size());
    }

    @Test
    void emptyPayloadsAndEveryTypeSurvive() throws Exception {
        try (EventLog log = EventLog.open(dir)) {
            for (RecordType t : TYPES) {
                ack(log.append(t, new byte[0]));
            }
        }
        try (EventLog log = EventLog.open(dir)) {
            List<Rec> all = readAll(log);
            assertEquals(TYPES.length, all.size());
            for (int i = 0; i < TYPES.length; i++) {
                assertEquals(TYPES[i], all.get(i).type());
                assertEquals(0, all.get(i).payload().length);
            }
        }
    }

    @Test
    void appendCopiesThePayload() throws Exception {
        try (EventLog log = EventLog.open(dir)) {
            byte[] p = bytes("original");
            CompletableFuture<Long> f = log.append(RecordType.REWARD, p);
            p[0] = 'X';
            ack(f);
            assertArrayEquals(bytes("original"), readAll(log).getFirst().payload());
        }
    }

    @Test
    void acknowledgementComesOnlyAfterTheForce() throws Exception {
        FaultyChannels channels = new FaultyChannels();
        try (EventLog log = EventLog.open(dir, Config.defaults().withChannelFactory(channels))) {
            channels.closeGate();
            CompletableFuture<Long> first = log.append(RecordType.DECISION, bytes("first"));
            assertTrue(channels.forceEntered.tryAcquire(10, TimeUnit.SECONDS));
            List<CompletableFuture<Long>> queued = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                queued.add(log.append(RecordType.REWARD, bytes("queued " + i)));
            }
            Thread.sleep(50);
            assertFalse(first.isDone(), "acknowledged while its force was still running");
            assertTrue(queued.stream().noneMatch(CompletableFuture::isDone));
            assertEquals(bytes("first").length + RecordFormat.HEADER_BYTES, channels.bytesWritten.get(),
                    "the queued records belong to the next batch");
            channels.openGate();
            assertEquals(0, ack(first));
            for (int i = 0; i < 10; i++) {
                assertEquals(i + 1, ack(queued.get(i)));
            }
            assertEquals(2, channels.forces.get(), "the ten queued records should share one force");
        }
    }

    @Test
    void underConcurrentLoadEveryAckFollowsAForceThatCoveredIt() throws Exception {
        FaultyChannels channels = new FaultyChannels();
        int threads = 4;
        int perThread = 500;
        int size = 40;
        long recordBytes = RecordFormat.recordBytes(size);
        AtomicInteger violations = new AtomicInteger();
        try (EventLog log = EventLog.open(dir, Config.defaults().withChannelFactory(channels))) {
            List<CompletableFuture<Long>> all = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        CompletableFuture<Long> f = log.append(RecordType.REWARD, padded(id + "/" + i, size));
                        f.whenComplete((offset, e) -> {
                            if (e != null || channels.bytesForced < (offset + 1) * recordBytes) {
                                violations.incrementAndGet();
                            }
                        });
                        all.add(f);
                    }
                }));
            }
            for (Thread w : workers) {
                w.join();
            }
            for (CompletableFuture<Long> f : all) {
                ack(f);
            }
            assertEquals(0, violations.get());
            assertTrue(channels.forces.get() < threads * perThread,
                    "group commit should force fewer times than there are records: " + channels.forces.get());
        }
    }

    @Test
    void aFullQueueRefusesAtOnce() throws Exception {
        FaultyChannels channels = new FaultyChannels();
        Config config = Config.defaults().withQueueCapacity(4).withChannelFactory(channels);
        try (EventLog log = EventLog.open(dir, config)) {
            channels.closeGate();
            List<CompletableFuture<Long>> accepted = new ArrayList<>();
            accepted.add(log.append(RecordType.DECISION, bytes("in the writer")));
            assertTrue(channels.forceEntered.tryAcquire(10, TimeUnit.SECONDS));
            for (int i = 0; i < 4; i++) {
                accepted.add(log.append(RecordType.DECISION, bytes("queued " + i)));
            }
            LogOverloadedException e = assertThrows(LogOverloadedException.class,
                    () -> log.append(RecordType.DECISION, bytes("one too many")));
            assertTrue(e.getMessage().contains("4"), e.getMessage());
            channels.openGate();
            for (int i = 0; i < accepted.size(); i++) {
                assertEquals(i, ack(accepted.get(i)));
            }
            assertEquals(5, log.nextOffset());
            assertFalse(texts(readAll(log)).contains("one too many"));
        }
    }

    @Test
    void closeFinishesQueuedAppendsAndLaterAppendsAreRefused() throws Exception {
        EventLog log = EventLog.open(dir);
        List<CompletableFuture<Long>> acks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            acks.add(log.append(RecordType.REWARD, bytes("r" + i)));
        }
        log.close();
        log.close(); // idempotent
        for (int i = 0; i < 100; i++) {
            assertEquals(i, ack(acks.get(i)));
        }
        assertThrows(LogUnavailableException.class, () -> log.append(RecordType.REWARD, bytes("late")));
        try (EventLog again = EventLog.open(dir)) {
            assertEquals(100, again.nextOffset());
        }
    }

    @Test
    void oneFolderCannotBeOpenedTwice() throws Exception {
        try (EventLog log = EventLog.open(dir)) {
            IOException e = assertThrows(IOException.class, () -> EventLog.open(dir));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            assertEquals(0, log.nextOffset());
        }
        EventLog.open(dir).close(); // the lock is released on close
    }

    @Test
    void badArgumentsAreReportedWithTheLimit() throws Exception {
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> Config.defaults().withQueueCapacity(0));
        assertEquals("queueCapacity must be in [1, 16777216], got 0", c.getMessage());
        try (EventLog log = EventLog.open(dir, Config.defaults().withMaxRecordBytes(16))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> log.append(RecordType.DECISION, new byte[17]));
            assertTrue(e.getMessage().contains("maxRecordBytes is 16"), e.getMessage());
            ack(log.append(RecordType.DECISION, new byte[16]));
            assertThrows(IllegalArgumentException.class, () -> log.replay(2, (o, t, p) -> {}));
            assertThrows(IllegalArgumentException.class, () -> log.replay(-1, (o, t, p) -> {}));
        }
    }

    @Test
    void asyncModeAcknowledgesBeforeTheForceAndLosesNothingOnClose() throws Exception {
        FaultyChannels channels = new FaultyChannels();
        Config config = Config.defaults().withDurability(Durability.ASYNC).withChannelFactory(channels);
        EventLog log = EventLog.open(dir, config);
        channels.closeGate();
        List<CompletableFuture<Long>> acks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            acks.add(log.append(RecordType.REWARD, bytes("async " + i)));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(i, ack(acks.get(i))); // forces are held, yet the appends are acknowledged
        }
        assertEquals(0, channels.forces.get());
        channels.openGate();
        log.sync();
        log.close();
        try (EventLog again = EventLog.open(dir)) {
            assertEquals(20, readAll(again).size());
        }
    }

    @Test
    void writerCallbacksMayAppendButNotClose() throws Exception {
        FaultyChannels channels = new FaultyChannels();
        EventLog log = EventLog.open(dir, Config.defaults().withChannelFactory(channels));
        try {
            CompletableFuture<Long> chained = log.append(RecordType.DECISION, bytes("a"))
                    .thenCompose(o -> log.append(RecordType.ACTIVATE, bytes("after " + o)));
            assertEquals(1, ack(chained));
            channels.closeGate();
            CompletableFuture<Long> held = log.append(RecordType.DECISION, bytes("b"));
            assertTrue(channels.forceEntered.tryAcquire(10, TimeUnit.SECONDS));
            Throwable[] seen = new Throwable[1];
            CompletableFuture<Long> closing = held.whenComplete((o, e) -> {
                try {
                    log.close(); // runs on the writer thread: the force is still held
                } catch (Exception | Error x) {
                    seen[0] = x;
                }
            });
            channels.openGate();
            closing.get(10, TimeUnit.SECONDS);
            assertInstanceOf(IllegalStateException.class, seen[0]);
            assertEquals(3, ack(log.append(RecordType.DECISION, bytes("still open"))));
        } finally {
            log.close();
        }
    }
}
