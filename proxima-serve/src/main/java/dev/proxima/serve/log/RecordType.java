package dev.proxima.serve.log;

/**
 * What a log record holds. The log itself treats every payload as opaque bytes; the type byte lets
 * a reader (the joiner, the applier, an exporter) decide how to decode it without parsing it first.
 * The one-byte codes are part of the file format and never change meaning.
 */
public enum RecordType {
    /** A ranking decision: context, actions, probabilities, the chosen action, model version. */
    DECISION(1),
    /** A reward for an earlier decision, keyed by its event id. */
    REWARD(2),
    /** A deferred decision that was shown to the user and now takes part in learning. */
    ACTIVATE(3),
    /** A decision whose reward window closed without a reward. */
    EXPIRE(4),
    /** A marker that a snapshot was taken at this point of the log. */
    SNAPSHOT_MARKER(5);

    private static final RecordType[] BY_CODE = new RecordType[256];

    static {
        for (RecordType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    RecordType(int code) {
        this.code = code;
    }

    /** The byte stored in the record header, 1..5. */
    public int code() {
        return code;
    }

    /** The type with this stored code, or {@code null} for a code no version has used. */
    static RecordType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
