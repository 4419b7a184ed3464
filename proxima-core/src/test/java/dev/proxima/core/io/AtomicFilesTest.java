package dev.proxima.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("checkpoint.bin");
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals(List.of(file), listing());
        assertEquals(3, Files.size(file));
    }

    @Test
    void bodyClosingTheStreamIsHarmless() throws IOException {
        Path file = dir.resolve("a.txt");
        AtomicFiles.write(file, out -> {
            out.write('x');
            out.close();
        });
        assertEquals("x", Files.readString(file));
    }

    @Test
    void writeNewRefusesToOverwrite() throws IOException {
        Path file = dir.resolve("manifest.json");
        AtomicFiles.writeNew(file, out -> out.write('a'));
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.writeNew(file, out -> out.write('b')));
        assertEquals("a", Files.readString(file));
        assertEquals(List.of(file), listing());
    }

    @Test
    void missingFolderIsReported() {
        Path file = dir.resolve("no/such/folder/x.bin");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AtomicFiles.write(file, new byte[1]));
        assertTrue(e.getMessage().contains("its folder does not exist"), e.getMessage());
    }
}
