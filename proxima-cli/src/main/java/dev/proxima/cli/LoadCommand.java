package dev.proxima.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An open-loop load generator for the decision service: rank requests are due at a fixed rate,
 * whatever the server's speed, and each acknowledged rank is followed by its reward on the same
 * keep-alive connection. A rank's latency runs from the moment it was due, so time spent waiting
 * for a free connection behind a slow server counts (no coordinated omission); a reward's runs
 * from when it was sent.
 *
 * <p>One thread drives every connection through a selector with minimal HTTP/1.1, so the
 * generator's own cost, which it pays on the same cores as the server, stays small (a thread per
 * connection cost about as much CPU as the server itself).
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Open-loop load on a running decision service: rank at a fixed rate plus the matching reward.")
final class LoadCommand implements Callable<Integer> {
    private static final byte[] EVENT_ID = "\"eventId\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

    @Option(names = "--target", required = true, description = "service base URL, e.g. http://127.0.0.1:8637")
    String target;

    @Option(names = "--rate", description = "rank requests per second (default: ${DEFAULT-VALUE})", defaultValue = "5000")
    String rate;

    @Option(names = "--seconds", description = "duration (default: ${DEFAULT-VALUE})", defaultValue = "60")
    String seconds;

    @Option(names = "--warmup", description = "seconds of load before the measured window, not counted in the "
            + "latencies, so neither JVM is measured while still compiling (default: ${DEFAULT-VALUE})", defaultValue = "10")
    String warmup;

    @Option(names = "--connections", description = "keep-alive connections (default: ${DEFAULT-VALUE})", defaultValue = "128")
    String connections;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    /** One keep-alive connection: idle, waiting for a rank's answer, or waiting for a reward's. */
    private static final class Connection {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        long rank = -1;      // index of the rank in flight, or -1
        long sentNanos;      // when the request in flight was due (rank) or sent (reward)
        boolean rewarding;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    @Override
    public Integer call() throws Exception {
        int r = Parse.positiveInt("--rate", rate), s = Parse.positiveInt("--seconds", seconds);
        int c = Parse.positiveInt("--connections", connections);
        int w = Parse.nonNegativeInt("--warmup", warmup);
        URI uri = URI.create(target);
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new UsageException("--target: '" + target + "' must be http://HOST:PORT");
        }
        String host = uri.getHost() + ":" + uri.getPort();
        long warm = (long) r * w, total = warm + (long) r * s;
        if (total > Integer.MAX_VALUE) {
            throw new UsageException("--rate × (--seconds + --warmup) must be at most " + Integer.MAX_VALUE + ", was " + total);
        }
        long[] rankMicros = new long[(int) total];
        long[] rewardMicros = new long[(int) total];
        int rewardsTimed = 0;
        long ranksOk = 0, rewardsOk = 0, errors = 0, done = 0;
        Map<Integer, Long> rankStatus = new TreeMap<>();

        try (Selector selector = Selector.open()) {
            ArrayDeque<Connection> idle = new ArrayDeque<>();
            for (int i = 0; i < c; i++) {
                SocketChannel ch = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                Connection conn = new Connection(ch);
                ch.register(selector, SelectionKey.OP_READ, conn);
                idle.add(conn);
            }
            ByteBuffer out = ByteBuffer.allocate(4096);
            long start = System.nanoTime() + 100_000_000L;
            long measuredStart = start + w * 1_000_000_000L, lastAnswer = measuredStart;
            long measuredOk = 0;
            long deadline = start + (w + s + 30L) * 1_000_000_000L; // the last answers get 30 s
            long issued = 0;
            int alive = c;
            while (done < total && alive > 0 && System.nanoTime() < deadline && (issued < total || idle.size() < alive)) {
                long now = System.nanoTime();
                long due = Math.min(total, now < start ? 0 : (long) ((now - start) / 1e9 * r) + 1);
                while (issued < due && !idle.isEmpty()) {
                    Connection conn = idle.poll();
                    conn.rank = issued;
                    conn.rewarding = false;
                    conn.sentNanos = start + (long) (issued * 1e9 / r);
                    String body = "{\"context\":{\"user\":\"u" + (issued % 64) + "\",\"tenure\":" + (issued % 10)
                            + "},\"actions\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"},{\"id\":\"d\"},{\"id\":\"e\"}]}";
                    send(conn, out, host, "/v1/rank", body);
                    issued++;
                }
                long nextDue = issued < total ? start + (long) (issued * 1e9 / r) : now + 50_000_000L;
                long wait = nextDue - System.nanoTime();
                if (!idle.isEmpty() && wait <= 0 && issued < total) {
                    selector.selectNow();
                } else {
                    // Millisecond resolution: a rank due within the next millisecond waits for it (and
                    // its latency, counted from when it was due, includes that wait) instead of spinning.
                    selector.select(Math.max(1, wait / 1_000_000));
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection conn = (Connection) key.attachment();
                    int n;
                    try {
                        n = conn.channel.read(conn.in);
                    } catch (IOException e) {
                        n = -1;
                    }
                    if (n < 0) {
                        key.cancel();
                        alive--;
                        errors++;
                        if (conn.rank >= 0) {
                            done++;
                        }
                        continue;
                    }
                    Response resp = parse(conn.in);
                    if (resp == null) {
                        continue;
                    }
                    long t = System.nanoTime();
                    if (!conn.rewarding) {
                        rankMicros[(int) conn.rank] = (t - conn.sentNanos) / 1000;
                        rankStatus.merge(resp.status, 1L, Long::sum);
                        String eventId = resp.status == 200 ? eventId(conn.in, resp.bodyStart, resp.bodyEnd) : null;
                        conn.in.clear();
                        if (eventId != null) {
                            ranksOk++;
                            if (conn.rank >= warm) {
                                measuredOk++;
                                lastAnswer = t;
                            }
                            conn.rewarding = true;
                            conn.sentNanos = t;
                            send(conn, out, host, "/v1/reward",
                                    "{\"eventId\":\"" + eventId + "\",\"value\":" + (conn.rank % 2) + "}");
                            continue;
                        }
                    } else {
                        if (conn.rank >= warm) {
                            rewardMicros[rewardsTimed++] = (t - conn.sentNanos) / 1000;
                        }
                        if (resp.status == 202) {
                            rewardsOk++;
                        }
                        conn.in.clear();
                    }
                    conn.rank = -1;
                    done++;
                    idle.add(conn);
                }
                selector.selectedKeys().clear();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            for (SelectionKey key : selector.keys()) key.channel().close();

            long[] ranks = Arrays.copyOfRange(rankMicros, (int) Math.min(warm, issued), (int) Math.min(issued, total));
            Arrays.sort(ranks);
            long[] rewards = Arrays.copyOf(rewardMicros, rewardsTimed);
            Arrays.sort(rewards);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("target_rank_rate", r);
            result.put("seconds", elapsed);
            result.put("warmup_seconds", w);
            result.put("rank_2xx", ranksOk);
            double measuredSeconds = Math.max(1e-9, (lastAnswer - measuredStart) / 1e9);
            result.put("rank_per_s", measuredOk / measuredSeconds);
            result.put("reward_2xx", rewardsOk);
            Map<String, Object> statuses = new TreeMap<>();
            rankStatus.forEach((k, v) -> statuses.put(Integer.toString(k), v));
            result.put("rank_statuses", statuses);
            result.put("not_completed", total - done);
            result.put("connection_errors", errors);
            result.put("rank_p50_ms", percentile(ranks, 0.50));
            result.put("rank_p90_ms", percentile(ranks, 0.90));
            result.put("rank_p99_ms", percentile(ranks, 0.99));
            result.put("rank_max_ms", ranks.length == 0 ? Double.NaN : ranks[ranks.length - 1] / 1000.0);
            result.put("reward_p99_ms", percentile(rewards, 0.99));
            if (json) {
                JsonOut.print(result);
            } else {
                result.forEach((k, v) -> Streams.err().println(String.format(Locale.ROOT, "%-20s %s", k, v)));
            }
        }
        return 0;
    }

    /** Writes one POST (headers and body in one write, so one packet). */
    private static void send(Connection conn, ByteBuffer out, String host, String path, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: "
                + b.length + "\r\n\r\n";
        out.clear();
        out.put(head.getBytes(StandardCharsets.US_ASCII)).put(b).flip();
        while (out.hasRemaining()) {
            conn.channel.write(out); // small requests: the socket buffer takes them at once
        }
    }

    private record Response(int status, int bodyStart, int bodyEnd) {}

    /** A complete response in {@code in} (read mode not needed: positions are absolute), or null. */
    private static Response parse(ByteBuffer in) {
        byte[] a = in.array();
        int len = in.position();
        int headerEnd = indexOf(a, 0, len, HEADER_END);
        if (headerEnd < 0 || len < 12) {
            return null;
        }
        int status = (a[9] - '0') * 100 + (a[10] - '0') * 10 + (a[11] - '0');
        int contentLength = 0;
        for (int i = 0; i < headerEnd; i++) {
            if ((a[i] == 'C' || a[i] == 'c') && regionMatchesIgnoreCase(a, i, CONTENT_LENGTH)) {
                int j = i + CONTENT_LENGTH.length;
                while (a[j] == ' ') j++;
                while (a[j] >= '0' && a[j] <= '9') contentLength = contentLength * 10 + (a[j++] - '0');
                break;
            }
        }
        int bodyStart = headerEnd + HEADER_END.length;
        return len >= bodyStart + contentLength ? new Response(status, bodyStart, bodyStart + contentLength) : null;
    }

    private static String eventId(ByteBuffer in, int from, int to) {
        byte[] a = in.array();
        int i = indexOf(a, from, to, EVENT_ID);
        if (i < 0) {
            return null;
        }
        int s = i + EVENT_ID.length, e = s;
        while (e < to && a[e] != '"') e++;
        return new String(a, s, e - s, StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] a, int from, int to, byte[] pattern) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (a[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean regionMatchesIgnoreCase(byte[] a, int at, byte[] lowerPattern) {
        for (int k = 0; k < lowerPattern.length; k++) {
            if (Character.toLowerCase(a[at + k]) != lowerPattern[k]) {
                return false;
            }
        }
        return true;
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1000.0;
    }
}
