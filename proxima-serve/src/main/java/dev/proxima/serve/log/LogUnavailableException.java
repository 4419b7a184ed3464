package dev.proxima.serve.log;

/**
 * A record could not be made durable: the write or the force failed (disk full, I/O error), or the
 * log is closed. The record was not acknowledged and will not appear in the log, so the caller may
 * retry it. The HTTP layer answers {@code 503 Service Unavailable}.
 */
public final class LogUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogUnavailableException(String message) {
        super(message);
    }

    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
