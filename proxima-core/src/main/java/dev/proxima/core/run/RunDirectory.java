package dev.proxima.core.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The folder a run writes to: {@code manifest.json}, {@code metrics.csv}, plots and checkpoints.
 *
 * <p>Creating one never deletes or overwrites anything: a typo in {@code --out} must not wipe a
 * finished run. An existing, empty folder is accepted (users often create it first); a non-empty
 * one is refused. Continuing or evaluating a run goes through {@link #open}, which insists on a
 * manifest so that a stray folder is not mistaken for a run.
 */
public final class RunDirectory {
    private final Path path;

    private RunDirectory(Path path) {
        this.path = path;
    }

    /**
     * Creates the folder for a new run, with any missing parents.
     *
     * @throws IllegalArgumentException if {@code out} exists and is a file or a non-empty folder
     */
    public static RunDirectory create(Path out) throws IOException {
        Objects.requireNonNull(out, "out");
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new IllegalArgumentException("run folder " + out + " exists and is a file, not a folder; "
                        + "choose a new --out");
            }
            if (!isEmpty(out)) {
                throw new IllegalArgumentException("run folder " + out + " already exists and is not empty; "
                        + "choose a new --out or pass --resume");
            }
        } else {
            Files.createDirectories(out);
        }
        return new RunDirectory(out);
    }

    /**
     * Opens the folder of an existing run, to resume or evaluate it.
     *
     * @throws IllegalArgumentException if the folder does not exist or has no {@code manifest.json}
     */
    public static RunDirectory open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException("run folder " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a run folder: " + dir + " is a file");
        }
        if (!Files.isRegularFile(dir.resolve(RunManifest.FILE_NAME))) {
            throw new IllegalArgumentException("not a run folder: " + dir + " has no " + RunManifest.FILE_NAME);
        }
        return new RunDirectory(dir);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    public Path path() {
        return path;
    }

    public Path manifestFile() {
        return path.resolve(RunManifest.FILE_NAME);
    }

    public Path metricsFile() {
        return path.resolve(MetricsCsv.FILE_NAME);
    }

    /**
     * A file or subfolder of the run, such as {@code checkpoints/step-5000.safetensors}.
     *
     * @throws IllegalArgumentException if {@code relative} would lead outside the run folder
     */
    public Path resolve(String relative) {
        Objects.requireNonNull(relative, "relative");
        Path base = path.toAbsolutePath().normalize();
        Path p = base.resolve(relative).normalize();
        if (!p.startsWith(base) || p.equals(base)) {
            throw new IllegalArgumentException("'" + relative + "' does not name a file inside run folder " + path);
        }
        return path.resolve(relative).normalize();
    }

    public RunManifest readManifest() throws IOException {
        return RunManifest.read(manifestFile());
    }

    /** Writes the run's manifest; fails if it already has one. */
    public void writeManifest(RunManifest manifest) throws IOException {
        manifest.write(path);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
