package dev.proxima.serve.log;

/** A batch could not be written or forced to disk (I/O error, disk full): nothing of it is acknowledged (HTTP 503). */
public final class LogUnavailableException extends RuntimeException {
    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
