package dev.proxima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.io.Json;
import dev.proxima.serve.DecisionService;
import dev.proxima.serve.ServeConfig;
import dev.proxima.serve.http.HttpApi;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open-loop generator against a real service: every scheduled rank is answered and rewarded,
 * and its counts agree with the server's own (decisions logged, rewards joined).
 */
class LoadCommandTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void everyScheduledRankIsAnsweredAndRewardedAndCountsLineUp() throws Exception {
        ServeConfig config = ServeConfig.defaults(dir, "0123456789abcdef-load-test").withPort(0);
        try (DecisionService service = new DecisionService(config, System::currentTimeMillis)) {
            var app = HttpApi.start(service);
            try {
                CliRunner r = CliRunner.run("load", "--target", "http://127.0.0.1:" + app.port(), "--rate", "300",
                        "--seconds", "2", "--warmup", "1", "--connections", "8", "--json");
                assertEquals(0, r.status(), r.err());
                Map<String, Object> out = (Map<String, Object>) Json.parse(r.out());
                assertEquals(900, ((Number) out.get("rank_2xx")).intValue());
                assertEquals(900, ((Number) out.get("reward_2xx")).intValue());
                assertEquals(0, ((Number) out.get("not_completed")).intValue());
                assertEquals(0, ((Number) out.get("connection_errors")).intValue());
                double perSecond = ((Number) out.get("rank_per_s")).doubleValue();
                assertTrue(perSecond > 200 && perSecond < 400, "measured rate " + perSecond + " for a target of 300/s");
                String metrics = service.metricsText();
                assertTrue(metrics.contains("proxima_decisions_logged_total 900"), metrics);
                assertTrue(metrics.contains("proxima_rewards_joined_total 900"), metrics);
            } finally {
                app.stop();
            }
        }
    }
}
