package dev.proxima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BanditCommandTest {
    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void banditRunThenOffPolicyEvaluationOfItsLog() throws Exception {
        Path out = tmp.resolve("run"), log = tmp.resolve("log.jsonl");
        CliRunner r = CliRunner.run("bandit", "--data", "iris", "--policy", "uniform,linucb", "--rounds", "2000",
                "--log-out", log.toString(), "--out", out.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        Map<String, Object> json = (Map<String, Object>) Json.parse(r.out());
        Map<String, Object> policies = (Map<String, Object>) json.get("policies");
        double uniform = (Double) ((Map<String, Object>) policies.get("uniform")).get("average_reward");
        double linucb = (Double) ((Map<String, Object>) policies.get("linucb")).get("average_reward");
        assertTrue(linucb > uniform, json.toString());
        assertNotNull(ImageIO.read(out.resolve("regret.png").toFile()));
        assertEquals(2000, Files.readAllLines(log).size());

        CliRunner ope = CliRunner.run("ope", "--log", log.toString(), "--target-policy", "greedy-model", "--json");
        assertEquals(0, ope.status(), ope.err());
        Map<String, Object> est = (Map<String, Object>) Json.parse(ope.out());
        for (String k : new String[] {"ips", "snips", "dm", "dr"}) {
            double v = (Double) ((Map<String, Object>) est.get(k)).get("value");
            // The log is uniform over 3 classes (value 1/3); a model-greedy target does far better.
            assertTrue(v > 0.6 && v <= 1.2, k + " " + v);
        }
    }
}
