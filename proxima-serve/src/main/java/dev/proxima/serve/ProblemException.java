package dev.proxima.serve;

/**
 * A request the service refuses, with the HTTP status and a problem-detail body (RFC 9457):
 * {@code type} names the problem, {@code detail} says what was wrong, {@code field} which part
 * of the request.
 */
public final class ProblemException extends RuntimeException {
    private final int status;
    private final String type;
    private final String field;

    public ProblemException(int status, String type, String field, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String field() {
        return field;
    }

    public static ProblemException invalid(String field, String detail) {
        return new ProblemException(400, "invalid-request", field, detail);
    }
}
