package dev.proxima.serve.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics of distributed mode (serving spec §6.4): serving instances write {@code decisions}
 * and {@code rewards}, both keyed by event id, so that a decision and its rewards land in the same
 * partition number of the two topics (the joiner needs them co-partitioned: same partition count,
 * default partitioner); the aggregator writes merged per-edge statistics to the compacted
 * {@code params} topic that every instance tails.
 */
public record KafkaTopics(String decisions, String rewards, String params) {
    public KafkaTopics {
        for (String t : List.of(decisions, rewards, params)) {
            if (t == null || !t.matches("[A-Za-z0-9._-]{1,200}")) {
                throw new IllegalArgumentException("topic name '" + t + "' must match [A-Za-z0-9._-]{1,200}");
            }
        }
    }

    /** {@code decisions}, {@code rewards}, {@code params}. */
    public static KafkaTopics defaults() {
        return new KafkaTopics("decisions", "rewards", "params");
    }

    /** The default names with a prefix, e.g. one set of topics per test or per tenant. */
    public static KafkaTopics prefixed(String prefix) {
        return new KafkaTopics(prefix + "decisions", prefix + "rewards", prefix + "params");
    }

    /**
     * Creates the three topics if they do not exist: the input topics with {@code partitions}
     * partitions each (equal counts keep them co-partitioned), {@code params} compacted. Returns
     * once every partition has a leader (at most 30 s), so producers do not race the creation.
     */
    public void create(Admin admin, int partitions, short replicationFactor) throws InterruptedException {
        List<NewTopic> topics = List.of(
                new NewTopic(decisions, partitions, replicationFactor),
                new NewTopic(rewards, partitions, replicationFactor),
                new NewTopic(params, Optional.of(partitions), Optional.of(replicationFactor))
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        for (var entry : admin.createTopics(topics).values().entrySet()) {
            try {
                entry.getValue().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + entry.getKey() + ": " + e.getCause(), e.getCause());
                }
            }
        }
        awaitLeaders(admin, Duration.ofSeconds(30));
    }

    /** Waits until every partition of the three topics has a leader. */
    public void awaitLeaders(Admin admin, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String missing = "";
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> d = admin.describeTopics(List.of(decisions, rewards, params))
                        .allTopicNames().get();
                missing = d.values().stream().flatMap(t -> t.partitions().stream()
                                .filter(p -> p.leader() == null || p.leader().isEmpty())
                                .map(p -> t.name() + "-" + p.partition()))
                        .collect(Collectors.joining(", "));
                if (missing.isEmpty()) {
                    return;
                }
            } catch (ExecutionException e) {
                missing = String.valueOf(e.getCause()); // e.g. not yet known to the broker we asked
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("topics without a leader after " + timeout + ": " + missing);
    }
}
