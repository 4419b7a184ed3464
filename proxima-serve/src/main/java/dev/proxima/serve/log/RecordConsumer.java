package dev.proxima.serve.log;

import java.io.IOException;

/** Receives records during {@link EventLog#replay(long, RecordConsumer)}, in offset order. */
@FunctionalInterface
public interface RecordConsumer {
    /**
     * Called once per record.
     *
     * @param offset the record's sequence number
     * @param type what the record holds
     * @param payload a fresh array owned by the consumer
     * @throws IOException to stop the replay; it is passed on to the caller of {@code replay}
     */
    void accept(long offset, RecordType type, byte[] payload) throws IOException;
}
