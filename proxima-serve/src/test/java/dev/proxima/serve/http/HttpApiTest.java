package dev.proxima.serve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.io.Json;
import dev.proxima.core.random.Rng;
import dev.proxima.serve.DecisionService;
import dev.proxima.serve.ServeConfig;
import io.javalin.Javalin;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP contract on a real server on loopback: status codes, problem bodies, limits, auth. */
class HttpApiTest {
    @TempDir
    Path dir;

    DecisionService service;
    Javalin app;
    HttpClient http = HttpClient.newHttpClient();
    String base;

    void start(String token) throws Exception {
        ServeConfig c = ServeConfig.defaults(dir, "0123456789abcdef0123456789abcdef").withPort(0);
        c = new ServeConfig(c.host(), 0, dir, c.features(), c.alpha(), c.lambda(), c.epsilon(), c.rewardWindowMillis(),
                c.defaultReward(), c.minReward(), c.maxReward(), 4096, 8, 6, 1000, token, c.secret(), c.seed(),
                c.queueCapacity(), c.snapshotEvery(), c.learner(), c.shadow());
        service = new DecisionService(c, System::currentTimeMillis);
        app = HttpApi.start(service);
        base = "http://127.0.0.1:" + app.port();
    }

    @BeforeEach
    void startDefault() throws Exception {
        start(null);
    }

    @AfterEach
    void stop() throws Exception {
        app.stop();
        service.close();
    }

    HttpResponse<String> post(String path, String contentType, byte[] body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> r) {
        return (Map<String, Object>) Json.parse(r.body());
    }

    static final String RANK = "{\"context\":{\"user\":\"u\"},\"actions\":[{\"id\":\"a\"},{\"id\":\"b\"}]}";

    @Test
    @SuppressWarnings("unchecked")
    void rankAndRewardRoundTrip() throws Exception {
        var r = post("/v1/rank", RANK);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> body = json(r);
        assertTrue(((String) body.get("eventId")).contains("."));
        assertEquals(2, ((java.util.List<Object>) body.get("ranking")).size());
        String reward = "{\"eventId\":\"" + body.get("eventId") + "\",\"value\":1}";
        assertEquals("accepted", json(post("/v1/reward", reward)).get("status"));
        var dup = post("/v1/reward", reward);
        assertEquals(202, dup.statusCode());
        assertEquals("duplicate", json(dup).get("status"));
        var health = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        var metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(metrics.body().contains("proxima_decisions_logged_total 1"), metrics.body());
        assertTrue(metrics.body().contains("proxima_rewards_joined_total 1"), metrics.body());
    }

    private void assertProblem(HttpResponse<String> r, int status, String type) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        Map<String, Object> p = json(r);
        assertEquals((long) status, p.get("status"));
        assertTrue(((String) p.get("type")).endsWith(type), r.body());
    }

    @Test
    void badInputsGetTheirStatusAndProblemBody() throws Exception {
        assertProblem(post("/v1/rank", "{\"actions\": [}"), 400, "invalid-request");
        assertProblem(post("/v1/rank", "text/plain", RANK.getBytes(StandardCharsets.UTF_8), null), 415, "unsupported-media-type");
        assertProblem(post("/v1/rank", "{\"x\":\"" + "y".repeat(5000) + "\",\"actions\":[{\"id\":\"a\"}]}"), 413, "body-too-large");
        assertProblem(post("/v1/rank", "{\"context\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":1}}}}}},\"actions\":[{\"id\":\"a\"}]}"),
                400, "invalid-request");
        assertProblem(post("/v1/rank", "{\"context\":{\"x\":NaN},\"actions\":[{\"id\":\"a\"}]}"), 400, "invalid-request");
        assertProblem(post("/v1/rank", "{\"actions\":[]}"), 400, "invalid-request");
        assertProblem(post("/v1/rank", "{\"actions\":[{\"id\":\"a\"},{\"id\":\"a\"}]}"), 400, "invalid-request");
        assertProblem(post("/v1/rank", "{\"actions\":[{\"id\":\"1\"},{\"id\":\"2\"},{\"id\":\"3\"},{\"id\":\"4\"},{\"id\":\"5\"},"
                + "{\"id\":\"6\"},{\"id\":\"7\"},{\"id\":\"8\"},{\"id\":\"9\"}]}"), 400, "invalid-request");
        assertProblem(post("/v1/reward", "{\"eventId\":\"abc.0000000000000000\",\"value\":1}"), 404, "unknown-event");
        assertProblem(post("/v1/reward", "{\"eventId\":\"never\",\"value\":1}"), 404, "unknown-event");
        String id = (String) json(post("/v1/rank", RANK)).get("eventId");
        assertProblem(post("/v1/reward", "{\"eventId\":\"" + id + "\",\"value\":3}"), 400, "invalid-request");
        assertProblem(post("/v1/reward", "{\"eventId\":\"" + id + "\",\"value\":1,\"extra\":2}"), 400, "invalid-request");
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertProblem(post("/v1/rank", "application/json", invalidUtf8, null), 400, "invalid-request");
    }

    @Test
    void generatedMalformedRequestsLeaveTheServerHealthyAndTheLogClean() throws Exception {
        Rng rng = Rng.of(42);
        String[] pieces = {"{", "}", "[", "]", "\"actions\"", ":", ",", "\"id\"", "\"a\"", "1e999", "NaN", "null", "\"\\u00\"",
            "{\"actions\":", "-", "0x1", "true"};
        int refused = 0;
        for (int i = 0; i < 1000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0, n = 1 + rng.nextInt(12); k < n; k++) sb.append(pieces[rng.nextInt(pieces.length)]);
            var r = post(i % 2 == 0 ? "/v1/rank" : "/v1/reward", sb.toString());
            if (r.statusCode() >= 400 && r.statusCode() < 500) {
                refused++;
            } else {
                assertEquals(200, r.statusCode(), "unexpected " + r.statusCode() + " for " + sb + ": " + r.body());
            }
        }
        assertTrue(refused > 950, "refused " + refused);
        var metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        long logged = Long.parseLong(metrics.body().lines().filter(l -> l.startsWith("proxima_decisions_logged_total "))
                .findFirst().orElseThrow().split(" ")[1]);
        assertEquals(1000 - refused, logged, "only accepted ranks are logged");
        assertEquals(200, post("/v1/rank", RANK).statusCode());
    }

    @Test
    void aSlowClientThatNeverFinishesItsHeadersIsCutOff() throws Exception {
        try (Socket s = new Socket("127.0.0.1", app.port())) {
            OutputStream out = s.getOutputStream();
            out.write("POST /v1/rank HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            long start = System.nanoTime();
            int b = in.read(); // the server closes the idle connection (1 s idle timeout here)
            assertTrue(b == -1 || (System.nanoTime() - start) / 1e9 < 4.5, "connection was not closed");
        }
        assertEquals(200, post("/v1/rank", RANK).statusCode());
    }

    @Test
    void withAuthOnRequestsNeedTheTokenAndTouchNothingWithout() throws Exception {
        stop();
        start("s3cret-token");
        assertProblem(post("/v1/rank", RANK), 401, "unauthorized");
        assertProblem(post("/v1/rank", "application/json", RANK.getBytes(StandardCharsets.UTF_8), "wrong"), 401, "unauthorized");
        var admin = post("/v1/admin/snapshot", "application/json", "{}".getBytes(StandardCharsets.UTF_8), null);
        assertEquals(401, admin.statusCode());
        assertEquals(200, post("/v1/rank", "application/json", RANK.getBytes(StandardCharsets.UTF_8), "s3cret-token").statusCode());
        assertEquals("v0", service.modelVersion());
        assertEquals(1L, service.modelInfo().get("openDecisions") instanceof Integer i ? (long) i : -1L);
    }
}
