package dev.proxima.serve.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens real segment files behind a wrapper that can run out of space, fail forces, fail opens,
 * hold forces until a test lets them go, and record how many bytes were written and forced.
 */
public final class FaultyChannels implements EventLog.ChannelFactory {
    /** Bytes that may still be written across all channels before "No space left on device". */
    public final AtomicLong writeBudget = new AtomicLong(Long.MAX_VALUE);
    /** Upcoming force calls that fail. */
    final AtomicInteger forcesToFail = new AtomicInteger();
    /** Upcoming opens that fail. */
    final AtomicInteger opensToFail = new AtomicInteger();
    /** Successful forces so far. */
    final AtomicInteger forces = new AtomicInteger();
    /** One permit per force call entered (before it may block on the gate). */
    final Semaphore forceEntered = new Semaphore(0);
    /** Total bytes written through all channels. */
    final AtomicLong bytesWritten = new AtomicLong();
    /** {@link #bytesWritten} as it was when the last successful force began. */
    volatile long bytesForced;
    /** While non-null, forces wait for it. */
    volatile CountDownLatch forceGate;

    void closeGate() {
        forceGate = new CountDownLatch(1);
    }

    void openGate() {
        CountDownLatch g = forceGate;
        forceGate = null;
        if (g != null) {
            g.countDown();
        }
    }

    @Override
    public FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException {
        if (opensToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IOException("injected: cannot open " + file);
        }
        return new Channel(FileChannel.open(file, options));
    }

    private final class Channel extends FileChannel {
        private final FileChannel d;

        Channel(FileChannel delegate) {
            this.d = delegate;
        }

        private int budgetFor(int wanted) throws IOException {
            while (true) {
                long left = writeBudget.get();
                if (left <= 0) {
                    throw new IOException("injected: No space left on device");
                }
                int n = (int) Math.min(wanted, left);
                if (left == Long.MAX_VALUE || writeBudget.compareAndSet(left, left - n)) {
                    return n;
                }
            }
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            int n = budgetFor(src.remaining());
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + n);
            int written = d.write(part, position);
            src.position(src.position() + written);
            bytesWritten.addAndGet(written);
            return written;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = budgetFor(src.remaining());
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + n);
            int written = d.write(part);
            src.position(src.position() + written);
            bytesWritten.addAndGet(written);
            return written;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            forceEntered.release();
            CountDownLatch g = forceGate;
            if (g != null) {
                try {
                    g.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while held", e);
                }
            }
            if (forcesToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IOException("injected: fsync failed");
            }
            long before = bytesWritten.get();
            d.force(metaData);
            bytesForced = before;
            forces.incrementAndGet();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return d.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return d.read(dsts, offset, length);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            throw new UnsupportedOperationException("not used by the event log");
        }

        @Override
        public long position() throws IOException {
            return d.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            d.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return d.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            d.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return d.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            throw new UnsupportedOperationException("not used by the event log");
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return d.read(dst, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new UnsupportedOperationException("not used by the event log");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return d.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return d.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            d.close();
        }
    }
}
