package dev.proxima.core.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes files so that a crash, a full disk or a kill at any moment leaves either the previous
 * file or the complete new one, never a torn mixture. A checkpoint that is half-written when the
 * machine dies would otherwise destroy the only copy of hours of training.
 *
 * <p>The content goes to a temporary file in the same folder (a rename is only atomic within one
 * file system), is forced to the device, and is then renamed over the target; finally the folder
 * itself is forced so the rename survives a power loss. The temporary name is derived from the
 * target name and the process id rather than drawn at random, and the file is created with the
 * default permissions, so the result looks like any other file the user writes.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Produces the content of a file; may write any amount, in any number of calls. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Atomically replaces (or creates) {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        write(target, out -> out.write(bytes));
    }

    /** Atomically replaces (or creates) {@code target} with what {@code body} writes. */
    public static void write(Path target, Body body) throws IOException {
        write(target, body, true);
    }

    /**
     * Like {@link #write(Path, Body)}, but refuses to replace an existing file, for files such as a
     * run manifest that must never be overwritten.
     *
     * @throws FileAlreadyExistsException if {@code target} exists
     */
    public static void writeNew(Path target, Body body) throws IOException {
        write(target, body, false);
    }

    private static void write(Path target, Body body, boolean replace) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(target.toString(), null,
                    "cannot write " + target + ": its folder does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IOException("cannot write " + target + ": it is a folder");
        }
        if (!replace && Files.exists(file)) {
            throw new FileAlreadyExistsException(target.toString(), null, "refusing to overwrite " + target);
        }
        Path tmp = createTemp(dir, file.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                body.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush(); // the channel is closed below, after it has been forced
                    }
                });
                out.flush();
                ch.force(true);
            }
            if (!replace && Files.exists(file)) {
                throw new FileAlreadyExistsException(target.toString(), null, "refusing to overwrite " + target);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot write " + target + " safely: the file system does not "
                        + "support atomic renames in " + dir, e);
            }
            moved = true;
            forceDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + pid + "-" + attempt + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException taken) {
                if (attempt >= 1000) {
                    throw new IOException("cannot create a temporary file next to " + dir.resolve(name)
                            + ": too many stale temporary files", taken);
                }
            }
        }
    }

    /** Makes a completed rename durable; some platforms cannot open folders, which is harmless. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows cannot open a folder as a channel; its rename is already durable enough.
        }
    }
}
