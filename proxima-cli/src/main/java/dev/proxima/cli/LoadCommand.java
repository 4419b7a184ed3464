package dev.proxima.cli;

import dev.proxima.core.io.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Open-loop load against a running decision service: rank requests at a fixed rate, each followed "
                + "by the matching reward; reports throughput, latency percentiles (measured from each request's "
                + "scheduled start, so queueing counts) and the server's own counters.")
final class LoadCommand implements Callable<Integer> {
    private static final Pattern EVENT = Pattern.compile("\"eventId\":\"([^\"]+)\"");

    @Option(names = "--target", required = true, description = "service base URL, e.g. http://127.0.0.1:8637")
    String target;

    @Option(names = "--rate", description = "rank requests per second (default: ${DEFAULT-VALUE})", defaultValue = "5000")
    String rate;

    @Option(names = "--seconds", description = "duration (default: ${DEFAULT-VALUE})", defaultValue = "60")
    String seconds;

    @Option(names = "--in-flight", description = "maximum requests in flight; beyond it the generator counts a "
            + "dropped request rather than queueing without bound (default: ${DEFAULT-VALUE})", defaultValue = "2048")
    String inFlight;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int r = Parse.positiveInt("--rate", rate), s = Parse.positiveInt("--seconds", seconds);
        Semaphore slots = new Semaphore(Parse.positiveInt("--in-flight", inFlight));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        int total = r * s;
        long[] rankLatencyMicros = new long[total];
        AtomicInteger latencies = new AtomicInteger();
        Map<Integer, AtomicLong> rankStatus = new ConcurrentHashMap<>(), rewardStatus = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong(), dropped = new AtomicLong();
        String[] users = new String[64];
        for (int i = 0; i < users.length; i++) users[i] = "{\"context\":{\"user\":\"u" + i + "\",\"tenure\":" + (i % 10)
                + "},\"actions\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"},{\"id\":\"d\"},{\"id\":\"e\"}]}";
        long start = System.nanoTime();
        CompletableFuture<?>[] all = new CompletableFuture<?>[total];
        for (int i = 0; i < total; i++) {
            long scheduled = start + (long) (i * 1e9 / r);
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!slots.tryAcquire()) {
                dropped.incrementAndGet();
                all[i] = CompletableFuture.completedFuture(null);
                continue;
            }
            all[i] = http.sendAsync(post("/v1/rank", users[i % users.length]), HttpResponse.BodyHandlers.ofString())
                    .thenCompose(resp -> {
                        rankLatencyMicros[latencies.getAndIncrement()] = (System.nanoTime() - scheduled) / 1000;
                        rankStatus.computeIfAbsent(resp.statusCode(), k -> new AtomicLong()).incrementAndGet();
                        Matcher m = EVENT.matcher(resp.body());
                        if (resp.statusCode() != 200 || !m.find()) {
                            return CompletableFuture.completedFuture(null);
                        }
                        String reward = "{\"eventId\":\"" + m.group(1) + "\",\"value\":" + (m.hashCode() % 2) + "}";
                        return http.sendAsync(post("/v1/reward", reward), HttpResponse.BodyHandlers.discarding())
                                .thenAccept(rr -> rewardStatus.computeIfAbsent(rr.statusCode(), k -> new AtomicLong())
                                        .incrementAndGet());
                    })
                    .exceptionally(e -> {
                        errors.incrementAndGet();
                        return null;
                    })
                    .whenComplete((x, e) -> slots.release());
        }
        CompletableFuture.allOf(all).get(120, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        int n = latencies.get();
        long[] lat = Arrays.copyOf(rankLatencyMicros, n);
        Arrays.sort(lat);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target_rate", r);
        out.put("seconds", elapsed);
        long ok = rankStatus.getOrDefault(200, new AtomicLong()).get();
        out.put("rank_2xx", ok);
        out.put("rank_per_s", ok / elapsed);
        out.put("reward_2xx", rewardStatus.getOrDefault(202, new AtomicLong()).get());
        out.put("rank_statuses", statuses(rankStatus));
        out.put("reward_statuses", statuses(rewardStatus));
        out.put("transport_errors", errors.get());
        out.put("dropped_by_generator", dropped.get());
        out.put("rank_p50_ms", percentile(lat, 0.50));
        out.put("rank_p99_ms", percentile(lat, 0.99));
        out.put("rank_max_ms", n == 0 ? Double.NaN : lat[n - 1] / 1000.0);
        out.put("server_metrics", serverCounters(http));
        if (json) {
            JsonOut.print(out);
        } else {
            out.forEach((k, v) -> Streams.err().println(String.format(Locale.ROOT, "%-22s %s", k, v)));
        }
        return 0;
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(target + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static Map<String, Object> statuses(Map<Integer, AtomicLong> m) {
        Map<String, Object> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(Integer.toString(k), v.get()));
        return out;
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1000.0;
    }

    private Map<String, Object> serverCounters(HttpClient http) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            String text = http.send(HttpRequest.newBuilder(URI.create(target + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : text.split("\n")) {
                if (line.startsWith("proxima_decisions_logged_total ") || line.startsWith("proxima_rewards_joined_total ")) {
                    String[] p = line.split(" ");
                    out.put(p[0], Long.parseLong(p[1]));
                }
            }
        } catch (Exception e) {
            out.put("error", String.valueOf(e.getMessage()));
        }
        return out;
    }
}
