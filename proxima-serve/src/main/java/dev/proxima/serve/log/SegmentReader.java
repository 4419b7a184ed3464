package dev.proxima.serve.log;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads the records of one segment from the start and checks each one. It stops at the end of the
 * file or at the first record that is cut short, runs past the end, fails its CRC or has an unknown
 * type; {@link #problem()} then says which, and {@link #position()} is where the valid prefix ends.
 */
final class SegmentReader implements AutoCloseable {
    private final DataInputStream in;
    private final long size;
    private final CRC32C crc = new CRC32C();
    private long position;
    private RecordType type;
    private byte[] payload;
    private String problem;

    /** Reads the file as it is now; bytes appended later are not seen. */
    SegmentReader(Path file) throws IOException {
        this.size = Files.size(file);
        this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /**
     * Moves to the next record.
     *
     * @return true if a valid record was read; false at a clean end of file (its end, or a run of
     *     zeros to its end: preallocated space) or at an invalid record (then {@link #problem()} is set)
     */
    boolean next() throws IOException {
        type = null;
        payload = null;
        if (problem != null) {
            return false;
        }
        long remaining = size - position;
        if (remaining == 0) {
            return false;
        }
        if (remaining < RecordFormat.HEADER_BYTES) {
            problem = "the record header is cut short (" + remaining + " of " + RecordFormat.HEADER_BYTES
                    + " bytes present)";
            return false;
        }
        int length = in.readInt();
        int stored = in.readInt();
        int code = in.readUnsignedByte();
        long room = remaining - RecordFormat.HEADER_BYTES;
        if (length == 0 && stored == 0 && code == 0) {
            // No record has type 0: this is preallocated space, the clean end, if only zeros follow.
            if (!onlyZerosFollow(room)) {
                problem = "a zero record header is followed by non-zero bytes";
            }
            return false;
        }
        if (length < 0 || length > room) {
            problem = "the record length " + Integer.toUnsignedString(length) + " runs past the end of the file ("
                    + room + " payload bytes present)";
            return false;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        crc.reset();
        crc.update(code);
        crc.update(bytes);
        if ((int) crc.getValue() != stored) {
            problem = "the CRC does not match the record's content";
            return false;
        }
        RecordType t = RecordType.fromCode(code);
        if (t == null) {
            problem = "the record type " + code + " is unknown";
            return false;
        }
        position += RecordFormat.HEADER_BYTES + length;
        type = t;
        payload = bytes;
        return true;
    }

    private boolean onlyZerosFollow(long bytes) throws IOException {
        byte[] chunk = new byte[1 << 16];
        while (bytes > 0) {
            int n = (int) Math.min(chunk.length, bytes);
            in.readFully(chunk, 0, n);
            for (int i = 0; i < n; i++) {
                if (chunk[i] != 0) {
                    return false;
                }
            }
            bytes -= n;
        }
        return true;
    }

    /** Byte position just after the last valid record read. */
    long position() {
        return position;
    }

    long size() {
        return size;
    }

    RecordType type() {
        return type;
    }

    byte[] payload() {
        return payload;
    }

    /** Why reading stopped early, or {@code null} if it has not. */
    String problem() {
        return problem;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
