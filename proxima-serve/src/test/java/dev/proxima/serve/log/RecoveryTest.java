package dev.proxima.serve.log;

import static dev.proxima.serve.log.LogTesting.ack;
import static dev.proxima.serve.log.LogTesting.bytes;
import static dev.proxima.serve.log.LogTesting.readAll;
import static dev.proxima.serve.log.LogTesting.segmentFiles;
import static dev.proxima.serve.log.LogTesting.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.serve.log.EventLog.Config;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery on open: a torn tail is cut off, damage anywhere else stops the open with a clear error. */
class RecoveryTest {
    @TempDir
    Path dir;

    private static final int N = 100;

    private static String text(int i) {
        return "record number " + i;
    }

    private static List<String> firstTexts(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(text(i));
        }
        return out;
    }

    /** Byte position of record {@code k} in a single-segment log of {@link #text} records. */
    private static long positionOf(int k) {
        long pos = 0;
        for (int i = 0; i < k; i++) {
            pos += RecordFormat.recordBytes(bytes(text(i)).length);
        }
        return pos;
    }

    private void writeRecords(Config config, int n) throws Exception {
        try (EventLog log = EventLog.open(dir, config)) {
            CompletableFuture<Long> last = null;
            for (int i = 0; i < n; i++) {
                last = log.append(RecordType.DECISION, bytes(text(i)));
            }
            assertEquals(n - 1, ack(last)); // futures complete in offset order
        }
    }

    private Path onlySegment() throws IOException {
        List<Path> files = segmentFiles(dir);
        assertEquals(1, files.size());
        return files.getFirst();
    }

    /** Opens the damaged log and checks it holds exactly the first {@code valid} records and works on. */
    private void assertRecoversTo(int valid, long cutBytes) throws Exception {
        try (EventLog log = EventLog.open(dir)) {
            EventLog.RecoveryReport report = log.recovery();
            assertEquals(cutBytes, report.truncatedBytes(), String.valueOf(report.tornTail()));
            assertNotNull(report.tornTail());
            assertEquals(valid, log.nextOffset());
            assertEquals(firstTexts(valid), texts(readAll(log)));
            assertEquals(valid, ack(log.append(RecordType.REWARD, bytes("after recovery"))));
        }
        try (EventLog log = EventLog.open(dir)) {
            assertNull(log.recovery().tornTail(), "the second open should find a clean log");
            List<String> expected = new ArrayList<>(firstTexts(valid));
            expected.add("after recovery");
            assertEquals(expected, texts(readAll(log)));
        }
    }

    @Test
    void garbageAfterTheLastRecordIsCut() throws Exception {
        writeRecords(Config.defaults(), N);
        byte[] garbage = new byte[333];
        new SplittableRandom(7).nextBytes(garbage);
        Files.write(onlySegment(), garbage, StandardOpenOption.APPEND);
        assertRecoversTo(N, garbage.length);
    }

    @Test
    void zerosAfterTheLastRecordAreTakenForPreallocatedSpace() throws Exception {
        writeRecords(Config.defaults(), N);
        Files.write(onlySegment(), new byte[4096], StandardOpenOption.APPEND);
        long size = Files.size(onlySegment());
        try (EventLog log = EventLog.open(dir)) {
            assertNull(log.recovery().tornTail(), "zeros at a record boundary are the clean end");
            assertEquals(0, log.recovery().truncatedBytes());
            assertEquals(N, log.nextOffset());
            assertEquals(N, ack(log.append(RecordType.REWARD, bytes("after recovery"))));
        }
        assertEquals(size, Files.size(onlySegment()), "the next record went into the zeros");
        try (EventLog log = EventLog.open(dir)) {
            List<String> expected = new ArrayList<>(firstTexts(N));
            expected.add("after recovery");
            assertEquals(expected, texts(readAll(log)));
        }
    }

    @Test
    void nonZeroBytesAfterAZeroHeaderAreATornTail() throws Exception {
        writeRecords(Config.defaults(), N);
        byte[] tail = new byte[4096];
        tail[100] = 7; // a later page of a record reached the disk, its header's page did not
        Files.write(onlySegment(), tail, StandardOpenOption.APPEND);
        assertRecoversTo(N, 4096);
    }

    @Test
    void aRecordCutShortInItsPayloadIsDropped() throws Exception {
        writeRecords(Config.defaults(), N);
        Path seg = onlySegment();
        long size = Files.size(seg);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(size - 5);
        }
        assertRecoversTo(N - 1, size - 5 - positionOf(N - 1));
    }

    @Test
    void aRecordCutShortInItsHeaderIsDropped() throws Exception {
        writeRecords(Config.defaults(), N);
        Path seg = onlySegment();
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(positionOf(N - 1) + 4);
        }
        assertRecoversTo(N - 1, 4);
    }

    @Test
    void aFlippedCrcByteCutsTheLogAtThatRecord() throws Exception {
        writeRecords(Config.defaults(), N);
        Path seg = onlySegment();
        long size = Files.size(seg);
        flipByte(seg, positionOf(95) + 5); // inside the CRC field of record 95
        assertRecoversTo(95, size - positionOf(95));
    }

    @Test
    void aFlippedPayloadByteCutsTheLogAtThatRecord() throws Exception {
        writeRecords(Config.defaults(), N);
        Path seg = onlySegment();
        long size = Files.size(seg);
        flipByte(seg, positionOf(N - 1) + RecordFormat.HEADER_BYTES + 2);
        assertRecoversTo(N - 1, size - positionOf(N - 1));
    }

    @Test
    void anImpossibleLengthCutsTheLogAtThatRecord() throws Exception {
        writeRecords(Config.defaults(), N);
        Path seg = onlySegment();
        long size = Files.size(seg);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).putInt(0, 0x7fff0000), positionOf(N - 2));
        }
        assertRecoversTo(N - 2, size - positionOf(N - 2));
    }

    @Test
    void onlyTheLastSegmentIsCutWhenTheTailIsTorn() throws Exception {
        writeRecords(Config.defaults().withSegmentBytes(256), N);
        List<Path> files = segmentFiles(dir);
        assertTrue(files.size() > 5);
        long lastBase = RecordFormat.segmentBase(files.getLast());
        Files.write(files.getLast(), bytes("torn"), StandardOpenOption.APPEND);
        try (EventLog log = EventLog.open(dir)) {
            assertEquals(4, log.recovery().truncatedBytes());
            assertTrue(log.recovery().tornTail().contains(files.getLast().toString()), log.recovery().tornTail());
            assertTrue(log.recovery().tornTail().contains("record offset " + N), log.recovery().tornTail());
            assertEquals(N, log.nextOffset());
            assertEquals(firstTexts(N), texts(readAll(log)));
        }
        assertEquals(files, segmentFiles(dir));
        assertTrue(lastBase < N);
    }

    @Test
    void damageInAnEarlierSegmentStopsTheOpenAndNamesTheFileAndPosition() throws Exception {
        writeRecords(Config.defaults().withSegmentBytes(256), N);
        List<Path> files = segmentFiles(dir);
        Path second = files.get(1);
        long base = RecordFormat.segmentBase(second);
        // the second record of the second segment
        long pos = RecordFormat.recordBytes(bytes(text((int) base)).length);
        flipByte(second, pos + RecordFormat.HEADER_BYTES);
        IOException e = assertThrows(IOException.class, () -> EventLog.open(dir));
        String m = e.getMessage();
        assertTrue(m.contains(second.toString()), m);
        assertTrue(m.contains("at byte " + pos), m);
        assertTrue(m.contains("record offset " + (base + 1)), m);
        assertTrue(m.contains("not the last segment"), m);
        assertEquals(files, segmentFiles(dir), "nothing may be deleted or cut");
    }

    @Test
    void aMissingSegmentStopsTheOpen() throws Exception {
        writeRecords(Config.defaults().withSegmentBytes(256), N);
        List<Path> files = segmentFiles(dir);
        Files.delete(files.get(2));
        IOException e = assertThrows(IOException.class, () -> EventLog.open(dir));
        assertTrue(e.getMessage().contains(files.get(3).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void aTailTornAtItsFirstByteLeavesAnEmptySegment() throws Exception {
        writeRecords(Config.defaults().withSegmentBytes(256), N);
        List<Path> files = segmentFiles(dir);
        // Simulate a crash just after a roll: a new segment with only a partial header.
        Path fresh = dir.resolve(RecordFormat.segmentName(N));
        Files.write(fresh, new byte[] {0, 0, 0});
        try (EventLog log = EventLog.open(dir)) {
            assertEquals(3, log.recovery().truncatedBytes());
            assertEquals(N, ack(log.append(RecordType.EXPIRE, bytes("x"))));
        }
        assertEquals(files.size() + 1, segmentFiles(dir).size());
        assertEquals(0, Files.size(fresh) - RecordFormat.recordBytes(1));
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, position);
            b.put(0, (byte) (b.get(0) ^ 0x5a));
            ch.write(b.rewind(), position);
        }
    }
}
