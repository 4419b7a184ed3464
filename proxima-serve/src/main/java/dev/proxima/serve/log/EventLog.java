package dev.proxima.serve.log;

import dev.proxima.core.util.Checks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only, CRC-checked event log with group commit: the decision service's source of
 * truth (serving spec §6.2–6.3).
 *
 * <p><b>Layout.</b> Segment files {@code <baseOffset>.seg} (20 digits) in one directory; an offset
 * is a record's sequence number. Record: 4-byte payload length, 4-byte CRC32C of type and payload,
 * 1 type byte, payload. Segments roll at {@link Config#segmentBytes}.
 *
 * <p><b>Durability.</b> {@link #append} queues a record and returns a future that completes with
 * its offset only after a single writer thread has written its batch and forced it to disk. If a
 * write or force fails (I/O error, full disk) the segment is cut back to the end of the last
 * acknowledged batch and the batch's futures fail with {@link LogUnavailableException}; later
 * appends try again, so the log resumes by itself when space returns. A full queue fails the
 * append at once with {@link LogOverloadedException}.
 *
 * <p><b>Recovery.</b> Opening verifies every record. An incomplete or corrupt record in the last
 * segment is a torn tail from a crash: the file is cut there (nothing after it was acknowledged).
 * The same in an earlier segment is corruption and fails loudly.
 *
 * <p><b>Snapshots</b> ({@link #writeSnapshot}) are written atomically with a CRC; the newest
 * {@link Config#snapshotsKept} are kept and {@link #latestSnapshot} skips corrupt ones.
 */
public final class EventLog implements AutoCloseable {
    private static final int HEADER = 9;

    /**
     * @param segmentBytes  size at which a new segment starts
     * @param queueCapacity appends waiting for the writer before {@link LogOverloadedException}
     * @param maxBatch      records written per force
     * @param snapshotsKept newest snapshots kept
     * @param channels      how segment files are opened (tests inject faults here)
     */
    public record Config(long segmentBytes, int queueCapacity, int maxBatch, int snapshotsKept,
                         SegmentChannel.Factory channels) {
        public Config {
            Checks.positive(segmentBytes, "segmentBytes");
            Checks.positive(queueCapacity, "queueCapacity");
            Checks.positive(maxBatch, "maxBatch");
            Checks.positive(snapshotsKept, "snapshotsKept");
        }

        public static Config defaults() {
            return new Config(64L << 20, 65_536, 4096, 3, SegmentChannel::open);
        }

        public Config withQueueCapacity(int capacity) {
            return new Config(segmentBytes, capacity, maxBatch, snapshotsKept, channels);
        }

        public Config withChannels(SegmentChannel.Factory factory) {
            return new Config(segmentBytes, queueCapacity, maxBatch, snapshotsKept, factory);
        }

        public Config withSegmentBytes(long bytes) {
            return new Config(bytes, queueCapacity, maxBatch, snapshotsKept, channels);
        }
    }

    /** Receives replayed records in offset order. */
    @FunctionalInterface
    public interface RecordConsumer {
        void accept(long offset, RecordType type, byte[] payload);
    }

    /** A snapshot: the state of everything before {@code offset}. */
    public record Snapshot(long offset, byte[] state, Path file) {}

    private record Pending(RecordType type, byte[] payload, CompletableFuture<Long> future) {}

    private record Segment(long baseOffset, Path file) {}

    private final Path directory;
    private final Config config;
    private final List<Segment> segments = new ArrayList<>();
    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    /**
     * Completes acknowledged futures off the writer thread, in offset order: callers' callbacks
     * (building HTTP responses) then never delay the next batch's write and force.
     */
    private final java.util.concurrent.ExecutorService completer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "proxima-event-log-acks");
        t.setDaemon(true);
        return t;
    });
    private SegmentChannel current;
    private long currentBase;
    private long committedSize;
    private volatile long nextOffset;
    private volatile boolean closed;

    private EventLog(Path directory, Config config) {
        this.directory = directory;
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.writer = new Thread(this::writeLoop, "proxima-event-log-writer");
        writer.setDaemon(true);
    }

    /** Opens the log in {@code directory} (created if needed), recovering from a crash if there was one. */
    public static EventLog open(Path directory, Config config) throws IOException {
        Files.createDirectories(directory.resolve("snapshots"));
        EventLog log = new EventLog(directory, config);
        log.recover();
        log.writer.start();
        return log;
    }

    private void recover() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
        long offset = 0;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            long base = Long.parseLong(f.getFileName().toString().replace(".seg", ""));
            if (base != offset) {
                throw new IOException("event log " + f + " starts at offset " + base + " but the previous segment ends at "
                        + offset);
            }
            boolean tail = i == files.size() - 1;
            long[] scan = scan(f, base, null, tail);
            segments.add(new Segment(base, f));
            offset = base + scan[0];
            if (scan[1] < Files.size(f)) {
                if (!tail) {
                    throw new IOException("event log segment " + f + " is corrupt at byte " + scan[1]
                            + " (a record fails its length or CRC check before the last segment)");
                }
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    ch.truncate(scan[1]);
                    ch.force(true);
                }
            }
        }
        nextOffset = offset;
        if (segments.isEmpty()) {
            roll(0);
        } else {
            Segment last = segments.get(segments.size() - 1);
            current = config.channels().open(last.file());
            currentBase = last.baseOffset();
            committedSize = current.size();
        }
    }

    /**
     * Reads a segment's valid records; returns {count, bytes of the valid prefix}. With a consumer,
     * hands it the records at offsets ≥ {@code from} (encoded in consumer's closure).
     */
    private static long[] scan(Path file, long base, RecordConsumer consumer, boolean tail) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long count = 0;
        int pos = 0;
        while (pos + HEADER <= bytes.length) {
            int length = b.getInt(pos);
            int crc = b.getInt(pos + 4);
            if (length < 0 || pos + HEADER + length > bytes.length) {
                break;
            }
            CRC32C c = new CRC32C();
            c.update(bytes, pos + 8, 1 + length);
            RecordType type = RecordType.of(bytes[pos + 8]);
            if ((int) c.getValue() != crc || type == null) {
                break;
            }
            if (consumer != null) {
                byte[] payload = new byte[length];
                System.arraycopy(bytes, pos + HEADER, payload, 0, length);
                consumer.accept(base + count, type, payload);
            }
            count++;
            pos += HEADER + length;
        }
        return new long[] {count, pos};
    }

    private void roll(long base) throws IOException {
        if (current != null) {
            current.close();
        }
        Path f = directory.resolve(String.format("%020d.seg", base));
        current = config.channels().open(f);
        currentBase = base;
        committedSize = current.size();
        segments.add(new Segment(base, f));
        forceDirectory(directory);
    }

    /** Queues a record; the future completes with its offset once it is on disk. */
    public CompletableFuture<Long> append(RecordType type, byte[] payload) {
        if (closed) {
            throw new IllegalStateException("the event log is closed");
        }
        CompletableFuture<Long> f = new CompletableFuture<>();
        if (!queue.offer(new Pending(type, payload.clone(), f))) {
            throw new LogOverloadedException("event log queue is full (" + config.queueCapacity() + " records)");
        }
        return f;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(config.maxBatch());
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.maxBatch() - 1);
                writeBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void writeBatch(List<Pending> batch) {
        int bytes = 0;
        for (Pending p : batch) bytes += HEADER + p.payload().length;
        ByteBuffer buf = ByteBuffer.allocate(bytes);
        for (Pending p : batch) {
            CRC32C c = new CRC32C();
            c.update(p.type().code);
            c.update(p.payload());
            buf.putInt(p.payload().length).putInt((int) c.getValue()).put(p.type().code).put(p.payload());
        }
        buf.flip();
        long first = nextOffset;
        try {
            if (committedSize > 0 && committedSize + bytes > config.segmentBytes()) {
                roll(first);
            }
            current.write(buf);
            current.force();
            committedSize += bytes;
            nextOffset = first + batch.size();
        } catch (IOException | RuntimeException e) {
            try {
                current.truncate(committedSize); // nothing of a failed batch may survive into a replay
            } catch (IOException ignored) {
                // recovery's CRC scan still drops a partial record at the tail
            }
            LogUnavailableException failure = new LogUnavailableException("cannot write the event log: " + e.getMessage(), e);
            List<Pending> failed = List.copyOf(batch);
            completer.execute(() -> failed.forEach(p -> p.future().completeExceptionally(failure)));
            return;
        }
        List<Pending> done = List.copyOf(batch);
        completer.execute(() -> {
            for (int i = 0; i < done.size(); i++) done.get(i).future().complete(first + i);
        });
    }

    /** Offset the next appended record will get. */
    public long nextOffset() {
        return nextOffset;
    }

    /** Replays committed records with offsets ≥ {@code from}, in order (call before appending). */
    public void replay(long from, RecordConsumer consumer) throws IOException {
        for (Segment s : List.copyOf(segments)) {
            scan(s.file(), s.baseOffset(), (offset, type, payload) -> {
                if (offset >= from) {
                    consumer.accept(offset, type, payload);
                }
            }, true);
        }
    }

    /** Writes a snapshot covering every record before {@code offset}, atomically; keeps the newest few. */
    public synchronized void writeSnapshot(long offset, byte[] state) throws IOException {
        Path dir = directory.resolve("snapshots");
        ByteBuffer b = ByteBuffer.allocate(12 + state.length);
        CRC32C c = new CRC32C();
        c.update(state);
        b.putLong(offset).putInt((int) c.getValue()).put(state).flip();
        Path target = dir.resolve(String.format("snapshot-%020d.bin", offset));
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(dir);
        List<Path> all = snapshotFiles();
        for (int i = 0; i + config.snapshotsKept() < all.size(); i++) Files.deleteIfExists(all.get(i));
    }

    private List<Path> snapshotFiles() throws IOException {
        try (Stream<Path> s = Files.list(directory.resolve("snapshots"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList();
        }
    }

    /** The newest snapshot whose CRC verifies (older ones are tried when the newest is corrupt). */
    public Optional<Snapshot> latestSnapshot() throws IOException {
        List<Path> all = snapshotFiles();
        for (int i = all.size() - 1; i >= 0; i--) {
            byte[] bytes = Files.readAllBytes(all.get(i));
            if (bytes.length < 12) {
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            long offset = b.getLong();
            int crc = b.getInt();
            CRC32C c = new CRC32C();
            c.update(bytes, 12, bytes.length - 12);
            if ((int) c.getValue() == crc && offset <= nextOffset) {
                return Optional.of(new Snapshot(offset, java.util.Arrays.copyOfRange(bytes, 12, bytes.length), all.get(i)));
            }
        }
        return Optional.empty();
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems cannot open directories; the files themselves are forced
        }
    }

    /** Stops accepting appends, writes what is queued, and closes the segment. */
    @Override
    public void close() throws IOException {
        closed = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        completer.shutdown();
        try {
            completer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current.close();
    }
}
