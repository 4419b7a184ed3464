package dev.proxima.serve.log;

import dev.proxima.core.util.Records;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * The decision service's source of truth: an append-only log of CRC-framed records in a folder of
 * segment files, with group commit, crash recovery, snapshots and retention.
 *
 * <h2>Offsets</h2>
 * An offset is a record's sequence number: the first record ever appended has offset 0, the next
 * 1, and so on, with no gaps. Offsets survive retention: after old segments are deleted the log
 * starts at a later offset ({@link #startOffset()}) but every remaining record keeps its number.
 * A segment file is named after the offset of its first record ({@code 00000000000000004096.log})
 * and is rolled when the next record would take it past {@link Config#segmentBytes()}. Records are
 * framed as described in {@link RecordFormat}: {@code [u32 length][u32 CRC32C][u8 type][payload]}.
 *
 * <h2>Group commit</h2>
 * {@link #append} puts the record on a bounded queue and returns at once. A single writer thread
 * takes everything that queued up while it was busy (up to {@link Config#maxBatchRecords()} records
 * and {@link Config#maxBatchBytes()} bytes), writes it with one positional write, forces it to the
 * device once, and only then completes the futures, in offset order. A full queue makes
 * {@code append} throw {@link LogOverloadedException} at once. If the write or the force fails,
 * every future of the batch that was not yet durable fails with {@link LogUnavailableException},
 * the segment is cut back to its last acknowledged byte and forced, and later appends are tried
 * afresh: once the disk has room again the log simply works.
 *
 * <p>Futures are completed on the writer thread, so a dependent action attached with a non-async
 * method ({@code thenApply}, {@code whenComplete}) runs there and delays the next batch; keep such
 * actions short or use the {@code ...Async} variants.
 *
 * <h2>Durability</h2>
 * {@link Durability#SYNC} (the default) acknowledges a record only after {@code FileChannel.force}
 * returned for it. {@link Durability#ASYNC} acknowledges after the write, before the force, and a
 * second thread forces the tail segment back to back whenever acknowledged records are not yet
 * forced (the writer itself forces only before rolling a segment). Its loss window: a process
 * crash ({@code kill -9}) loses nothing, because the written bytes are in the operating system's
 * page cache; a power loss or kernel crash loses the records acknowledged since the start of the
 * last completed force, which is about two force durations (on the project's disk 3–7 ms each,
 * with stalls up to about 80 ms). {@link #sync()}, {@link #writeSnapshot} and {@link #close()}
 * close the window.
 *
 * <h2>Recovery</h2>
 * {@link #open} checks every record of every segment. The first record in the last segment that is
 * cut short or fails its CRC marks a torn write from a crash: the segment is truncated there (see
 * {@link #recovery()}). The same in any earlier segment is damage, and opening fails with an
 * {@link IOException} naming the file and byte position, because earlier segments were complete and
 * forced before the next one was created. Segments must also follow each other without gaps.
 *
 * <h2>Snapshots and retention</h2>
 * {@link #writeSnapshot} stores a CRC-checked state blob that reflects the records below a given
 * offset and keeps the newest {@link Config#snapshotsToKeep()}; {@link #latestSnapshot()} returns the
 * newest that verifies. {@link #deleteSegmentsCoveredBy} drops whole segments below an offset. To
 * keep the fallback to an older snapshot possible, pass the offset of the oldest snapshot kept.
 *
 * <p>One process at a time may open a folder: {@code open} takes an exclusive lock on a file in it.
 * All methods are safe to call from any thread.
 */
public final class EventLog implements AutoCloseable {
    /** When an append is acknowledged. */
    public enum Durability {
        /** After the record was written and forced to the device. */
        SYNC,
        /** After the record was written to the operating system, before it is forced. */
        ASYNC
    }

    /**
     * Opens segment files for writing; tests substitute channels that fail on purpose. Reads during
     * recovery and replay do not go through it.
     */
    @FunctionalInterface
    public interface ChannelFactory {
        FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException;
    }

    /** Opens real files. */
    public static final ChannelFactory FILE_CHANNELS = FileChannel::open;

    /**
     * Settings of a log.
     *
     * @param segmentBytes a segment is rolled when the next record would make it larger (a single
     *     larger record gets a segment of its own); default 64 MiB
     * @param queueCapacity appends waiting for the writer before {@link LogOverloadedException}
     * @param maxBatchRecords records written and forced together at most
     * @param maxBatchBytes framed bytes written and forced together at most (one larger record still
     *     goes alone)
     * @param maxRecordBytes largest payload {@link #append} accepts
     * @param durability when appends are acknowledged
     * @param snapshotsToKeep snapshot files kept after a new one is written
     * @param channelFactory opens segment files for writing
     * @param preallocateBytes the tail segment is extended with zeros this far ahead of its records
     *     (0: off), so that a force need not also commit a new file size: on ext4 that journal commit
     *     made forces of a growing file stall for up to 100 ms, against 6 ms for a preallocated one
     */
    public record Config(long segmentBytes, int queueCapacity, int maxBatchRecords, int maxBatchBytes,
            int maxRecordBytes, Durability durability, int snapshotsToKeep, ChannelFactory channelFactory,
            long preallocateBytes) {
        private static final int MAX_BATCH_BYTES_LIMIT = 256 << 20;
        private static final int MAX_RECORD_BYTES_LIMIT = 1 << 30;

        public Config {
            requireRange("segmentBytes", segmentBytes, 1, Long.MAX_VALUE);
            requireRange("queueCapacity", queueCapacity, 1, 1 << 24);
            requireRange("maxBatchRecords", maxBatchRecords, 1, 1 << 20);
            requireRange("maxBatchBytes", maxBatchBytes, 1, MAX_BATCH_BYTES_LIMIT);
            requireRange("maxRecordBytes", maxRecordBytes, 0, MAX_RECORD_BYTES_LIMIT);
            Objects.requireNonNull(durability, "durability");
            requireRange("snapshotsToKeep", snapshotsToKeep, 1, 1000);
            Objects.requireNonNull(channelFactory, "channelFactory");
            requireRange("preallocateBytes", preallocateBytes, 0, 1L << 30);
        }

        private static void requireRange(String field, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], got " + value);
            }
        }

        /** 64 MiB segments, 8192 queued appends, batches of up to 1024 records or 4 MiB, SYNC, no preallocation. */
        public static Config defaults() {
            return new Config(64L << 20, 8192, 1024, 4 << 20, 8 << 20, Durability.SYNC, 3, FILE_CHANNELS, 0);
        }

        public Config withSegmentBytes(long v) {
            return Records.with(this, "segmentBytes", v);
        }

        public Config withQueueCapacity(int v) {
            return Records.with(this, "queueCapacity", v);
        }

        public Config withMaxBatchRecords(int v) {
            return Records.with(this, "maxBatchRecords", v);
        }

        public Config withMaxBatchBytes(int v) {
            return Records.with(this, "maxBatchBytes", v);
        }

        public Config withMaxRecordBytes(int v) {
            return Records.with(this, "maxRecordBytes", v);
        }

        public Config withDurability(Durability v) {
            return Records.with(this, "durability", v);
        }

        public Config withSnapshotsToKeep(int v) {
            return Records.with(this, "snapshotsToKeep", v);
        }

        public Config withPreallocateBytes(long v) {
            return Records.with(this, "preallocateBytes", v);
        }

        public Config withChannelFactory(ChannelFactory v) {
            return Records.with(this, "channelFactory", v);
        }
    }

    /**
     * What {@link #open} found.
     *
     * @param segments segment files in the log
     * @param startOffset offset of the oldest record still in the log
     * @param nextOffset offset the next appended record gets
     * @param truncatedBytes bytes cut from the end of the last segment (0 if it ended cleanly)
     * @param tornTail what was cut and why, or {@code null} if nothing was
     */
    public record RecoveryReport(int segments, long startOffset, long nextOffset, long truncatedBytes,
            String tornTail) {}

    private static final String LOCK_FILE = "event-log.lock";
    private static final long IDLE_POLL_MILLIS = 50;
    private static final Set<StandardOpenOption> CREATE_SEGMENT =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    private static final Set<StandardOpenOption> OPEN_SEGMENT =
            Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE);

    private record Segment(long base, Path path) {}

    private static final class Pending {
        final RecordType type;
        final byte[] payload;
        final CompletableFuture<Long> future = new CompletableFuture<>();

        Pending(RecordType type, byte[] payload) {
            this.type = type;
            this.payload = payload;
        }

        int bytes() {
            return RecordFormat.recordBytes(payload.length);
        }
    }

    private final Path dir;
    private final Config config;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final RecoveryReport recovery;
    private final ArrayBlockingQueue<Pending> queue;
    private final Thread writer;
    /** ASYNC mode only: forces acknowledged records in the background. */
    private final Thread flusher;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean writerStopped;

    /** Oldest first; the last one is the tail being written. Replaced whole under segmentsGuard. */
    private volatile List<Segment> segments;
    private final Object segmentsGuard = new Object();
    /** Replays hold it shared, deletion of segments exclusively. */
    private final ReentrantReadWriteLock retention = new ReentrantReadWriteLock();
    /** One past the last acknowledged record. */
    private volatile long committedNext;
    /** One past the last record known to be forced. */
    private volatile long durableNext;
    private final Object snapshotGuard = new Object();

    // Writer state, guarded by io.
    private final ReentrantLock io = new ReentrantLock();
    private final Condition unforced = io.newCondition();
    private FileChannel tail;
    private long tailBytes;
    /** Size of the tail file: its records, then zeros up to here ({@link Config#preallocateBytes()}). */
    private long allocatedBytes;
    private boolean needsRepair;
    private boolean dirSyncPending;
    private boolean flusherStop;
    private ByteBuffer buffer;
    private IOException closeFailure;

    /** Opens (creating if needed) the log in {@code dir} with {@link Config#defaults()}. */
    public static EventLog open(Path dir) throws IOException {
        return open(dir, Config.defaults());
    }

    /**
     * Opens (creating if needed) the log in {@code dir}, recovering it as described in the class
     * documentation, and starts its writer thread.
     *
     * @throws IOException if the folder is locked by another open log, or a segment other than the
     *     last is damaged, or segments are missing
     */
    public static EventLog open(Path dir, Config config) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(config, "config");
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                throw new IOException("the event log in " + dir + " is already open in this process");
            }
            if (lock == null) {
                throw new IOException("the event log in " + dir + " is open in another process");
            }
            EventLog log = new EventLog(dir, config, lockChannel, lock);
            log.writer.start();
            if (log.flusher != null) {
                log.flusher.start();
            }
            return log;
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
    }

    private EventLog(Path dir, Config config, FileChannel lockChannel, FileLock lock) throws IOException {
        this.dir = dir;
        this.config = config;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        SnapshotFiles.removeStaleTemporaries(dir);
        this.recovery = recover();
        this.writer = Thread.ofPlatform().name("proxima-event-log-writer").daemon(true).unstarted(this::runWriter);
        this.flusher = config.durability() == Durability.ASYNC
                ? Thread.ofPlatform().name("proxima-event-log-flusher").daemon(true).unstarted(this::runFlusher)
                : null;
    }

    private RecoveryReport recover() throws IOException {
        List<Segment> found = listSegments();
        if (found.isEmpty()) {
            Path first = dir.resolve(RecordFormat.segmentName(0));
            tail = config.channelFactory().open(first, CREATE_SEGMENT);
            try {
                RecordFormat.forceDirectory(dir);
            } catch (IOException | RuntimeException e) {
                tail.close();
                throw e;
            }
            segments = List.of(new Segment(0, first));
            return new RecoveryReport(1, 0, 0, 0, null);
        }
        long expected = found.getFirst().base();
        long validTailBytes = 0;
        boolean cleanZeroTail = false;
        String torn = null;
        long tornBytes = 0;
        for (int i = 0; i < found.size(); i++) {
            Segment s = found.get(i);
            boolean last = i == found.size() - 1;
            if (s.base() != expected) {
                throw new IOException("event log segment " + s.path() + " should start at offset " + expected
                        + ", where the segment before it ends, but its name says " + s.base()
                        + "; records are missing or duplicated");
            }
            try (SegmentReader r = new SegmentReader(s.path())) {
                long count = 0;
                while (r.next()) {
                    count++;
                }
                if (r.problem() != null) {
                    if (!last) {
                        throw new IOException("event log segment " + s.path() + " is damaged at byte "
                                + r.position() + " (record offset " + (s.base() + count) + "): " + r.problem()
                                + ". It is not the last segment, so this is not an interrupted write and the log"
                                + " is not repaired automatically");
                    }
                    tornBytes = r.size() - r.position();
                    torn = "cut " + tornBytes + " bytes at byte " + r.position() + " of " + s.path()
                            + " (record offset " + (s.base() + count) + "): " + r.problem();
                }
                expected = s.base() + count;
                validTailBytes = r.position();
                cleanZeroTail = last && r.problem() == null;
            }
        }
        Segment last = found.getLast();
        tail = config.channelFactory().open(last.path(), OPEN_SEGMENT);
        try {
            if (tail.size() > validTailBytes && !cleanZeroTail) {
                tail.truncate(validTailBytes);
                tail.force(false);
            }
            allocatedBytes = tail.size();
        } catch (IOException | RuntimeException e) {
            tail.close();
            throw e;
        }
        tailBytes = validTailBytes;
        segments = List.copyOf(found);
        committedNext = expected;
        durableNext = expected;
        return new RecoveryReport(found.size(), found.getFirst().base(), expected, tornBytes, torn);
    }

    private List<Segment> listSegments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> RecordFormat.segmentBase(f) >= 0)
                    .map(f -> new Segment(RecordFormat.segmentBase(f), f))
                    .sorted(Comparator.comparingLong(Segment::base))
                    .toList();
        }
    }

    /**
     * Queues a record. The payload is copied, so the caller may reuse the array.
     *
     * @return completes with the record's offset once the record is durable (or, in ASYNC mode,
     *     written); completes exceptionally with {@link LogUnavailableException} if it could not be
     *     written, in which case it will not appear in the log
     * @throws LogOverloadedException if the commit queue is full
     * @throws LogUnavailableException if the log is closed
     * @throws IllegalArgumentException if the payload is larger than {@link Config#maxRecordBytes()}
     */
    public CompletableFuture<Long> append(RecordType type, byte[] payload) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (payload.length > config.maxRecordBytes()) {
            throw new IllegalArgumentException("payload is " + payload.length + " bytes; maxRecordBytes is "
                    + config.maxRecordBytes());
        }
        if (closed.get() || writerStopped) {
            throw new LogUnavailableException("the event log in " + dir + " is closed");
        }
        Pending p = new Pending(type, payload.clone());
        if (!queue.offer(p)) {
            throw new LogOverloadedException("the event log's commit queue is full (" + config.queueCapacity()
                    + " appends waiting for the disk)");
        }
        // A close that raced with this append: whoever removes the record from the queue answers it.
        if ((closed.get() || writerStopped) && queue.remove(p)) {
            throw new LogUnavailableException("the event log in " + dir + " is closed");
        }
        return p.future;
    }

    /**
     * Reads acknowledged records in offset order, starting at {@code fromOffset} and ending with the
     * last record acknowledged when the call began.
     *
     * @return the offset after the last record passed to the consumer
     * @throws IllegalArgumentException if {@code fromOffset} is below {@link #startOffset()} or above
     *     {@link #nextOffset()}
     * @throws IOException if a segment cannot be read or a record no longer verifies, or as thrown by
     *     the consumer
     */
    public long replay(long fromOffset, RecordConsumer consumer) throws IOException {
        Objects.requireNonNull(consumer, "consumer");
        retention.readLock().lock();
        try {
            long end = committedNext; // read before the segment list: every segment holding records below it is listed
            List<Segment> segs = segments;
            long start = segs.getFirst().base();
            if (fromOffset < start || fromOffset > end) {
                throw new IllegalArgumentException("fromOffset " + fromOffset + " is outside the log, which holds offsets ["
                        + start + ", " + end + ")");
            }
            int k = segmentIndexOf(segs, fromOffset);
            long offset = segs.get(k).base();
            for (; k < segs.size() && offset < end; k++) {
                Segment s = segs.get(k);
                long segEnd = k + 1 < segs.size() ? Math.min(segs.get(k + 1).base(), end) : end;
                try (SegmentReader r = new SegmentReader(s.path())) {
                    while (offset < segEnd) {
                        if (!r.next()) {
                            throw new IOException("event log segment " + s.path() + " ends at byte " + r.position()
                                    + " (record offset " + offset + ") but should hold records up to offset " + segEnd
                                    + (r.problem() == null ? "" : ": " + r.problem()));
                        }
                        if (offset >= fromOffset) {
                            consumer.accept(offset, r.type(), r.payload());
                        }
                        offset++;
                    }
                }
            }
            return offset;
        } finally {
            retention.readLock().unlock();
        }
    }

    private static int segmentIndexOf(List<Segment> segs, long offset) {
        int lo = 0;
        int hi = segs.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (segs.get(mid).base() <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The offset the next record will get: one past the last acknowledged record. */
    public long nextOffset() {
        return committedNext;
    }

    /** The offset of the oldest record still in the log (0 until retention deletes a segment). */
    public long startOffset() {
        return segments.getFirst().base();
    }

    /** What recovery found when the log was opened. */
    public RecoveryReport recovery() {
        return recovery;
    }

    public Path directory() {
        return dir;
    }

    public Config config() {
        return config;
    }

    /**
     * Forces every acknowledged record to the device. A no-op in SYNC mode, where acknowledged
     * records are already forced.
     */
    public void sync() throws IOException {
        io.lock();
        try {
            if (durableNext < committedNext && tail != null && tail.isOpen()) {
                tail.force(false);
                durableNext = committedNext;
            }
        } finally {
            io.unlock();
        }
    }

    /**
     * Stores a snapshot atomically (temporary file, force, rename, force the folder) and deletes the
     * oldest snapshot files beyond {@link Config#snapshotsToKeep()}. In ASYNC mode the log is forced
     * first, so a snapshot never reflects records that a power loss could take away.
     *
     * @param coversUpToOffset the state reflects exactly the records with smaller offsets; recovery
     *     replays from this offset. Must lie in {@code [startOffset(), nextOffset()]}.
     * @return the snapshot file
     */
    public Path writeSnapshot(long coversUpToOffset, byte[] state) throws IOException {
        Objects.requireNonNull(state, "state");
        long end = committedNext;
        long start = startOffset();
        if (coversUpToOffset < start || coversUpToOffset > end) {
            throw new IllegalArgumentException("coversUpToOffset " + coversUpToOffset + " must be in [" + start + ", "
                    + end + "], the log's start and next offset");
        }
        if (durableNext < coversUpToOffset) {
            sync();
        }
        synchronized (snapshotGuard) {
            Path file = SnapshotFiles.write(dir, coversUpToOffset, state);
            SnapshotFiles.prune(dir, config.snapshotsToKeep());
            return file;
        }
    }

    /**
     * The newest snapshot whose CRC verifies and from which the log can be replayed, with the newer
     * snapshot files that were skipped and why (damaged, ahead of the log's end, or behind its start).
     */
    public SnapshotLookup latestSnapshot() throws IOException {
        synchronized (snapshotGuard) {
            return SnapshotFiles.latest(dir, startOffset(), committedNext);
        }
    }

    /**
     * Deletes the segments all of whose records have offsets below {@code offset}, oldest first. The
     * segment being written is never deleted. Waits for running replays to finish, so it must not be
     * called from inside a {@link RecordConsumer}.
     *
     * @return how many segment files were deleted
     * @throws IllegalArgumentException if {@code offset} is negative or beyond {@link #nextOffset()}
     */
    public int deleteSegmentsCoveredBy(long offset) throws IOException {
        long end = committedNext;
        if (offset < 0 || offset > end) {
            throw new IllegalArgumentException("offset " + offset + " must be in [0, " + end + "]");
        }
        retention.writeLock().lock();
        try {
            int deleted = 0;
            try {
                while (true) {
                    List<Segment> segs = segments;
                    if (segs.size() < 2 || segs.get(1).base() > offset) {
                        break;
                    }
                    Files.deleteIfExists(segs.getFirst().path());
                    synchronized (segmentsGuard) {
                        segments = List.copyOf(segments.subList(1, segments.size()));
                    }
                    deleted++;
                }
            } finally {
                if (deleted > 0) {
                    RecordFormat.forceDirectory(dir);
                }
            }
            return deleted;
        } finally {
            retention.writeLock().unlock();
        }
    }

    /**
     * Stops accepting appends, lets the writer finish everything already queued, forces and closes
     * the tail segment and releases the folder lock. Idempotent.
     *
     * @throws IllegalStateException if called on the writer thread (from a completion callback)
     */
    @Override
    public void close() throws IOException {
        if (Thread.currentThread() == writer || Thread.currentThread() == flusher) {
            throw new IllegalStateException("the event log cannot be closed from its own writer thread; "
                    + "attach the callback that closes it with an ...Async method");
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean interrupted = false;
        for (Thread t : flusher == null ? List.of(writer) : List.of(writer, flusher)) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        failQueued();
        try {
            lock.release();
        } finally {
            lockChannel.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (closeFailure != null) {
            throw closeFailure;
        }
    }

    // ---------------------------------------------------------------- writer thread

    private void runWriter() {
        List<Pending> batch = new ArrayList<>();
        try {
            while (true) {
                Pending first = queue.poll();
                if (first == null) {
                    if (closed.get()) {
                        break;
                    }
                    first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                }
                batch.add(first);
                long bytes = first.bytes();
                while (batch.size() < config.maxBatchRecords()) {
                    Pending next = queue.peek();
                    if (next == null || bytes + next.bytes() > config.maxBatchBytes()) {
                        break;
                    }
                    queue.poll();
                    batch.add(next);
                    bytes += next.bytes();
                }
                commit(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nothing interrupts the writer; stop if something does
        } finally {
            writerStopped = true;
            LogUnavailableException stopped = new LogUnavailableException("the event log's writer stopped");
            for (Pending p : batch) {
                p.future.completeExceptionally(stopped); // no-op for the ones already completed
            }
            shutDownIo();
            failQueued();
        }
    }

    private void failQueued() {
        Pending p;
        while ((p = queue.poll()) != null) {
            p.future.completeExceptionally(new LogUnavailableException("the event log in " + dir + " is closed"));
        }
    }

    /** Writes and forces one batch, then completes its futures outside the lock. */
    private void commit(List<Pending> batch) {
        int acked = 0;
        long firstOffset;
        Exception failure = null;
        io.lock();
        try {
            firstOffset = committedNext;
            try {
                if (needsRepair) {
                    repair();
                }
                while (acked < batch.size()) {
                    acked += writeChunk(batch, acked);
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
                needsRepair = true;
                try {
                    repair();
                } catch (IOException | RuntimeException again) {
                    e.addSuppressed(again);
                }
            }
        } finally {
            io.unlock();
        }
        for (int i = 0; i < acked; i++) {
            batch.get(i).future.complete(firstOffset + i);
        }
        if (failure != null) {
            LogUnavailableException e = new LogUnavailableException("the event log in " + dir
                    + " could not write the record: " + failure.getMessage(), failure);
            for (int i = acked; i < batch.size(); i++) {
                batch.get(i).future.completeExceptionally(e);
            }
        }
    }

    /**
     * Writes the longest run of records from {@code from} that fits in the tail segment (rolling
     * first if not even the first fits), forces it in SYNC mode and publishes it.
     *
     * @return how many records were written
     */
    private int writeChunk(List<Pending> batch, int from) throws IOException {
        long limit = config.segmentBytes();
        if (tailBytes > 0 && tailBytes + batch.get(from).bytes() > limit) {
            roll();
        }
        int to = from;
        long bytes = 0;
        while (to < batch.size()) {
            int b = batch.get(to).bytes();
            if (tailBytes + bytes > 0 && tailBytes + bytes + b > limit) {
                break;
            }
            bytes += b;
            to++;
        }
        ByteBuffer buf = buffer((int) bytes);
        for (int i = from; i < to; i++) {
            RecordFormat.put(buf, batch.get(i).type, batch.get(i).payload);
        }
        buf.flip();
        preallocate(tailBytes + bytes);
        RecordFormat.writeFully(tail, buf, tailBytes);
        if (config.durability() == Durability.SYNC) {
            tail.force(false);
        }
        tailBytes += bytes;
        committedNext += to - from;
        if (config.durability() == Durability.SYNC) {
            durableNext = committedNext;
        } else {
            unforced.signal();
        }
        return to - from;
    }

    /**
     * Makes sure the tail file already extends past {@code end}: if not, appends zeros up to
     * {@code end} plus {@link Config#preallocateBytes()} (not past the segment size, unless one record
     * is larger). The next force then commits the new size once for many batches, instead of every
     * batch's force committing a grown file. Readers take a run of zeros at a record boundary for
     * the end of the records.
     */
    private void preallocate(long end) throws IOException {
        if (config.preallocateBytes() == 0 || end <= allocatedBytes) {
            return;
        }
        long target = Math.max(end, Math.min(end + config.preallocateBytes(), config.segmentBytes()));
        long position = Math.max(allocatedBytes, tailBytes);
        while (position < target) {
            ByteBuffer chunk = ZEROS.duplicate();
            chunk.limit((int) Math.min(chunk.capacity(), target - position));
            position += tail.write(chunk, position);
        }
        allocatedBytes = target;
    }

    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

    private ByteBuffer buffer(int bytes) {
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(Math.max(bytes, 1 << 16));
        }
        buffer.clear();
        return buffer;
    }

    /**
     * ASYNC mode: forces the tail whenever acknowledged records are not yet forced. The force runs
     * outside the lock, so the writer keeps writing meanwhile. A failed force is retried; the records
     * are acknowledged already, so there is no one to tell.
     */
    private void runFlusher() {
        while (true) {
            FileChannel ch;
            long target;
            io.lock();
            try {
                while (!flusherStop && durableNext >= committedNext) {
                    unforced.awaitUninterruptibly();
                }
                if (flusherStop) {
                    return;
                }
                ch = tail;
                target = committedNext;
            } finally {
                io.unlock();
            }
            boolean forced = false;
            try {
                ch.force(false);
                forced = true;
            } catch (IOException | RuntimeException retry) {
                // A roll or close may have closed this channel after forcing it; otherwise try again.
            }
            io.lock();
            try {
                if (forced) {
                    // Every record below target was written to ch or to a segment forced before the roll.
                    durableNext = Math.max(durableNext, target);
                } else if (!flusherStop) {
                    unforced.await(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                io.unlock();
            }
        }
    }

    /**
     * Starts a new segment at the current offset. The old one is complete and forced before the new
     * file exists, which is what lets recovery treat damage in any but the last segment as fatal.
     */
    private void roll() throws IOException {
        if (durableNext < committedNext) {
            tail.force(false);
            durableNext = committedNext;
        }
        long base = committedNext;
        Path path = dir.resolve(RecordFormat.segmentName(base));
        FileChannel next;
        try {
            next = config.channelFactory().open(path, CREATE_SEGMENT);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            deleteIfEmpty(path, e); // so the next attempt can create it afresh
            throw e;
        }
        FileChannel old = tail;
        if (allocatedBytes > tailBytes) {
            try {
                old.truncate(tailBytes); // only zeros go; readers would skip them anyway
            } catch (IOException ignored) {
                // the zeros stay: readers take them for the end of the segment's records
            }
        }
        tail = next;
        tailBytes = 0;
        allocatedBytes = 0;
        dirSyncPending = true;
        synchronized (segmentsGuard) {
            List<Segment> grown = new ArrayList<>(segments);
            grown.add(new Segment(base, path));
            segments = List.copyOf(grown);
        }
        try {
            old.close();
        } catch (IOException ignored) {
            // It was forced; closing cannot lose anything.
        }
        RecordFormat.forceDirectory(dir);
        dirSyncPending = false;
    }

    private static void deleteIfEmpty(Path path, Exception cause) {
        try {
            if (Files.exists(path) && Files.size(path) == 0) {
                Files.delete(path);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Brings the tail segment back to exactly its acknowledged bytes after a failed batch, and makes
     * that durable, so nothing from the failed batch can reappear after a restart.
     */
    private void repair() throws IOException {
        Segment seg = segments.getLast();
        if (tail == null || !tail.isOpen()) {
            tail = null;
            tail = config.channelFactory().open(seg.path(), OPEN_SEGMENT);
        }
        long size = tail.size();
        if (size < tailBytes) {
            throw new IOException("event log segment " + seg.path() + " is " + size + " bytes long but its first "
                    + tailBytes + " bytes were acknowledged; something outside the log shortened it");
        }
        if (size > tailBytes) {
            tail.truncate(tailBytes);
        }
        allocatedBytes = tailBytes;
        tail.force(false);
        if (dirSyncPending) {
            RecordFormat.forceDirectory(dir);
            dirSyncPending = false;
        }
        durableNext = committedNext;
        needsRepair = false;
    }

    private void shutDownIo() {
        io.lock();
        try {
            flusherStop = true;
            unforced.signalAll();
            if (tail == null) {
                return;
            }
            try {
                if (needsRepair) {
                    repair();
                } else {
                    tail.force(false);
                    durableNext = committedNext;
                }
            } catch (IOException | RuntimeException e) {
                closeFailure = new IOException("the event log in " + dir + " could not be forced on close", e);
            }
            try {
                tail.close();
            } catch (IOException e) {
                if (closeFailure == null) {
                    closeFailure = e;
                }
            }
        } finally {
            io.unlock();
        }
    }
}
