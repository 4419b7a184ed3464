package dev.proxima.prefs.data;

/** Text to tokens and back, for turning text records into model inputs. */
public interface Tokenizer {
    /**
     * The tokens of {@code text}.
     *
     * @throws IllegalArgumentException naming the first character that has no token and its index
     */
    int[] encode(String text);

    /** The text of {@code tokens}; the inverse of {@link #encode} on text it accepts. */
    String decode(int[] tokens);

    /** The index of the first character of {@code text} that has no token, or −1 if every one has. */
    int firstUnknown(String text);
}
