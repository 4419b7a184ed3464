package dev.proxima.serve.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The byte layout of a segment and the names of the files in a log folder.
 *
 * <p>A record is {@code [u32 length][u32 crc][u8 type][payload]}, big-endian, where {@code length}
 * counts the payload bytes only and {@code crc} is the CRC32C of the type byte followed by the
 * payload. A segment is nothing but records back to back, with no file header.
 */
final class RecordFormat {
    private RecordFormat() {}

    /** Length, CRC and type. */
    static final int HEADER_BYTES = 9;

    private static final String SEGMENT_SUFFIX = ".log";

    static int recordBytes(int payloadLength) {
        return HEADER_BYTES + payloadLength;
    }

    static int crc(int typeCode, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(typeCode);
        crc.update(payload);
        return (int) crc.getValue();
    }

    /** Appends one framed record to {@code buf}. */
    static void put(ByteBuffer buf, RecordType type, byte[] payload) {
        buf.putInt(payload.length);
        buf.putInt(crc(type.code(), payload));
        buf.put((byte) type.code());
        buf.put(payload);
    }

    /** {@code 00000000000000001234.log}: twenty digits, so names sort like offsets. */
    static String segmentName(long baseOffset) {
        return String.format("%020d%s", baseOffset, SEGMENT_SUFFIX);
    }

    /** The base offset a segment file name stands for, or -1 if the name is not a segment's. */
    static long segmentBase(Path file) {
        String name = file.getFileName().toString();
        if (name.length() != 20 + SEGMENT_SUFFIX.length() || !name.endsWith(SEGMENT_SUFFIX)) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(name, 0, 20, 10);
        } catch (NumberFormatException tooLarge) {
            return -1;
        }
    }

    /** Writes all of {@code buf} at {@code position}, however many calls the channel needs. */
    static void writeFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = channel.write(buf, at);
            if (n <= 0) {
                throw new IOException("the file system accepted no bytes at position " + at);
            }
            at += n;
        }
    }

    /** Makes creations, renames and deletions in {@code dir} durable. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
