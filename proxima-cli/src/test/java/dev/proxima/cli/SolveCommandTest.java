package dev.proxima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolveCommandTest {
    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(0, r.status(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        return (Map<String, Object>) Json.parse(r.out());
    }

    @Test
    void cfrAndCfrPlusOnKuhnMeetTheBarsAndWriteARunFolder() throws IOException {
        Path out = tmp.resolve("cfr");
        Map<String, Object> cfr = json("solve", "--game", "kuhn", "--algo", "cfr", "--iters", "1000", "--out", out.toString(),
                "--json");
        assertEquals(1000L, cfr.get("iterations"));
        assertTrue((Double) cfr.get("exploitability") < 2e-3, cfr.toString());
        Map<String, Object> plus = json("solve", "--game", "kuhn", "--algo", "cfr+", "--iters", "1000", "--out",
                tmp.resolve("plus").toString(), "--json");
        assertTrue((Double) plus.get("exploitability") < 2e-4, plus.toString());
        for (String f : new String[] {"manifest.json", "metrics.csv", "curve.png", "policy.json", "summary.json"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertNotNull(ImageIO.read(out.resolve("curve.png").toFile()));
        Map<String, Object> policy = (Map<String, Object>) Json.parseFile(out.resolve("policy.json"));
        assertEquals(12, policy.size());
    }

    @Test
    void cooperativeGamesReportTheReturn() {
        Map<String, Object> md = json("solve", "--game", "tiny-hanabi-b", "--algo", "md", "--iters", "2000", "--out",
                tmp.resolve("md").toString(), "--json");
        assertEquals(1.0, (Double) md.get("return"), 1e-3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void searchAtAKuhnHistory() {
        Map<String, Object> r = json("search", "--game", "kuhn", "--history", "0,1", "--rule", "mmd", "--json");
        assertEquals(0L, r.get("player"));
        assertEquals("0", r.get("information_state"));
        List<Object> q = (List<Object>) r.get("action_values");
        // Jack against a uniform opponent: passing loses 1.25 on average, betting 0.5.
        assertEquals(-1.25, (Double) q.get(0), 1e-12);
        assertEquals(-0.5, (Double) q.get(1), 1e-12);
    }
}
