package dev.proxima.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An open-loop load generator for the decision service: rank requests are scheduled at a fixed
 * rate, whatever the server's speed, and each acknowledged rank is followed by its reward on the
 * same keep-alive connection. Latency is measured from each request's scheduled time, so time spent
 * queueing behind a slow server counts (no coordinated omission). Each connection is a plain
 * socket on its own thread speaking minimal HTTP/1.1. The generator shares the machine's cores with
 * the server, so its own cost counts against the result: wrk ({@code scripts/load-test.sh}) is
 * lighter for measuring the server's ceiling.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Open-loop load on a running decision service: rank at a fixed rate plus the matching reward.")
final class LoadCommand implements Callable<Integer> {
    private static final Pattern EVENT = Pattern.compile("\"eventId\":\"([^\"]+)\"");

    @Option(names = "--target", required = true, description = "service base URL, e.g. http://127.0.0.1:8637")
    String target;

    @Option(names = "--rate", description = "rank requests per second (default: ${DEFAULT-VALUE})", defaultValue = "5000")
    String rate;

    @Option(names = "--seconds", description = "duration (default: ${DEFAULT-VALUE})", defaultValue = "60")
    String seconds;

    @Option(names = "--connections", description = "keep-alive connections (default: ${DEFAULT-VALUE})", defaultValue = "128")
    String connections;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int r = Parse.positiveInt("--rate", rate), s = Parse.positiveInt("--seconds", seconds);
        int c = Parse.positiveInt("--connections", connections);
        URI uri = URI.create(target);
        int total = r * s;
        long[] latencyMicros = new long[total];
        AtomicLong next = new AtomicLong(), done = new AtomicLong(), rewardsOk = new AtomicLong(), errors = new AtomicLong();
        Map<Integer, AtomicLong> rankStatus = new ConcurrentHashMap<>();
        long start = System.nanoTime() + 200_000_000L;
        Thread[] workers = new Thread[c];
        for (int w = 0; w < c; w++) {
            workers[w] = Thread.ofPlatform().daemon(true).start(() -> {
                try (Socket socket = new Socket()) {
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    long i;
                    while ((i = next.getAndIncrement()) < total) {
                        long scheduled = start + (long) (i * 1e9 / r);
                        long wait = scheduled - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        String body = "{\"context\":{\"user\":\"u" + (i % 64) + "\",\"tenure\":" + (i % 10)
                                + "},\"actions\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"},{\"id\":\"d\"},{\"id\":\"e\"}]}";
                        String[] rank = exchange(out, in, uri, "/v1/rank", body);
                        latencyMicros[(int) i] = (System.nanoTime() - scheduled) / 1000;
                        int status = Integer.parseInt(rank[0]);
                        rankStatus.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                        Matcher m = EVENT.matcher(rank[1]);
                        if (status == 200 && m.find()) {
                            String[] reward = exchange(out, in, uri, "/v1/reward",
                                    "{\"eventId\":\"" + m.group(1) + "\",\"value\":" + (i % 2) + "}");
                            if (reward[0].equals("202")) {
                                rewardsOk.incrementAndGet();
                            }
                        }
                        done.incrementAndGet();
                    }
                } catch (IOException | InterruptedException | RuntimeException e) {
                    errors.incrementAndGet();
                }
            });
        }
        for (Thread t : workers) t.join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        int n = (int) done.get();
        long[] lat = Arrays.copyOf(latencyMicros, Math.min(n, total));
        Arrays.sort(lat);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("target_rank_rate", r);
        result.put("seconds", elapsed);
        long ok = rankStatus.getOrDefault(200, new AtomicLong()).get();
        result.put("rank_2xx", ok);
        result.put("rank_per_s", ok / elapsed);
        result.put("reward_2xx", rewardsOk.get());
        Map<String, Object> statuses = new java.util.TreeMap<>();
        rankStatus.forEach((k, v) -> statuses.put(Integer.toString(k), v.get()));
        result.put("rank_statuses", statuses);
        result.put("connection_errors", errors.get());
        result.put("rank_p50_ms", percentile(lat, 0.50));
        result.put("rank_p90_ms", percentile(lat, 0.90));
        result.put("rank_p99_ms", percentile(lat, 0.99));
        result.put("rank_max_ms", lat.length == 0 ? Double.NaN : lat[lat.length - 1] / 1000.0);
        if (json) {
            JsonOut.print(result);
        } else {
            result.forEach((k, v) -> Streams.err().println(String.format(Locale.ROOT, "%-20s %s", k, v)));
        }
        return 0;
    }

    /** Sends one POST on a keep-alive connection and reads the status and body. */
    private static String[] exchange(OutputStream out, InputStream in, URI uri, String path, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
        String status = readLine(in);
        if (status == null || status.length() < 12) {
            throw new IOException("connection closed");
        }
        int length = 0;
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] payload = in.readNBytes(length);
        return new String[] {status.substring(9, 12), new String(payload, StandardCharsets.UTF_8)};
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int ch;
        while ((ch = in.read()) != -1) {
            if (ch == '\n') {
                return sb.toString();
            }
            if (ch != '\r') {
                sb.append((char) ch);
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1000.0;
    }
}
