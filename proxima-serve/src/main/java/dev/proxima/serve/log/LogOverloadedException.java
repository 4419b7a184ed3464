package dev.proxima.serve.log;

/** The log's append queue is full: the caller should shed load (HTTP 429). */
public final class LogOverloadedException extends RuntimeException {
    public LogOverloadedException(String message) {
        super(message);
    }
}
