package dev.proxima.cli;

/** A user error: printed as one line on stderr and ends the command with exit status 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
