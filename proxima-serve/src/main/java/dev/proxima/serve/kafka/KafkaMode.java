package dev.proxima.serve.kafka;

import dev.proxima.serve.EventSink;
import dev.proxima.serve.log.RecordType;
import dev.proxima.serve.model.FixedPointDiagLinUcb;
import dev.proxima.serve.model.ServingLearner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Everything one serving instance runs in distributed mode (serving spec §6.4), as the
 * {@link EventSink} of its {@link dev.proxima.serve.DecisionService}: a {@link KafkaEventSink}
 * that publishes its decisions and rewards, a member of the {@link StatisticsAggregator} Streams
 * application (instances with the same application id share its partitions), and a
 * {@link ParamsSubscriber} that keeps the instance's model equal to the merged statistics.
 *
 * <pre>
 *  instance A ─┐ decisions, rewards ┌─ Streams (A and B share partitions) ─ params ─┬─ A's model
 *  instance B ─┘                    └─ join with reward window, exact sums          └─ B's model
 * </pre>
 *
 * <p>The model lags the rewards by the Streams commit interval (100 ms) plus the subscriber's
 * poll; it equals, bit for bit, one Diag-LinUCB that applied every joined reward once.
 */
public final class KafkaMode implements EventSink {
    /**
     * @param bootstrapServers Kafka brokers, {@code host:port,...}
     * @param topics           topic names (created if missing)
     * @param partitions       partitions of the decisions and rewards topics when created: the
     *                         most Streams instances that can share the work
     * @param applicationId    Streams application id, the same on every instance of a deployment
     * @param stateDirectory   this instance's Streams state
     * @param window           reward window of the join
     */
    public record Config(String bootstrapServers, KafkaTopics topics, int partitions, String applicationId,
                         Path stateDirectory, JoinWindow window) {
        public Config {
            if (bootstrapServers == null || !bootstrapServers.matches("[^\\s,]+:\\d+(,[^\\s,]+:\\d+)*")) {
                throw new IllegalArgumentException("bootstrapServers must be host:port[,host:port...], was '"
                        + bootstrapServers + "'");
            }
            if (partitions < 1 || partitions > 1024) {
                throw new IllegalArgumentException("partitions must be in [1, 1024], was " + partitions);
            }
            if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]{1,200}")) {
                throw new IllegalArgumentException("applicationId must match [A-Za-z0-9._-]{1,200}, was '" + applicationId + "'");
            }
        }
    }

    private final KafkaEventSink sink;
    private final StatisticsAggregator aggregator;
    private final ParamsSubscriber subscriber;

    private KafkaMode(KafkaEventSink sink, StatisticsAggregator aggregator, ParamsSubscriber subscriber) {
        this.sink = sink;
        this.aggregator = aggregator;
        this.subscriber = subscriber;
    }

    /**
     * Creates the topics if needed, joins the Streams application and loads the merged model;
     * returns once the model has caught up with the {@code params} topic.
     *
     * @param model   an empty model with the service's dimension, α and λ; the subscriber fills it
     * @param timeout how long to wait for the broker, the Streams start and the catch-up
     * @throws IllegalStateException naming what did not come up in time (nothing is left running)
     */
    public static KafkaMode start(Config config, FixedPointDiagLinUcb model, Duration timeout) throws InterruptedException {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 30_000)))) {
            config.topics().create(admin, config.partitions(), (short) 1);
        } catch (org.apache.kafka.common.KafkaException | IllegalStateException e) {
            throw new IllegalStateException("Kafka at " + config.bootstrapServers() + " is not usable: " + e.getMessage(), e);
        }
        KafkaEventSink sink = new KafkaEventSink(config.bootstrapServers(), config.topics());
        StatisticsAggregator aggregator = new StatisticsAggregator(StatisticsAggregator.Config.of(config.bootstrapServers(),
                config.applicationId(), config.stateDirectory(), config.topics()).withWindow(config.window()));
        ParamsSubscriber subscriber = new ParamsSubscriber(config.bootstrapServers(), config.topics().params(), model);
        KafkaMode mode = new KafkaMode(sink, aggregator, subscriber);
        try {
            aggregator.start(false);
            if (!aggregator.awaitRunning(timeout)) {
                throw new IllegalStateException("the Kafka Streams aggregator did not start within " + timeout
                        + " (state " + aggregator.state() + ")");
            }
            subscriber.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!subscriber.caughtUp()) {
                if (subscriber.failure() != null) {
                    throw new IllegalStateException("reading " + config.topics().params() + " failed: " + subscriber.failure(),
                            subscriber.failure());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the merged model did not catch up with " + config.topics().params()
                            + " within " + timeout);
                }
                Thread.sleep(20);
            }
            return mode;
        } catch (RuntimeException | InterruptedException e) {
            mode.close();
            throw e;
        }
    }

    @Override
    public CompletableFuture<Void> publish(RecordType type, String eventId, byte[] payload) {
        return sink.publish(type, eventId, payload);
    }

    @Override
    public Optional<ServingLearner> sharedModel() {
        return Optional.of(subscriber.model());
    }

    @Override
    public long sharedModelVersion() {
        return subscriber.recordsApplied();
    }

    public StatisticsAggregator aggregator() {
        return aggregator;
    }

    public ParamsSubscriber subscriber() {
        return subscriber;
    }

    /** Flushes and closes the producer, then leaves the Streams group and stops the subscriber. */
    @Override
    public void close() {
        sink.close();
        aggregator.close();
        subscriber.close();
    }
}
