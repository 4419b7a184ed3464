package dev.proxima.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.serve.http.HttpApi;
import dev.proxima.serve.log.EventLog;
import dev.proxima.serve.log.FaultyChannels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk gives 503 and never a 2xx; the service resumes by itself when space returns. */
class DiskFullTest {
    @TempDir
    Path dir;

    @Test
    void fullDiskAnswers503ThenRecovers() throws Exception {
        FaultyChannels disk = new FaultyChannels();
        ServeConfig config = ServeConfig.defaults(dir, "0123456789abcdef0123456789abcdef").withPort(0);
        DecisionService service = new DecisionService(config, System::currentTimeMillis,
                EventLog.Config.defaults().withChannelFactory(disk));
        var app = HttpApi.start(service);
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + app.port();
        String rank = "{\"actions\":[{\"id\":\"a\"},{\"id\":\"b\"}]}";
        try {
            var ok = send(http, base + "/v1/rank", rank);
            assertEquals(200, ok.statusCode());
            String id = ok.body().replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1");
            disk.writeBudget.set(0); // no space left
            for (int i = 0; i < 20; i++) {
                var r = send(http, base + "/v1/rank", rank);
                assertEquals(503, r.statusCode(), r.body());
                assertTrue(r.body().contains("log-unavailable"), r.body());
            }
            assertEquals(503, send(http, base + "/v1/reward", "{\"eventId\":\"" + id + "\",\"value\":1}").statusCode());
            disk.writeBudget.set(Long.MAX_VALUE); // space returns
            assertEquals(200, send(http, base + "/v1/rank", rank).statusCode());
            assertEquals(202, send(http, base + "/v1/reward", "{\"eventId\":\"" + id + "\",\"value\":1}").statusCode(),
                    "the reward refused during the outage can be retried");
        } finally {
            app.stop();
            service.close();
        }
        try (DecisionService reopened = new DecisionService(config, System::currentTimeMillis)) {
            assertEquals("v1", reopened.modelVersion(), "exactly the acknowledged reward was applied");
        }
    }

    private static HttpResponse<String> send(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
