package dev.proxima.serve.log;

/**
 * The commit queue is full: the disk cannot keep up with the offered load. Nothing was written; the
 * caller may retry later. The HTTP layer answers {@code 429 Too Many Requests}.
 */
public final class LogOverloadedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogOverloadedException(String message) {
        super(message);
    }
}
