package dev.proxima.prefs.data;

/** Field checks the records share. */
final class Records {
    private Records() {}

    static void nonEmpty(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " must be a non-empty string, was " + (value == null ? "null" : "empty"));
        }
    }

    static int[] encode(Tokenizer tokenizer, String text, String field) {
        int unknown = tokenizer.firstUnknown(text);
        if (unknown >= 0) {
            throw new IllegalArgumentException(field + ": " + CharacterTokenizer.unknownMessage(text, unknown));
        }
        return tokenizer.encode(text);
    }
}
