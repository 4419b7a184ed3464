package dev.proxima.cli;

import dev.proxima.core.io.Json;
import dev.proxima.core.random.Rng;
import dev.proxima.envs.bandit.Datasets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Drive a running decision service with simulated users built from a real data set: each request "
                + "shows an example's features as the context and its classes as the actions, and rewards 1 when the "
                + "service picks the true class.")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--target", required = true, description = "service base URL, e.g. http://127.0.0.1:8637")
    String target;

    @Option(names = "--data", required = true, description = "data set: iris, glass, segment, soybean, vote, ionosphere")
    String data;

    @Option(names = "--requests", description = "rank requests (default: ${DEFAULT-VALUE})", defaultValue = "5000")
    String requests;

    @Option(names = "--seed", description = "seed of the simulated users (default: ${DEFAULT-VALUE})", defaultValue = "1")
    String seed;

    @Option(names = "--window", description = "requests per reported average (default: ${DEFAULT-VALUE})",
            defaultValue = "500")
    String window;

    @Option(names = "--auth-token", description = "bearer token of the service")
    String token;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws Exception {
        Datasets.Dataset d;
        try {
            d = Datasets.load(data);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--data: " + e.getMessage(), e);
        }
        int n = Parse.positiveInt("--requests", requests), w = Parse.positiveInt("--window", window);
        Rng rng = Rng.of(Parse.seed(seed));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Object> actions = new ArrayList<>();
        for (String c : d.classes()) actions.add(Map.of("id", c));
        double[] rewards = new double[n];
        Progress progress = new Progress(Streams.err(), "simulate " + data, n);
        for (int t = 0; t < n; t++) {
            int i = rng.nextInt(d.size());
            Map<String, Object> context = new LinkedHashMap<>();
            double[] x = d.features()[i];
            for (int j = 0; j < x.length - 1; j++) context.put("x" + j, x[j]);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("context", context);
            body.put("actions", actions);
            Map<String, Object> ranked = (Map<String, Object>) Json.parse(post(http, "/v1/rank", Json.write(body), 200));
            double r = ranked.get("action").equals(d.classes().get(d.labels()[i])) ? 1 : 0;
            Map<String, Object> reward = new LinkedHashMap<>();
            reward.put("eventId", ranked.get("eventId"));
            reward.put("value", r);
            post(http, "/v1/reward", Json.write(reward), 202);
            rewards[t] = r;
            progress.update(t + 1, "");
        }
        progress.finish();
        double uniform = 1.0 / d.classes().size();
        List<Object> windows = new ArrayList<>();
        int firstAbove = -1;
        for (int s = 0; s + w <= n; s += w) {
            double avg = 0;
            for (int t = s; t < s + w; t++) avg += rewards[t];
            avg /= w;
            windows.add(avg);
            if (firstAbove < 0 && avg > uniform) {
                firstAbove = s + w;
            }
        }
        double total = 0;
        for (double r : rewards) total += r;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", data);
        out.put("requests", n);
        out.put("average_reward", total / n);
        out.put("uniform_expected_reward", uniform);
        out.put("window", w);
        out.put("window_average_rewards", windows);
        out.put("requests_until_above_uniform", firstAbove);
        if (json) {
            JsonOut.print(out);
        } else {
            Streams.err().printf(Locale.ROOT, "simulate: %d requests on %s: average reward %.3f (uniform %.3f); window "
                    + "averages %s%n", n, data, total / n, uniform, windows);
        }
        return 0;
    }

    private String post(HttpClient http, String path, String body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new UsageException("--target: cannot connect to " + target + " (" + e.getMessage() + ")");
        }
        if (r.statusCode() != expected) {
            throw new UsageException("--target: " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
