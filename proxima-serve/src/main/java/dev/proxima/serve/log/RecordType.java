package dev.proxima.serve.log;

/** Kinds of event-log records (serving spec §6.2). */
public enum RecordType {
    DECISION(1), REWARD(2), ACTIVATE(3), EXPIRE(4), SNAPSHOT_MARKER(5);

    final byte code;

    RecordType(int code) {
        this.code = (byte) code;
    }

    static RecordType of(byte code) {
        for (RecordType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
