package dev.proxima.prefs.data;

import java.util.HashMap;
import java.util.Map;

/**
 * One token per character: token i is {@code alphabet.charAt(i)}. With the alphabet of the shared
 * character vocabulary of the text tasks, text records map onto the same token ids the tasks
 * and models use. Characters are UTF-16 code units; a character outside the alphabet (including
 * half of a surrogate pair) has no token. Immutable and thread-safe.
 */
public final class CharacterTokenizer implements Tokenizer {
    private final String alphabet;
    private final Map<Character, Integer> ids = new HashMap<>();

    /** @param alphabet the characters in token order, each at most once */
    public CharacterTokenizer(String alphabet) {
        if (alphabet == null || alphabet.isEmpty()) {
            throw new IllegalArgumentException("alphabet must hold at least one character");
        }
        for (int i = 0; i < alphabet.length(); i++) {
            Integer previous = ids.put(alphabet.charAt(i), i);
            if (previous != null) {
                throw new IllegalArgumentException("alphabet holds '" + alphabet.charAt(i) + "' twice, at " + previous + " and " + i);
            }
        }
        this.alphabet = alphabet;
    }

    public String alphabet() {
        return alphabet;
    }

    public int size() {
        return alphabet.length();
    }

    @Override
    public int[] encode(String text) {
        int[] tokens = new int[text.length()];
        for (int i = 0; i < tokens.length; i++) {
            Integer id = ids.get(text.charAt(i));
            if (id == null) {
                throw new IllegalArgumentException(unknownMessage(text, i));
            }
            tokens[i] = id;
        }
        return tokens;
    }

    @Override
    public String decode(int[] tokens) {
        StringBuilder sb = new StringBuilder(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= alphabet.length()) {
                throw new IllegalArgumentException("token " + tokens[i] + " at index " + i + " is outside the vocabulary [0, "
                        + alphabet.length() + ")");
            }
            sb.append(alphabet.charAt(tokens[i]));
        }
        return sb.toString();
    }

    @Override
    public int firstUnknown(String text) {
        for (int i = 0; i < text.length(); i++) if (!ids.containsKey(text.charAt(i))) return i;
        return -1;
    }

    /** "character 'z' (U+007A) at index 2 is not in the vocabulary". */
    static String unknownMessage(String text, int index) {
        char c = text.charAt(index);
        return "character '" + (Character.isISOControl(c) ? "?" : String.valueOf(c)) + "' (U+"
                + String.format("%04X", (int) c) + ") at index " + index + " is not in the vocabulary";
    }
}
