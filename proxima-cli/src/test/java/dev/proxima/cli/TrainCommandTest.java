package dev.proxima.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.io.Json;
import dev.proxima.core.run.RunManifest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @TempDir
    Path tmp;

    private static final String[] SMALL = {"--algo", "ppo", "--env", "CartPole-v1", "--steps", "6144", "--seed", "5",
            "--eval-episodes", "3", "--eval-every", "2048", "--checkpoint-every", "2"};

    private CliRunner train(Path out, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train"));
        args.addAll(java.util.List.of(SMALL));
        args.addAll(java.util.List.of("--out", out.toString()));
        args.addAll(java.util.List.of(extra));
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        return r;
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonModePrintsExactlyOneObjectAndTheRunFolderIsComplete() throws IOException {
        Path out = tmp.resolve("run");
        CliRunner r = train(out, "--json");
        assertEquals(1, r.out().strip().lines().count(), r.out());
        Map<String, Object> json = (Map<String, Object>) Json.parse(r.out());
        assertEquals(out.toString(), json.get("run_dir"));
        assertTrue(json.get("eval_return_mean") instanceof Double);
        for (String f : new String[] {"manifest.json", "metrics.csv", "eval.csv", "checkpoint.safetensors", "curve.png",
                "summary.json"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        BufferedImage png = ImageIO.read(out.resolve("curve.png").toFile());
        assertNotNull(png);
        assertEquals(800, png.getWidth());
        RunManifest m = RunManifest.read(out);
        assertEquals(5L, m.seed());
        assertEquals("ppo", m.algorithm());
        assertFalse(m.gitRevision().isBlank());
        CliRunner eval = CliRunner.run("eval", out.toString(), "--episodes", "3", "--json");
        assertEquals(0, eval.status(), eval.err());
        Map<String, Object> e = (Map<String, Object>) Json.parse(eval.out());
        assertEquals(json.get("eval_return_mean"), e.get("eval_return_mean"), "eval of the checkpoint repeats the run's evaluation");
    }

    @Test
    void sameSeedWritesByteIdenticalMetricsAndCheckpoints() throws IOException {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        train(a);
        train(b);
        for (String f : new String[] {"metrics.csv", "eval.csv", "checkpoint.safetensors"}) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
    }

    @Test
    void resumedRunEndsIdenticalToAnUninterruptedOne() throws IOException {
        Path whole = tmp.resolve("whole"), pieces = tmp.resolve("pieces");
        train(whole);
        train(pieces, "--stop-after", "5");
        assertTrue(Files.exists(pieces.resolve("checkpoint.safetensors")));
        CliRunner r = CliRunner.run("train", "--resume", "--out", pieces.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        for (String f : new String[] {"metrics.csv", "eval.csv", "checkpoint.safetensors"}) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(pieces.resolve(f)), f);
        }
    }
}
