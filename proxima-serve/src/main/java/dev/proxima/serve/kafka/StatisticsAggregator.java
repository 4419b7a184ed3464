package dev.proxima.serve.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Runs the {@link StatisticsTopology} in this JVM with Kafka Streams under exactly-once v2. This
 * is the seam where another engine (a Flink job) could take over the aggregation: it consumes
 * {@code decisions} and {@code rewards} and maintains {@code params}.
 *
 * <p>Instances with the same {@link Config#applicationId} share the work by partitions; a
 * restarted instance resumes from its committed offsets and restores its stores from their
 * changelog topics. A stream thread that dies of an unexpected error is replaced.
 */
public final class StatisticsAggregator implements AutoCloseable {
    /**
     * @param bootstrapServers Kafka brokers, {@code host:port,...}
     * @param applicationId    Streams application id: consumer group and prefix of internal topics
     * @param stateDirectory   local state (RocksDB stores and checkpoints)
     * @param topics           input and output topics (created beforehand, {@link KafkaTopics#create})
     * @param persistentStores RocksDB stores (true) or in-memory stores restored from changelogs
     * @param overrides        Streams, consumer or producer settings that replace the defaults
     * @param window           the join's reward window
     */
    public record Config(String bootstrapServers, String applicationId, Path stateDirectory, KafkaTopics topics,
                         boolean persistentStores, Map<String, Object> overrides, JoinWindow window) {
        /** Persistent stores, default settings, no reward window. */
        public static Config of(String bootstrapServers, String applicationId, Path stateDirectory, KafkaTopics topics) {
            return new Config(bootstrapServers, applicationId, stateDirectory, topics, true, Map.of(), JoinWindow.UNBOUNDED);
        }

        public Config withOverrides(Map<String, Object> more) {
            Map<String, Object> all = new HashMap<>(overrides);
            all.putAll(more);
            return new Config(bootstrapServers, applicationId, stateDirectory, topics, persistentStores, all, window);
        }

        public Config withWindow(JoinWindow w) {
            return new Config(bootstrapServers, applicationId, stateDirectory, topics, persistentStores, overrides, w);
        }
    }

    private final StatisticsTopology.Counters counters = new StatisticsTopology.Counters();
    private final KafkaStreams streams;

    public StatisticsAggregator(Config config) {
        this.streams = new KafkaStreams(StatisticsTopology.build(config.topics(), config.persistentStores(), config.window(), counters),
                properties(config));
        streams.setUncaughtExceptionHandler(e -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    static Properties properties(Config config) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDirectory().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put("processing.exception.handler.global.enabled", true); // Kafka 4.x warns at start without it; no global stores here
        p.putAll(config.overrides());
        return p;
    }

    /**
     * Starts processing.
     *
     * @param wipeLocalState delete this instance's local stores first, so they are rebuilt from
     *                       their changelog topics (e.g. after moving to another machine)
     */
    public void start(boolean wipeLocalState) {
        if (wipeLocalState) {
            streams.cleanUp();
        }
        streams.start();
    }

    /** Waits until the instance is processing (state RUNNING); false on timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            switch (streams.state()) {
                case RUNNING -> {
                    return true;
                }
                case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> {
                    return false;
                }
                default -> {
                    if (System.nanoTime() > deadline) {
                        return false;
                    }
                    Thread.sleep(20);
                }
            }
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public StatisticsTopology.Counters counters() {
        return counters;
    }

    /**
     * The merged sums this instance's KTable holds (all of them when it is the only instance),
     * read through an interactive query. Requires state RUNNING.
     */
    public Map<Edge, EdgeSums> edgeSums() {
        ReadOnlyKeyValueStore<Edge, EdgeSums> store = streams.store(StoreQueryParameters.fromNameAndType(
                StatisticsTopology.EDGE_STORE, QueryableStoreTypes.<Edge, EdgeSums>keyValueStore()));
        Map<Edge, EdgeSums> out = new TreeMap<>((x, y) -> x.action().equals(y.action())
                ? Integer.compare(x.feature(), y.feature()) : x.action().compareTo(y.action()));
        try (var it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Edge, EdgeSums> kv = it.next();
                out.put(kv.key, kv.value);
            }
        }
        return out;
    }

    /**
     * Commits, leaves the consumer group and stops (waiting up to 60 s). Leaving the group lets a
     * restarted instance, or the remaining ones, take over its partitions at once instead of after
     * the group's session timeout.
     */
    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(60)));
    }
}
