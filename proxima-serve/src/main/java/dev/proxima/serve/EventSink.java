package dev.proxima.serve;

import dev.proxima.serve.log.RecordType;
import dev.proxima.serve.model.ServingLearner;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A second destination for the service's records besides its local event log: in distributed
 * mode (serving spec §6.4) the decisions and rewards go to Kafka topics, where they are joined and
 * aggregated across serving instances.
 *
 * <p>The service calls {@link #publish} after the record is durable in the local log and
 * acknowledges the request only when the returned future completes. A failure should complete the
 * future with a {@link dev.proxima.serve.log.LogUnavailableException}: the request gets 503, but
 * the record stays in the local log (a reward also stays applied to the local model, as a replay
 * of the log would apply it). A retried rank or reward publishes the logged record again, so a
 * sink failure, or a crash between the local write and the sink's acknowledgement, is healed by
 * the client's retry. Consumers must therefore tolerate duplicates: the Kafka joiner keeps an
 * event's first decision and counts its first reward once.
 */
public interface EventSink extends AutoCloseable {
    /**
     * Sends one record; the future completes once the destination has durably accepted it.
     * Record types the sink does not carry complete at once.
     */
    CompletableFuture<Void> publish(RecordType type, String eventId, byte[] payload);

    /**
     * The model merged downstream from every instance's records (distributed mode), or empty when
     * the sink only copies records. With a shared model the service scores with it and leaves
     * learning to the merge (applying rewards locally as well would count them twice), and accepts
     * rewards for events another instance decided: it logs and publishes them, and the
     * downstream join pairs them with their decision.
     */
    default Optional<ServingLearner> sharedModel() {
        return Optional.empty();
    }

    /** How many merged updates the shared model has taken: its version. */
    default long sharedModelVersion() {
        return 0;
    }

    @Override
    void close();
}
