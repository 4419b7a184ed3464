package dev.proxima.prefs.data;

/**
 * A line of a preference data file that cannot be read: the message names the source (a file
 * path, say), the 1-based line, the field (when the line is valid JSON) and what was wrong.
 */
public final class PreferenceDataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final String field;

    PreferenceDataException(String source, int line, String field, String problem) {
        super(source + " line " + line + ": " + (field == null ? "" : "field \"" + field + "\": ") + problem);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    public String source() {
        return source;
    }

    /** The 1-based line number. */
    public int line() {
        return line;
    }

    /** The offending field, or null when the line as a whole is wrong (not JSON, not an object). */
    public String field() {
        return field;
    }
}
