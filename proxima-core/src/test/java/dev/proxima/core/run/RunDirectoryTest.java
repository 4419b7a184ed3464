package dev.proxima.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void createsMissingFoldersAndAcceptsAnEmptyOne() throws IOException {
        Path out = dir.resolve("runs/x");
        RunDirectory run = RunDirectory.create(out);
        assertTrue(Files.isDirectory(out));
        assertEquals(out, run.path());
        assertEquals(out.resolve("manifest.json"), run.manifestFile());
        assertEquals(out.resolve("metrics.csv"), run.metricsFile());
        RunDirectory.create(out); // still empty
    }

    @Test
    void refusesANonEmptyFolderAndTouchesNothing() throws IOException {
        Path out = Files.createDirectories(dir.resolve("runs/x"));
        Path old = Files.writeString(out.resolve("metrics.csv"), "step\n1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunDirectory.create(out));
        assertEquals("run folder " + out + " already exists and is not empty; choose a new --out or pass --resume",
                e.getMessage());
        assertEquals("step\n1\n", Files.readString(old));
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunDirectory.create(file))
                .getMessage().contains("is a file, not a folder"));
    }

    @Test
    void openRequiresAManifest() throws IOException {
        Path out = dir.resolve("runs/x");
        RunDirectory created = RunDirectory.create(out);
        assertEquals("not a run folder: " + out + " has no manifest.json",
                assertThrows(IllegalArgumentException.class, () -> RunDirectory.open(out)).getMessage());
        assertEquals("run folder " + dir.resolve("nope") + " does not exist",
                assertThrows(IllegalArgumentException.class, () -> RunDirectory.open(dir.resolve("nope"))).getMessage());
        created.writeManifest(RunManifestTest.sample());
        RunDirectory opened = RunDirectory.open(out);
        assertEquals(RunManifestTest.sample(), opened.readManifest());
        assertThrows(IOException.class, () -> opened.writeManifest(RunManifestTest.sample()));
    }

    @Test
    void resolveStaysInsideTheRunFolder() throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        assertEquals(dir.resolve("run/checkpoints/step-5.safetensors"), run.resolve("checkpoints/step-5.safetensors"));
        assertThrows(IllegalArgumentException.class, () -> run.resolve("../other/metrics.csv"));
        assertThrows(IllegalArgumentException.class, () -> run.resolve("/etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> run.resolve("."));
    }
}
