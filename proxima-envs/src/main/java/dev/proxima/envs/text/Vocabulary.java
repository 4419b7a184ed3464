package dev.proxima.envs.text;

import java.util.Arrays;

/**
 * The character vocabulary of the verifiable-reward text tasks: one token per character, with
 * padding and end-of-sequence first. Every task shares it, so one model (and one reference
 * checkpoint) can be trained on any mix of them.
 */
public final class Vocabulary {
    /** Token 0 pads sequences to a common length; it is never generated. */
    public static final int PAD = dev.proxima.core.seq.SequenceTask.PAD;
    /** Token 1 ends a response. */
    public static final int EOS = dev.proxima.core.seq.SequenceTask.EOS;
    private static final String CHARACTERS = "_$0123456789+-*/= :abcdefgh>#";
    private static final Vocabulary SHARED = new Vocabulary();
    private final int[] idOfChar = new int[128];

    private Vocabulary() {
        Arrays.fill(idOfChar, -1);
        for (int i = 0; i < CHARACTERS.length(); i++) idOfChar[CHARACTERS.charAt(i)] = i;
    }

    public static Vocabulary shared() {
        return SHARED;
    }

    public int size() {
        return CHARACTERS.length();
    }

    /** Every character in token order: the character of token i is {@code characters().charAt(i)}. */
    public String characters() {
        return CHARACTERS;
    }

    /** The token of one character. */
    public int id(char c) {
        int id = c < 128 ? idOfChar[c] : -1;
        if (id < 0) {
            throw new IllegalArgumentException("character '" + c + "' is not in the vocabulary \"" + CHARACTERS + "\"");
        }
        return id;
    }

    public int[] encode(String text) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) ids[i] = id(text.charAt(i));
        return ids;
    }

    /** The characters of {@code ids[from, from + length)}; EOS shows as '$' and padding as '_'. */
    public String decode(int[] ids, int from, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = from; i < from + length; i++) {
            if (ids[i] < 0 || ids[i] >= size()) {
                throw new IllegalArgumentException("token id " + ids[i] + " at index " + i + " is outside the vocabulary [0, "
                        + size() + ")");
            }
            sb.append(CHARACTERS.charAt(ids[i]));
        }
        return sb.toString();
    }

    public String decode(int[] ids) {
        return decode(ids, 0, ids.length);
    }

    /** The digit token for 0–9. */
    public int digit(int d) {
        return 2 + d;
    }

    /** The digit a token stands for, or −1. */
    public int digitOf(int token) {
        return token >= 2 && token <= 11 ? token - 2 : -1;
    }
}
