package dev.proxima.serve.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file operations the log needs from a segment; a seam so tests can inject faults such as a
 * full disk. {@link #open} gives the real implementation on a {@link FileChannel}.
 */
public interface SegmentChannel extends AutoCloseable {
    /** Writes all of {@code buffer} at the end. */
    void write(ByteBuffer buffer) throws IOException;

    /** Forces written bytes to the storage device. */
    void force() throws IOException;

    /** Cuts the file to {@code size} bytes and moves the end there. */
    void truncate(long size) throws IOException;

    long size() throws IOException;

    @Override
    void close() throws IOException;

    /** Opens how segment files are opened. */
    @FunctionalInterface
    interface Factory {
        SegmentChannel open(Path file) throws IOException;
    }

    static SegmentChannel open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ch.position(ch.size());
        return new SegmentChannel() {
            @Override
            public void write(ByteBuffer buffer) throws IOException {
                while (buffer.hasRemaining()) ch.write(buffer);
            }

            @Override
            public void force() throws IOException {
                ch.force(false);
            }

            @Override
            public void truncate(long size) throws IOException {
                ch.truncate(size);
                ch.position(size);
            }

            @Override
            public long size() throws IOException {
                return ch.size();
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }
}
