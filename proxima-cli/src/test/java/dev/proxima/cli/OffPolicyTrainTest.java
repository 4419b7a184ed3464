package dev.proxima.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.io.Json;
import dev.proxima.core.io.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code proxima train} with the off-policy algorithms, and {@code proxima report} over their runs. */
class OffPolicyTrainTest {
    @TempDir
    Path tmp;

    private CliRunner train(Path out, String algo, String preset, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--algo", algo, "--preset", preset, "--env",
                "Pendulum-v1", "--steps", "1500", "--seed", "3", "--eval-every", "1000", "--eval-episodes", "2",
                "--out", out.toString(), "--json"));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOffPolicyAlgorithmWritesARunFolderAndTheSameSeedRepeatsIt() throws IOException {
        for (String[] algo : new String[][] {{"sac", "pendulum"}, {"td3", "cpu"}, {"mdpo-off", "pendulum"}, {"mex", "pendulum"}}) {
            Path out = tmp.resolve(algo[0]);
            CliRunner r = train(out, algo[0], algo[1], "--set", algo[0].equals("mex")
                    ? "td3.learningStarts=500" : "learningStarts=500");
            assertEquals(0, r.status(), r.err());
            Map<String, Object> json = (Map<String, Object>) Json.parse(r.out());
            assertEquals(1500L, ((Number) json.get("env_steps")).longValue());
            for (String f : new String[] {"manifest.json", "metrics.csv", "eval.csv", "policy.safetensors", "curve.png", "summary.json"}) {
                assertTrue(Files.size(out.resolve(f)) > 0, algo[0] + ": " + f);
            }
            List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
            assertEquals(3, metrics.size(), "a header and rows at 1,000 and 1,500 steps");
            assertTrue(metrics.get(0).startsWith("env_steps,rollout/episode_return,rollout/episodes,loss/critic,loss/actor"));
            assertEquals(3, Files.readAllLines(out.resolve("eval.csv")).size(), "evaluations at 1,000 and at the end");
            assertTrue(Safetensors.read(out.resolve("policy.safetensors")).state().names().stream().allMatch(n -> n.startsWith("actor.")));
            Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(out.resolve("manifest.json")));
            assertEquals(algo[0], manifest.get("algorithm"));
        }
        Path again = tmp.resolve("again");
        assertEquals(0, train(again, "mex", "pendulum", "--set", "td3.learningStarts=500").status());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("mex/metrics.csv")), Files.readAllBytes(again.resolve("metrics.csv")));

        CliRunner report = CliRunner.run("report", "--runs", tmp.toString(), "--out", tmp.resolve("out/cmp").toString(), "--json");
        assertEquals(0, report.status(), report.err());
        Map<String, Object> rep = (Map<String, Object>) Json.parse(report.out());
        List<Map<String, Object>> rows = (List<Map<String, Object>>) rep.get("rows");
        assertEquals(4, rows.size(), "one row per algorithm");
        Map<String, Object> mex = rows.stream().filter(x -> x.get("algo").equals("mex")).findFirst().orElseThrow();
        assertEquals(2, ((List<?>) mex.get("seeds")).size(), "the repeated run counts as a second seed entry");
        assertTrue(Files.size(tmp.resolve("out/cmp-pendulum-v1.png")) > 0);
        assertTrue(Files.readString(tmp.resolve("out/cmp.md")).contains("| Pendulum-v1 | sac | 1 | 1,500 |"));
    }

    @Test
    void badOffPolicyInputsGetOneLineErrors() {
        CliRunner envs = train(tmp.resolve("a"), "sac", "pendulum", "--num-envs", "4");
        assertEquals(2, envs.status());
        assertTrue(envs.err().contains("--num-envs: sac steps one env"), envs.err());
        CliRunner group = train(tmp.resolve("b"), "mex", "pendulum", "--set", "td3=3");
        assertEquals(2, group.status());
        assertTrue(group.err().contains("'td3' is a group of settings"), group.err());
        CliRunner nested = train(tmp.resolve("c"), "mex", "pendulum", "--set", "td3.batchSize=0");
        assertEquals(2, nested.status());
        assertTrue(nested.err().contains("batchSize"), nested.err());
        CliRunner unknown = train(tmp.resolve("d"), "mex", "pendulum", "--set", "td3.nope=1");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown key 'nope' for mex.td3"), unknown.err());
        CliRunner discrete = train(tmp.resolve("e"), "sac", "pendulum", "--env", "CartPole-v1");
        assertEquals(2, discrete.status());
        assertTrue(discrete.err().contains("--env"), discrete.err());
        assertTrue(!Files.exists(tmp.resolve("a")) && !Files.exists(tmp.resolve("e")), "no run folder for a refused run");
    }
}
