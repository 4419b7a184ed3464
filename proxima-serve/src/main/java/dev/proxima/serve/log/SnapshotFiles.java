package dev.proxima.serve.log;

import dev.proxima.core.io.AtomicFiles;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Snapshot files in the log folder, {@code snapshot-<20-digit offset>.snap}:
 *
 * <pre>
 *   8 bytes  magic "PXSNAP", then format version 0x00 0x01
 *   i64      coversUpToOffset (also in the file name; the two must agree)
 *   i32      state length
 *   i32      CRC32C of the 20 bytes above and the state
 *   state
 * </pre>
 *
 * Written through {@link AtomicFiles}: temporary file, force, atomic rename, force the folder.
 */
final class SnapshotFiles {
    private SnapshotFiles() {}

    private static final byte[] MAGIC = {'P', 'X', 'S', 'N', 'A', 'P', 0, 1};
    private static final int HEADER_BYTES = MAGIC.length + 8 + 4 + 4;
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".snap";

    static Path path(Path dir, long coversUpToOffset) {
        return dir.resolve(String.format("%s%020d%s", PREFIX, coversUpToOffset, SUFFIX));
    }

    static Path write(Path dir, long coversUpToOffset, byte[] state) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(HEADER_BYTES);
        head.put(MAGIC).putLong(coversUpToOffset).putInt(state.length);
        CRC32C crc = new CRC32C();
        crc.update(head.array(), 0, head.position());
        crc.update(state);
        head.putInt((int) crc.getValue());
        Path target = path(dir, coversUpToOffset);
        AtomicFiles.write(target, out -> {
            DataOutputStream data = new DataOutputStream(out);
            data.write(head.array());
            data.write(state);
            data.flush();
        });
        return target;
    }

    /** Snapshot files, newest (largest offset) first. */
    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> offsetOf(f) >= 0)
                    .sorted(Comparator.comparingLong(SnapshotFiles::offsetOf).reversed())
                    .toList();
        }
    }

    /** Deletes all but the {@code keep} newest snapshot files. */
    static void prune(Path dir, int keep) throws IOException {
        List<Path> all = list(dir);
        for (int i = keep; i < all.size(); i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    /** Removes temporary files a crash left behind while a snapshot was being written. */
    static void removeStaleTemporaries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("." + PREFIX) && name.endsWith(".tmp")) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * The newest snapshot that verifies and that the log can continue from, i.e. whose offset lies
     * within {@code [logStart, logEnd]}.
     */
    static SnapshotLookup latest(Path dir, long logStart, long logEnd) throws IOException {
        List<SnapshotLookup.Skipped> skipped = new ArrayList<>();
        for (Path file : list(dir)) {
            String reason;
            try {
                Snapshot s = read(file);
                if (s.coversUpToOffset() > logEnd) {
                    reason = "it covers the log up to offset " + s.coversUpToOffset()
                            + " but the log ends at offset " + logEnd;
                } else if (s.coversUpToOffset() < logStart) {
                    reason = "replay would start at offset " + s.coversUpToOffset()
                            + " but the log now starts at offset " + logStart + " (older segments were deleted)";
                } else {
                    return new SnapshotLookup(Optional.of(s), skipped);
                }
            } catch (CorruptSnapshotException e) {
                reason = e.getMessage();
            } catch (IOException e) {
                reason = "it cannot be read: " + e;
            }
            skipped.add(new SnapshotLookup.Skipped(file, reason));
        }
        return new SnapshotLookup(Optional.empty(), skipped);
    }

    static Snapshot read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < HEADER_BYTES) {
            throw new CorruptSnapshotException("it is " + bytes.length + " bytes long, shorter than the "
                    + HEADER_BYTES + "-byte header");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        for (byte b : MAGIC) {
            if (buf.get() != b) {
                throw new CorruptSnapshotException("it does not start with the snapshot magic and version");
            }
        }
        long offset = buf.getLong();
        int length = buf.getInt();
        int stored = buf.getInt();
        if (length < 0 || length != bytes.length - HEADER_BYTES) {
            throw new CorruptSnapshotException("its header announces " + Integer.toUnsignedString(length)
                    + " state bytes but " + (bytes.length - HEADER_BYTES) + " follow");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, HEADER_BYTES - 4);
        crc.update(bytes, HEADER_BYTES, length);
        if ((int) crc.getValue() != stored) {
            throw new CorruptSnapshotException("the CRC does not match its content");
        }
        if (offset != offsetOf(file)) {
            throw new CorruptSnapshotException("it records offset " + offset + " but its name says " + offsetOf(file));
        }
        byte[] state = new byte[length];
        System.arraycopy(bytes, HEADER_BYTES, state, 0, length);
        return new Snapshot(offset, state, file);
    }

    /** The offset in a snapshot file name, or -1 if the name is not a snapshot's. */
    static long offsetOf(Path file) {
        String name = file.getFileName().toString();
        if (name.length() != PREFIX.length() + 20 + SUFFIX.length() || !name.startsWith(PREFIX)
                || !name.endsWith(SUFFIX)) {
            return -1;
        }
        for (int i = PREFIX.length(); i < PREFIX.length() + 20; i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(name, PREFIX.length(), PREFIX.length() + 20, 10);
        } catch (NumberFormatException tooLarge) {
            return -1;
        }
    }

    /** A snapshot file whose content does not verify. */
    static final class CorruptSnapshotException extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptSnapshotException(String message) {
            super(message);
        }
    }
}
