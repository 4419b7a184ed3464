package dev.proxima.core.run;

import dev.proxima.core.io.AtomicFiles;
import dev.proxima.core.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What is needed to reproduce a run and to trust its numbers later: the algorithm, environment,
 * seed and full configuration, the command line, and the software it ran on. Written once as
 * {@code manifest.json} when the run starts; its presence is what makes a folder a run folder.
 *
 * <p>The start time is supplied by the caller (the CLI reads the clock once) so that library code
 * stays free of wall-clock reads and tests can fix it. The config is kept in the caller's order
 * and written as JSON; numbers come back from {@link #read} as {@code Long} (integers) or
 * {@code Double}, so a config built from {@code Integer}s is equal to its read-back copy only
 * after the same conversion.
 *
 * @param runId a name for the run, usually its folder name
 * @param algorithm the algorithm, e.g. {@code ppo}
 * @param envId the environment, game or problem id, e.g. {@code CartPole-v1}
 * @param seed the run's root seed
 * @param config every setting, in a defined order (a {@link java.util.SequencedMap} when it has
 *     more than one entry), with JSON-compatible values
 * @param commandLine the arguments the run was started with
 * @param proximaVersion the Proxima version
 * @param javaVersion {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param osName {@code os.name}
 * @param osArch {@code os.arch}
 * @param kernelBackend the numeric kernel implementation in use (Vector API or plain loops)
 * @param gitRevision the commit, or {@link GitRevision#UNKNOWN}
 * @param startTime when the run started, ISO-8601 (e.g. {@code 2025-01-31T12:00:00Z})
 */
public record RunManifest(
        String runId,
        String algorithm,
        String envId,
        long seed,
        Map<String, Object> config,
        List<String> commandLine,
        String proximaVersion,
        String javaVersion,
        String javaVendor,
        String osName,
        String osArch,
        String kernelBackend,
        String gitRevision,
        String startTime) {

    public static final String FILE_NAME = "manifest.json";
    /** Raised when a field changes meaning, so old readers refuse new files instead of misreading them. */
    public static final int FORMAT = 1;

    public RunManifest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(envId, "envId");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(proximaVersion, "proximaVersion");
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(javaVendor, "javaVendor");
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(osArch, "osArch");
        Objects.requireNonNull(kernelBackend, "kernelBackend");
        Objects.requireNonNull(gitRevision, "gitRevision");
        Objects.requireNonNull(startTime, "startTime");
        try {
            DateTimeFormatter.ISO_DATE_TIME.parse(startTime);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("startTime must be an ISO-8601 date-time such as "
                    + "2025-01-31T12:00:00Z, was '" + startTime + "'");
        }
        try {
            Json.write(config); // fail now, not when the manifest is written
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config cannot be recorded in the manifest: " + e.getMessage(), e);
        }
        config = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(config));
        commandLine = List.copyOf(commandLine);
    }

    /**
     * A manifest for a run on this JVM: the Java and OS fields come from the system properties.
     */
    public static RunManifest of(String runId, String algorithm, String envId, long seed, Map<String, Object> config,
            List<String> commandLine, String proximaVersion, String kernelBackend, String gitRevision,
            String startTime) {
        return new RunManifest(runId, algorithm, envId, seed, config, commandLine, proximaVersion,
                property("java.version"), property("java.vendor"), property("os.name"), property("os.arch"),
                kernelBackend, gitRevision, startTime);
    }

    private static String property(String key) {
        String v = System.getProperty(key);
        return v == null ? "unknown" : v;
    }

    /** The manifest as an ordered map, the form written to JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("run_id", runId);
        m.put("algorithm", algorithm);
        m.put("env_id", envId);
        m.put("seed", seed);
        m.put("start_time", startTime);
        m.put("git_revision", gitRevision);
        m.put("proxima_version", proximaVersion);
        m.put("kernel_backend", kernelBackend);
        m.put("java_version", javaVersion);
        m.put("java_vendor", javaVendor);
        m.put("os_name", osName);
        m.put("os_arch", osArch);
        m.put("command_line", commandLine);
        m.put("config", config);
        return m;
    }

    /** Pretty-printed JSON, deterministic for a given manifest. */
    public String toJson() {
        return Json.writePretty(toMap());
    }

    /**
     * Writes {@code manifest.json} into {@code runDir}. A manifest records how a run started and is
     * never replaced.
     *
     * @return the file written
     * @throws java.nio.file.FileAlreadyExistsException if the folder already has a manifest
     */
    public Path write(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE_NAME);
        byte[] bytes = (toJson() + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.writeNew(file, out -> out.write(bytes));
        return file;
    }

    /**
     * Reads a manifest from a run folder or from the manifest file itself.
     *
     * @throws IllegalArgumentException naming the file and the field if it is malformed
     */
    public static RunManifest read(Path path) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("manifest " + file + " does not exist");
        }
        Object parsed = Json.parseFile(file);
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("manifest " + file + " is not a JSON object");
        }
        Fields f = new Fields(file, map);
        long format = f.integer("format");
        if (format != FORMAT) {
            throw new IllegalArgumentException("manifest " + file + " has format " + format
                    + "; this version of Proxima reads format " + FORMAT);
        }
        return new RunManifest(f.string("run_id"), f.string("algorithm"), f.string("env_id"), f.integer("seed"),
                f.object("config"), f.strings("command_line"), f.string("proxima_version"),
                f.string("java_version"), f.string("java_vendor"), f.string("os_name"), f.string("os_arch"),
                f.string("kernel_backend"), f.string("git_revision"), f.string("start_time"));
    }

    /** Typed access to the parsed manifest, with errors that name the file and field. */
    private record Fields(Path file, Map<?, ?> map) {
        Object get(String name) {
            if (!map.containsKey(name)) {
                throw new IllegalArgumentException("manifest " + file + " is missing field '" + name + "'");
            }
            return map.get(name);
        }

        IllegalArgumentException wrong(String name, String expected) {
            return new IllegalArgumentException("manifest " + file + ": field '" + name + "' must be " + expected
                    + ", found " + Json.write(map.get(name)));
        }

        String string(String name) {
            if (get(name) instanceof String s) {
                return s;
            }
            throw wrong(name, "a string");
        }

        long integer(String name) {
            if (get(name) instanceof Long n) {
                return n;
            }
            throw wrong(name, "an integer");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(String name) {
            if (get(name) instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw wrong(name, "a JSON object");
        }

        List<String> strings(String name) {
            if (get(name) instanceof List<?> list) {
                List<String> out = new ArrayList<>();
                for (Object o : list) {
                    if (!(o instanceof String s)) {
                        throw wrong(name, "an array of strings");
                    }
                    out.add(s);
                }
                return out;
            }
            throw wrong(name, "an array of strings");
        }
    }
}
