package dev.proxima.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a serving process under load, then recovery: every rank and reward the
 * clients saw acknowledged is in the recovered state exactly once (acknowledged rewards are
 * duplicates, acknowledged but unrewarded decisions still accept their reward).
 */
@Tag("fault")
class CrashRecoveryTest {
    @TempDir
    Path dir;

    private static final Pattern EVENT = Pattern.compile("\"eventId\":\"([^\"]+)\"");

    @Test
    void everyAcknowledgedEventSurvivesKillNine() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
        String line;
        int port = -1;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("PORT ")) {
                port = Integer.parseInt(line.substring(5).trim());
                break;
            }
        }
        assertTrue(port > 0, "child did not start");
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Set<String> decided = ConcurrentHashMap.newKeySet(), rewarded = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] clients = new Thread[4];
        for (int t = 0; t < clients.length; t++) {
            int id = t;
            clients[t] = new Thread(() -> {
                int i = 0;
                while (!stop.get()) {
                    try {
                        var r = http.send(post(base + "/v1/rank", "{\"context\":{\"u\":" + (id * 1000 + i++ % 50)
                                + "},\"actions\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"}]}"), HttpResponse.BodyHandlers.ofString());
                        Matcher m = EVENT.matcher(r.body());
                        if (r.statusCode() == 200 && m.find()) {
                            decided.add(m.group(1));
                            if (i % 2 == 0) {
                                var w = http.send(post(base + "/v1/reward", "{\"eventId\":\"" + m.group(1) + "\",\"value\":1}"),
                                        HttpResponse.BodyHandlers.ofString());
                                if (w.statusCode() == 202) {
                                    rewarded.add(m.group(1));
                                }
                            }
                        }
                    } catch (Exception e) {
                        return; // the server died mid-request: nothing acknowledged for this one
                    }
                }
            });
            clients[t].start();
        }
        Thread.sleep(2500);
        child.destroyForcibly().waitFor();
        stop.set(true);
        for (Thread c : clients) c.join();
        assertTrue(decided.size() > 50, "too little load before the kill: " + decided.size());

        ServeConfig c = ServeConfig.defaults(dir, "0123456789abcdef0123456789abcdef");
        try (DecisionService recovered = new DecisionService(c, System::currentTimeMillis)) {
            for (String id : rewarded) {
                assertEquals("duplicate", recovered.reward(id, 1).get().status(), "acknowledged reward " + id);
            }
            int open = 0;
            for (String id : decided) {
                if (!rewarded.contains(id)) {
                    String status = recovered.reward(id, 0).get().status();
                    assertTrue(List.of("accepted", "duplicate").contains(status), id + ": " + status);
                    open += status.equals("accepted") ? 1 : 0;
                }
            }
            assertTrue(open > 0, "acknowledged decisions without a reward must still accept one");
        }
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
