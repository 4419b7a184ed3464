package dev.proxima.serve.kafka;

import dev.proxima.serve.EventSink;
import dev.proxima.serve.log.LogUnavailableException;
import dev.proxima.serve.log.RecordType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a serving instance's decisions and rewards to the {@code decisions} and
 * {@code rewards} topics, keyed by event id, with the payloads of the local event log (JSON).
 *
 * <p>The producer is idempotent with {@code acks=all} and one request in flight: a record's
 * future completes only after every in-sync replica has it, and the producer's own retries never
 * duplicate it. Application
 * retries (a client retrying a request) can duplicate it; the aggregator counts each reward once.
 * Other record types ({@code EXPIRE}, ...) are not published.
 *
 * <p>Futures complete on the producer's network thread: keep work chained on them short.
 * Thread-safe.
 */
public final class KafkaEventSink implements EventSink {
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaTopics topics;

    public KafkaEventSink(String bootstrapServers, KafkaTopics topics) {
        this(bootstrapServers, topics, Map.of());
    }

    /** @param overrides producer settings that replace the defaults (e.g. {@code delivery.timeout.ms}) */
    public KafkaEventSink(String bootstrapServers, KafkaTopics topics, Map<String, Object> overrides) {
        this.topics = topics;
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // One request in flight: with several, a request refused while a partition's leader is not
        // ready yet (a new topic, a restarted broker) can be overtaken by the next one, after which
        // the broker rejects its retries as out of order until the delivery timeout (Kafka issues
        // KAFKA-14359 and KAFKA-15591, seen here with a 4.4.0 broker). Batching keeps throughput.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "proxima-serve-sink");
        p.putAll(overrides);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public CompletableFuture<Void> publish(RecordType type, String eventId, byte[] payload) {
        String topic = switch (type) {
            case DECISION -> topics.decisions();
            case REWARD -> topics.rewards();
            default -> null;
        };
        if (topic == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, eventId, payload), (metadata, error) -> {
                if (error == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(unavailable(type, eventId, error));
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            done.completeExceptionally(unavailable(type, eventId, e));
        }
        return done;
    }

    private static LogUnavailableException unavailable(RecordType type, String eventId, Throwable cause) {
        return new LogUnavailableException("Kafka did not acknowledge the " + type + " record of event '" + eventId
                + "': " + cause.getMessage(), cause);
    }

    /** Waits until every record sent so far is acknowledged (or failed). */
    public void flush() {
        producer.flush();
    }

    /** Sends what is buffered (waiting up to 30 s) and closes the producer. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
