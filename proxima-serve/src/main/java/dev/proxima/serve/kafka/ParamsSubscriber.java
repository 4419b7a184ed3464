package dev.proxima.serve.kafka;

import dev.proxima.serve.model.FixedPointDiagLinUcb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Tails the compacted {@code params} topic into a serving instance's model, so the instance
 * scores with the statistics merged from every instance (serving spec §6.4, the paper's lookup
 * service). A new instance bootstraps by reading the topic from the start; afterwards each
 * committed update to an edge replaces that edge's statistics ({@code d = λ + Σ w²},
 * {@code b = Σ w·r}) through {@link FixedPointDiagLinUcb#setMergedSums}.
 *
 * <p>Reads with {@code isolation.level=read_committed}, so only sums from committed Streams
 * transactions are ever visible. Uses no consumer group: every instance reads every partition.
 * One background thread; {@link #close} stops it.
 */
public final class ParamsSubscriber implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final FixedPointDiagLinUcb model;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong applied = new AtomicLong();
    private volatile boolean caughtUp;
    private volatile Throwable failure;

    public ParamsSubscriber(String bootstrapServers, String paramsTopic, FixedPointDiagLinUcb model) {
        this(bootstrapServers, paramsTopic, model, Map.of());
    }

    /** @param overrides consumer settings that replace the defaults */
    public ParamsSubscriber(String bootstrapServers, String paramsTopic, FixedPointDiagLinUcb model,
                            Map<String, Object> overrides) {
        this.topic = paramsTopic;
        this.model = model;
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "proxima-params-subscriber");
        c.putAll(overrides);
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "proxima-params-subscriber");
        this.thread.setDaemon(true);
    }

    /** Starts tailing from the beginning of the topic. */
    public ParamsSubscriber start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                apply(records);
                if (!caughtUp) {
                    caughtUp = atEnd(partitions);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                failure = e;
            }
        } catch (RuntimeException | InterruptedException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private List<TopicPartition> partitions() throws InterruptedException {
        while (running.get()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> out = new ArrayList<>();
                for (PartitionInfo p : infos) out.add(new TopicPartition(p.topic(), p.partition()));
                return out;
            }
            Thread.sleep(200); // the topic does not exist yet
        }
        return List.of();
    }

    /** Applies one poll's records: the last value per edge wins; one copy of each touched action. */
    private void apply(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<String, Map<Integer, EdgeSums>> byAction = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.key() == null || r.value() == null) {
                continue; // a tombstone: edges are never deleted, so none is expected
            }
            Edge e = Edge.fromBytes(r.key());
            byAction.computeIfAbsent(e.action(), k -> new HashMap<>()).put(e.feature(), EdgeSums.fromBytes(r.value()));
        }
        byAction.forEach((action, edges) -> {
            int[] features = new int[edges.size()];
            long[] d = new long[features.length], b = new long[features.length];
            int k = 0;
            for (var e : edges.entrySet()) {
                features[k] = e.getKey();
                d[k] = e.getValue().d();
                b[k] = e.getValue().b();
                k++;
            }
            model.setMergedSums(action, features, d, b);
        });
        applied.addAndGet(records.count());
    }

    private boolean atEnd(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < ends.get(p)) {
                return false;
            }
        }
        return true;
    }

    /** True once the subscriber has read everything that was committed to the topic when it started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Number of {@code params} records applied so far. */
    public long recordsApplied() {
        return applied.get();
    }

    /** Why the background thread stopped, or null while it runs. */
    public Throwable failure() {
        return failure;
    }

    public FixedPointDiagLinUcb model() {
        return model;
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller's interrupt wins; the thread stops on its own
        }
    }
}
