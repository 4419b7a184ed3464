package dev.proxima.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunManifestTest {
    @TempDir
    Path dir;

    static RunManifest sample() {
        Map<String, Object> net = new LinkedHashMap<>();
        net.put("hidden", List.of(64L, 64L));
        net.put("activation", "tanh");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("learning_rate", 3.0e-4);
        config.put("total_steps", 500_000L);
        config.put("normalize_advantages", true);
        config.put("target_kl", null);
        config.put("network", net);
        return new RunManifest("ppo-cartpole-s1", "ppo", "CartPole-v1", 1L, config,
                List.of("train", "--algo", "ppo", "--seed", "1"), "0.1.0-SNAPSHOT", "25.0.1", "Eclipse Adoptium",
                "Linux", "amd64", "vector", "0123456789abcdef0123456789abcdef01234567", "2025-01-31T12:00:00Z");
    }

    @Test
    void jsonHasStableFieldOrderWithConfigLast() {
        String json = sample().toJson();
        assertTrue(json.startsWith("{\n  \"format\": 1,\n  \"run_id\": \"ppo-cartpole-s1\",\n  \"algorithm\": \"ppo\","),
                json);
        assertTrue(json.endsWith("\"network\": {\n      \"hidden\": [\n        64,\n        64\n      ],\n"
                + "      \"activation\": \"tanh\"\n    }\n  }\n}"), json);
        assertEquals(json, sample().toJson());
    }

    @Test
    void writeThenReadGivesAnEqualManifest() throws IOException {
        Path file = sample().write(dir);
        assertEquals(dir.resolve("manifest.json"), file);
        assertTrue(Files.readString(file).endsWith("}\n"));
        RunManifest back = RunManifest.read(dir);
        assertEquals(sample(), back);
        assertEquals(List.copyOf(sample().config().keySet()), List.copyOf(back.config().keySet()));
        assertEquals(sample(), RunManifest.read(file));
    }

    @Test
    void neverOverwritesAManifest() throws IOException {
        sample().write(dir);
        String before = Files.readString(dir.resolve("manifest.json"));
        assertThrows(FileAlreadyExistsException.class, () -> sample().write(dir));
        assertEquals(before, Files.readString(dir.resolve("manifest.json")));
    }

    @Test
    void ofFillsInThisJvm() {
        RunManifest m = RunManifest.of("r", "ppo", "CartPole-v1", 7, Map.of(), List.of(), "0.1.0", "plain",
                GitRevision.UNKNOWN, "2025-01-31T12:00:00.123+01:00");
        assertEquals(System.getProperty("java.version"), m.javaVersion());
        assertEquals(System.getProperty("os.arch"), m.osArch());
    }

    @Test
    void rejectsBadStartTimeAndUnrecordableConfig() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunManifest.of("r", "ppo",
                "e", 1, Map.of(), List.of(), "v", "k", "g", "yesterday"));
        assertEquals("startTime must be an ISO-8601 date-time such as 2025-01-31T12:00:00Z, was 'yesterday'",
                e.getMessage());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("max_grad_norm", Double.POSITIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> RunManifest.of("r", "ppo", "e", 1, config, List.of(),
                "v", "k", "g", "2025-01-31T12:00:00Z"));
        assertTrue(e.getMessage().startsWith("config cannot be recorded in the manifest:")
                && e.getMessage().contains("$.max_grad_norm"), e.getMessage());
        Map<String, Object> unordered = new HashMap<>();
        unordered.put("a", 1);
        unordered.put("b", 2);
        assertThrows(IllegalArgumentException.class, () -> RunManifest.of("r", "ppo", "e", 1, unordered, List.of(),
                "v", "k", "g", "2025-01-31T12:00:00Z"));
    }

    @Test
    void readNamesTheFileAndTheBadField() throws IOException {
        Path file = dir.resolve("manifest.json");
        Map<String, Object> m = sample().toMap();
        m.put("seed", "one");
        Files.writeString(file, dev.proxima.core.io.Json.writePretty(m));
        assertEquals("manifest " + file + ": field 'seed' must be an integer, found \"one\"",
                assertThrows(IllegalArgumentException.class, () -> RunManifest.read(file)).getMessage());
        m.remove("seed");
        Files.writeString(file, dev.proxima.core.io.Json.writePretty(m));
        assertEquals("manifest " + file + " is missing field 'seed'",
                assertThrows(IllegalArgumentException.class, () -> RunManifest.read(file)).getMessage());
        m = sample().toMap();
        m.put("format", 2);
        Files.writeString(file, dev.proxima.core.io.Json.writePretty(m));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunManifest.read(file))
                .getMessage().contains("has format 2; this version of Proxima reads format 1"));
        Files.writeString(file, "{\"format\": 1,");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunManifest.read(file))
                .getMessage().startsWith("malformed JSON in " + file));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunManifest.read(dir.resolve("none")))
                .getMessage().endsWith("does not exist"));
    }
}
