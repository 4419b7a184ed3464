package dev.proxima.serve.log;

import static dev.proxima.serve.log.LogTesting.ack;
import static dev.proxima.serve.log.LogTesting.bytes;
import static dev.proxima.serve.log.LogTesting.failure;
import static dev.proxima.serve.log.LogTesting.padded;
import static dev.proxima.serve.log.LogTesting.readAll;
import static dev.proxima.serve.log.LogTesting.segmentFiles;
import static dev.proxima.serve.log.LogTesting.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.serve.log.EventLog.Config;
import dev.proxima.serve.log.EventLog.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk full and I/O errors: the failed records are refused with {@link LogUnavailableException},
 * never acknowledged, never replayed, and the log works again once the fault is gone.
 */
class FaultInjectionTest {
    @TempDir
    Path dir;

    private static final int SIZE = 200;
    private static final int RECORD = RecordFormat.recordBytes(SIZE);

    private static byte[] rec(String tag) {
        return padded(tag, SIZE);
    }

    private static List<String> tags(EventLog log) throws Exception {
        return texts(readAll(log)).stream().map(s -> s.replace(".", "")).toList();
    }

    private static void assertUnavailable(CompletableFuture<Long> f) throws Exception {
        Throwable cause = failure(f);
        assertInstanceOf(LogUnavailableException.class, cause);
        assertTrue(cause.getMessage().contains("No space left on device") || cause.getMessage().contains("injected"),
                cause.getMessage());
    }

    @Test
    void diskFullRefusesTheBatchAndTheLogWorksAgainWhenSpaceReturns() throws Exception {
        FaultyChannels channels = new FaultyChannels();
        Path segment;
        try (EventLog log = EventLog.open(dir, Config.defaults().withChannelFactory(channels))) {
            for (int i = 0; i < 10; i++) {
                assertEquals(i, ack(log.append(RecordType.DECISION, rec("ok" + i))));
            }
            segment = segmentFiles(dir).getFirst();
            channels.writeBudget.set(RECORD / 2); // half a record fits, then the disk is full
            List<CompletableFuture<Long>> failed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                failed.add(log.append(RecordType.REWARD, rec("lost" + i)));
            }
            for (CompletableFuture<Long> f : failed) {
                assertUnavailable(f);
            }
            assertEquals(10L * RECORD, Files.size(segment), "the half-written record must be cut off");
            assertEquals(10, log.nextOffset());
            CompletableFuture<Long> stillFull = log.append(RecordType.REWARD, rec("lost again"));
            assertUnavailable(stillFull);

            channels.writeBudget.set(Long.MAX_VALUE); // space returns
            assertEquals(10, ack(log.append(RecordType.REWARD, rec("back"))));
            assertEquals(11, ack(log.append(RecordType.REWARD, rec("back2"))));
        }
        try (EventLog log = EventLog.open(dir)) {
            assertNull(log.recovery().tornTail());
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                expected.add("ok" + i);
            }
            expected.add("back");
            expected.add("back2");
            assertEquals(expected, tags(log));
        }
    }

    @Test
    void aBatchThatRunsOutOfSpaceHalfwayIsRefusedWhole() throws Exception {
        FaultyChannels channels = new FaultyChannels();
        try (EventLog log = EventLog.open(dir, Config.defaults().withChannelFactory(channels))) {
            channels.closeGate();
            CompletableFuture<Long> first = log.append(RecordType.DECISION, rec("first"));
            assertTrue(channels.forceEntered.tryAcquire(10, TimeUnit.SECONDS));
            // While the first record's force is held, five more queue up and will form one batch;
            // the disk has room for two and a half of them.
            channels.writeBudget.set(RECORD * 5L / 2);
            List<CompletableFuture<Long>> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(log.append(RecordType.REWARD, rec("batch" + i)));
            }
            channels.openGate();
            assertEquals(0, ack(first));
            for (CompletableFuture<Long> f : batch) {
                assertUnavailable(f);
            }
            assertEquals(RECORD, Files.size(segmentFiles(dir).getFirst()));
            channels.writeBudget.set(Long.MAX_VALUE);
            assertEquals(1, ack(log.append(RecordType.REWARD, rec("after"))));
        }
        try (EventLog log = EventLog.open(dir)) {
            assertEquals(List.of("first", "after"), tags(log));
        }
    }

    @Test
    void aFailedForceRefusesTheRecordAndRemovesItsBytes() throws Exception {
        FaultyChannels channels = new FaultyChannels();
        try (EventLog log = EventLog.open(dir, Config.defaults().withChannelFactory(channels))) {
            assertEquals(0, ack(log.append(RecordType.DECISION, rec("kept"))));
            channels.forcesToFail.set(1);
            CompletableFuture<Long> f = log.append(RecordType.DECISION, rec("written but not forced"));
            Throwable cause = failure(f);
            assertInstanceOf(LogUnavailableException.class, cause);
            assertTrue(cause.getMessage().contains("fsync failed"), cause.getMessage());
            assertEquals(RECORD, Files.size(segmentFiles(dir).getFirst()));
            assertEquals(1, ack(log.append(RecordType.DECISION, rec("next"))));
        }
        try (EventLog log = EventLog.open(dir)) {
            assertEquals(List.of("kept", "next"), tags(log));
        }
    }

    @Test
    void aFailedRepairIsRetriedBeforeTheNextBatch() throws Exception {
        FaultyChannels channels = new FaultyChannels();
        try (EventLog log = EventLog.open(dir, Config.defaults().withChannelFactory(channels))) {
            assertEquals(0, ack(log.append(RecordType.DECISION, rec("kept"))));
            channels.forcesToFail.set(2); // the batch's force and the repair's force both fail
            assertInstanceOf(LogUnavailableException.class, failure(log.append(RecordType.DECISION, rec("lost"))));
            assertEquals(1, ack(log.append(RecordType.DECISION, rec("next"))));
        }
        try (EventLog log = EventLog.open(dir)) {
            assertEquals(List.of("kept", "next"), tags(log));
        }
    }

    @Test
    void aSegmentThatCannotBeCreatedRefusesTheBatchAndIsCreatedLater() throws Exception {
        FaultyChannels channels = new FaultyChannels();
        Config config = Config.defaults().withSegmentBytes(RECORD * 2L).withChannelFactory(channels);
        try (EventLog log = EventLog.open(dir, config)) {
            assertEquals(0, ack(log.append(RecordType.DECISION, rec("a"))));
            assertEquals(1, ack(log.append(RecordType.DECISION, rec("b"))));
            channels.opensToFail.set(1); // the roll to a new segment fails
            assertInstanceOf(LogUnavailableException.class, failure(log.append(RecordType.DECISION, rec("lost"))));
            assertEquals(1, segmentFiles(dir).size());
            assertEquals(2, ack(log.append(RecordType.DECISION, rec("c"))));
            assertEquals(2, segmentFiles(dir).size());
        }
        try (EventLog log = EventLog.open(dir)) {
            assertEquals(List.of("a", "b", "c"), tags(log));
        }
    }

    @Test
    void asyncModeAlsoRefusesWhatItCouldNotWrite() throws Exception {
        FaultyChannels channels = new FaultyChannels();
        Config config = Config.defaults().withDurability(Durability.ASYNC).withChannelFactory(channels);
        try (EventLog log = EventLog.open(dir, config)) {
            assertEquals(0, ack(log.append(RecordType.DECISION, rec("a"))));
            channels.writeBudget.set(10);
            assertUnavailable(log.append(RecordType.DECISION, rec("lost")));
            channels.writeBudget.set(Long.MAX_VALUE);
            assertEquals(1, ack(log.append(RecordType.DECISION, rec("b"))));
        }
        try (EventLog log = EventLog.open(dir)) {
            assertEquals(List.of("a", "b"), tags(log));
        }
    }
}
