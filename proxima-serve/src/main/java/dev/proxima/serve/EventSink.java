package dev.proxima.serve;

import dev.proxima.serve.log.RecordType;
import java.util.concurrent.CompletableFuture;

/**
 * A second destination for the service's records besides its local event log: in distributed
 * mode (serving spec §6.4) the decisions and rewards go to Kafka topics, where they are joined and
 * aggregated across serving instances.
 *
 * <p>The service calls {@link #publish} after the record is durable in the local log and
 * acknowledges the request only when the returned future completes. A retried rank or reward
 * publishes its record again, so a crash between the local write and the sink's acknowledgement
 * is healed by the client's retry; consumers must therefore tolerate duplicates (the Kafka joiner
 * counts each event's reward once). A failure should complete the future with a
 * {@link dev.proxima.serve.log.LogUnavailableException}, which the service answers with 503.
 */
public interface EventSink extends AutoCloseable {
    /**
     * Sends one record; the future completes once the destination has durably accepted it.
     * Record types the sink does not carry complete at once.
     */
    CompletableFuture<Void> publish(RecordType type, String eventId, byte[] payload);

    @Override
    void close();
}
