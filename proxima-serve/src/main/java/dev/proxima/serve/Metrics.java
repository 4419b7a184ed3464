package dev.proxima.serve;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counters and a rank-latency histogram, rendered in the Prometheus text format. */
final class Metrics {
    private static final double[] BUCKETS_MS = {0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000};

    final AtomicLong decisionsLogged = new AtomicLong();
    final AtomicLong rewardsJoined = new AtomicLong();
    final AtomicLong rewardDuplicates = new AtomicLong();
    final AtomicLong rewardsForwarded = new AtomicLong();
    final AtomicLong snapshotFailures = new AtomicLong();
    final AtomicLong shadowAgreements = new AtomicLong();
    private final Map<String, AtomicLong> responses = new ConcurrentHashMap<>();
    private final AtomicLongArray rankLatency = new AtomicLongArray(BUCKETS_MS.length + 1);
    private final AtomicLong rankLatencySumMicros = new AtomicLong();

    void response(String endpoint, int status) {
        responses.computeIfAbsent(endpoint + "\u0000" + status, k -> new AtomicLong()).incrementAndGet();
    }

    void rankLatency(long nanos) {
        double ms = nanos / 1e6;
        int b = 0;
        while (b < BUCKETS_MS.length && ms > BUCKETS_MS[b]) b++;
        rankLatency.incrementAndGet(b);
        rankLatencySumMicros.addAndGet(nanos / 1000);
    }

    String render(Map<String, Object> model) {
        StringBuilder sb = new StringBuilder();
        counter(sb, "proxima_decisions_logged_total", "Decisions durably logged", decisionsLogged.get());
        counter(sb, "proxima_rewards_joined_total", "Rewards joined to their decision", rewardsJoined.get());
        counter(sb, "proxima_reward_duplicates_total", "Reward retries recognised as duplicates", rewardDuplicates.get());
        counter(sb, "proxima_rewards_forwarded_total", "Distributed mode: rewards for other instances' events, published for the Kafka join",
                rewardsForwarded.get());
        counter(sb, "proxima_snapshot_failures_total", "Snapshots that failed to write", snapshotFailures.get());
        counter(sb, "proxima_shadow_agreements_total", "Shadow mode: decisions where the learner agreed with the baseline",
                shadowAgreements.get());
        sb.append("# HELP proxima_http_responses_total HTTP responses by endpoint and status\n");
        sb.append("# TYPE proxima_http_responses_total counter\n");
        responses.forEach((k, v) -> {
            String[] parts = k.split("\u0000");
            sb.append("proxima_http_responses_total{endpoint=\"").append(parts[0]).append("\",status=\"").append(parts[1])
                    .append("\"} ").append(v.get()).append('\n');
        });
        sb.append("# HELP proxima_rank_latency_seconds Rank request latency\n# TYPE proxima_rank_latency_seconds histogram\n");
        long cumulative = 0;
        for (int b = 0; b < BUCKETS_MS.length; b++) {
            cumulative += rankLatency.get(b);
            sb.append(String.format(Locale.ROOT, "proxima_rank_latency_seconds_bucket{le=\"%s\"} %d%n",
                    Double.toString(BUCKETS_MS[b] / 1000), cumulative));
        }
        cumulative += rankLatency.get(BUCKETS_MS.length);
        sb.append("proxima_rank_latency_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
        sb.append("proxima_rank_latency_seconds_count ").append(cumulative).append('\n');
        sb.append(String.format(Locale.ROOT, "proxima_rank_latency_seconds_sum %.6f%n", rankLatencySumMicros.get() / 1e6));
        sb.append("# HELP proxima_open_decisions Decisions waiting for a reward\n# TYPE proxima_open_decisions gauge\n");
        sb.append("proxima_open_decisions ").append(model.get("openDecisions")).append('\n');
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        sb.append(name).append(' ').append(value).append('\n');
    }
}
