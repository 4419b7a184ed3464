package dev.proxima.serve.log;

import static dev.proxima.serve.log.LogTesting.ack;
import static dev.proxima.serve.log.LogTesting.bytes;
import static dev.proxima.serve.log.LogTesting.readAll;
import static dev.proxima.serve.log.LogTesting.segmentFiles;
import static dev.proxima.serve.log.LogTesting.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.serve.log.EventLog.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log whose tail segment is extended with zeros ahead of its records: the files hold exactly
 * the records plus zeros, rolled segments are trimmed, and a reopen (after a clean close or from
 * files copied while the log was running, as after {@code kill -9}) finds every record and no
 * torn tail.
 */
class PreallocationTest {
    static final long SEGMENT = 16 << 10, AHEAD = 4 << 10;

    @TempDir
    Path dir;

    @TempDir
    Path copy;

    static Config config() {
        return Config.defaults().withSegmentBytes(SEGMENT).withPreallocateBytes(AHEAD);
    }

    static List<String> expected(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add("record-" + i);
        return out;
    }

    static void append(EventLog log, int from, int to) throws Exception {
        CompletableFuture<Long> last = null;
        for (int i = from; i < to; i++) last = log.append(RecordType.DECISION, bytes("record-" + i));
        assertEquals(to - 1, ack(last));
    }

    @Test
    void tailIsExtendedAheadAndRolledSegmentsAreTrimmed() throws Exception {
        try (EventLog log = EventLog.open(dir, config())) {
            append(log, 0, 1000); // about 23 kB of records: one roll
            List<Path> files = segmentFiles(dir);
            assertEquals(2, files.size());
            long used = RecordFormat.recordBytes(bytes("record-0").length); // every record here has 8..10 payload bytes
            assertTrue(Files.size(files.getFirst()) <= SEGMENT && Files.size(files.getFirst()) > SEGMENT - 2 * used,
                    "the rolled segment holds only records: " + Files.size(files.getFirst()));
            long tailRecords = 0;
            for (var r : readAll(log)) {
                if (r.offset() >= Long.parseLong(files.getLast().getFileName().toString().substring(0, 20))) {
                    tailRecords += RecordFormat.recordBytes(r.payload().length);
                }
            }
            long tailSize = Files.size(files.getLast());
            assertTrue(tailSize > tailRecords && tailSize <= Math.min(SEGMENT, tailRecords + AHEAD + 2 * used),
                    "tail of " + tailSize + " bytes for " + tailRecords + " bytes of records");
        }
        try (EventLog log = EventLog.open(dir, config())) {
            assertNull(log.recovery().tornTail());
            assertEquals(0, log.recovery().truncatedBytes());
            assertEquals(expected(1000), texts(readAll(log)));
            append(log, 1000, 1100);
            assertEquals(expected(1100), texts(readAll(log)));
        }
    }

    @Test
    void filesCopiedFromARunningLogRecoverEveryAcknowledgedRecord() throws Exception {
        try (EventLog log = EventLog.open(dir, config())) {
            append(log, 0, 300);
            for (Path f : segmentFiles(dir)) Files.copy(f, copy.resolve(f.getFileName())); // as kill -9 leaves them
        }
        try (EventLog log = EventLog.open(copy, config())) {
            assertNull(log.recovery().tornTail(), "preallocated zeros are not a torn write");
            assertEquals(expected(300), texts(readAll(log)));
            append(log, 300, 400);
        }
        try (EventLog log = EventLog.open(copy, Config.defaults().withSegmentBytes(SEGMENT))) {
            assertEquals(expected(400), texts(readAll(log)), "a log without preallocation reads it too");
        }
    }
}
