package dev.proxima.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * A small, strict JSON reader and writer for the files Proxima itself produces and reads back:
 * run manifests, safetensors headers, configs. Core may not depend on a third-party JSON
 * library, and the files must be byte-identical for identical input so that runs can be
 * compared with {@code diff} and checksums.
 *
 * <h2>Writing</h2>
 * Accepted values: {@code null}, {@link Boolean}, {@link CharSequence}, {@link Character},
 * {@link Enum} and {@link Path} (written as strings: the constant's name, the path's text),
 * integral numbers ({@link Byte}, {@link Short}, {@link Integer}, {@link Long},
 * {@link java.math.BigInteger}), {@link Float} and {@link Double}, {@link java.math.BigDecimal},
 * {@link Map} with {@link String} keys, {@link Iterable}, object arrays and primitive arrays.
 * <ul>
 *   <li>Object members are written in the map's iteration order. A map with more than one entry
 *       must therefore be a {@link SequencedMap} (such as {@link LinkedHashMap} or
 *       {@link java.util.TreeMap}); a {@link java.util.HashMap} or {@code Map.of(...)} is
 *       rejected because its order can change from one JVM run to the next.</li>
 *   <li>Integral types are written as integers ({@code 3}); {@code double} and {@code float} are
 *       written in their shortest round-trip form ({@code 3.0}, {@code 1.0E-5}), so a value keeps
 *       its type when parsed back: integers come back as {@link Long}, the rest as
 *       {@link Double}.</li>
 *   <li>NaN and the infinities are <b>rejected</b> with an error naming the path of the value.
 *       JSON has no spelling for them, and writing {@code null} instead would silently turn a
 *       diverged loss into a missing value. Store such values as strings if they must be kept.</li>
 * </ul>
 *
 * <h2>Parsing</h2>
 * RFC 8259 with no extensions: no comments, no trailing commas, no single quotes, no leading
 * zeros, no NaN, exactly one top-level value. Duplicate object keys are an error, since it is
 * ambiguous which one was meant. Objects become {@link LinkedHashMap} (document order), arrays
 * {@link ArrayList}, numbers {@link Long} when written without fraction or exponent and within
 * range, {@link Double} otherwise. Errors carry the line and column of the offending character.
 */
public final class Json {
    /** Deep enough for any configuration; shallow enough that hostile input cannot overflow the stack. */
    static final int MAX_DEPTH = 512;

    private Json() {}

    /** The value as compact JSON on one line. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        new Writer(out, false).value(value, Where.ROOT, 0);
        return out.toString();
    }

    /** The value as JSON indented by two spaces per level, without a trailing newline. */
    public static String writePretty(Object value) {
        StringBuilder out = new StringBuilder();
        new Writer(out, true).value(value, Where.ROOT, 0);
        return out.toString();
    }

    /**
     * Writes the value as pretty JSON plus a final newline, atomically: readers see either the old
     * file or the complete new one.
     */
    public static void writeFile(Path file, Object value) throws IOException {
        byte[] bytes = (writePretty(value) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, bytes);
    }

    /** Parses one JSON document. */
    public static Object parse(String text) {
        return new Parser(text, null).document();
    }

    /** Parses one JSON document; {@code source} (a file name, say) is named in error messages. */
    public static Object parse(String text, String source) {
        return new Parser(text, source).document();
    }

    /**
     * Parses a UTF-8 JSON file. A leading byte-order mark is skipped because some editors add one.
     *
     * @throws IOException if the file cannot be read or is not valid UTF-8
     * @throws MalformedJsonException if the text is not valid JSON; the message names the file
     */
    public static Object parseFile(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("JSON file " + file + " is not valid UTF-8", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return parse(text, file.toString());
    }

    /** Malformed JSON text, with the 1-based line and column where parsing stopped. */
    public static final class MalformedJsonException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;
        private final String detail;

        MalformedJsonException(String source, int line, int column, String detail) {
            super("malformed JSON" + (source == null ? "" : " in " + source) + " at line " + line
                    + ", column " + column + ": " + detail);
            this.line = line;
            this.column = column;
            this.detail = detail;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        /** What was wrong, without the position. */
        public String detail() {
            return detail;
        }
    }

    // ---------------------------------------------------------------- writer

    /**
     * Where a value sits in the document being written, e.g. {@code $.runs[2].seed}; rendered only
     * when an error names it, so writing allocates no path strings.
     */
    private record Where(Where parent, String key, int index) {
        static final Where ROOT = new Where(null, null, -1);

        @Override
        public String toString() {
            if (parent == null) {
                return "$";
            }
            return parent + (key != null ? "." + key : "[" + index + "]");
        }
    }

    /** True if the string needs no escape: no quote, backslash, control character or surrogate. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static final class Writer {
        private final StringBuilder out;
        private final boolean pretty;

        Writer(StringBuilder out, boolean pretty) {
            this.out = out;
            this.pretty = pretty;
        }

        void value(Object v, Where path, int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("cannot write JSON: value at " + path
                        + " is nested deeper than " + MAX_DEPTH + " levels (is a collection inside itself?)");
            }
            switch (v) {
                case null -> out.append("null");
                case Boolean b -> out.append(b.booleanValue());
                case CharSequence s -> string(s.toString());
                case Character c -> string(c.toString());
                case Enum<?> e -> string(e.name());
                // A Path is Iterable over Paths, which would recurse; its text is what users mean.
                case java.nio.file.Path p -> string(p.toString());
                case Byte n -> out.append(n.longValue());
                case Short n -> out.append(n.longValue());
                case Integer n -> out.append(n.longValue());
                case Long n -> out.append(n.longValue());
                case java.math.BigInteger n -> out.append(n);
                case Double d -> finite(d, Double.toString(d), path);
                case Float f -> finite(f, Float.toString(f), path);
                case java.math.BigDecimal d -> out.append(d.toString());
                case Map<?, ?> m -> object(m, path, depth);
                case Iterable<?> it -> {
                    List<Object> items = new ArrayList<>();
                    it.forEach(items::add);
                    array(items, path, depth);
                }
                case Object[] a -> array(java.util.Arrays.asList(a), path, depth);
                case double[] a -> {
                    List<Object> items = new ArrayList<>(a.length);
                    for (double x : a) {
                        items.add(x);
                    }
                    array(items, path, depth);
                }
                case float[] a -> {
                    List<Object> items = new ArrayList<>(a.length);
                    for (float x : a) {
                        items.add(x);
                    }
                    array(items, path, depth);
                }
                case long[] a -> {
                    List<Object> items = new ArrayList<>(a.length);
                    for (long x : a) {
                        items.add(x);
                    }
                    array(items, path, depth);
                }
                case int[] a -> {
                    List<Object> items = new ArrayList<>(a.length);
                    for (int x : a) {
                        items.add(x);
                    }
                    array(items, path, depth);
                }
                case boolean[] a -> {
                    List<Object> items = new ArrayList<>(a.length);
                    for (boolean x : a) {
                        items.add(x);
                    }
                    array(items, path, depth);
                }
                default -> throw new IllegalArgumentException("cannot write JSON: value at " + path
                        + " has type " + v.getClass().getName() + "; allowed are null, Boolean, String, "
                        + "enum, Path, numbers, Map with String keys, Iterable and arrays");
            }
        }

        private void finite(double d, String text, Where path) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("cannot write JSON: value at " + path + " is " + d
                        + "; JSON has no NaN or Infinity (store it as a string if it must be kept)");
            }
            out.append(text);
        }

        private void object(Map<?, ?> m, Where path, int depth) {
            if (m.size() > 1 && !(m instanceof SequencedMap<?, ?>)) {
                throw new IllegalArgumentException("cannot write JSON: map at " + path + " is a "
                        + m.getClass().getName() + ", whose key order is not fixed; use a LinkedHashMap "
                        + "or TreeMap so the output is deterministic");
            }
            if (m.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("cannot write JSON: map at " + path + " has key "
                            + e.getKey() + " of type " + (e.getKey() == null ? "null" : e.getKey().getClass().getName())
                            + "; object keys must be Strings");
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                newline(depth + 1);
                string(key);
                out.append(pretty ? ": " : ":");
                value(e.getValue(), new Where(path, key, -1), depth + 1);
            }
            newline(depth);
            out.append('}');
        }

        private void array(List<?> items, Where path, int depth) {
            if (items.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                newline(depth + 1);
                value(items.get(i), new Where(path, null, i), depth + 1);
            }
            newline(depth);
            out.append(']');
        }

        private void newline(int depth) {
            if (pretty) {
                out.append('\n');
                out.repeat(' ', 2 * depth);
            }
        }

        private void string(String s) {
            out.append('"');
            if (plain(s)) {
                out.append(s).append('"'); // the common case: nothing to escape
                return;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        boolean loneSurrogate = Character.isHighSurrogate(c)
                                ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                                : Character.isLowSurrogate(c)
                                        && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                        // A lone surrogate cannot be encoded as UTF-8; the escape keeps the file valid.
                        if (c < 0x20 || loneSurrogate) {
                            out.append("\\u");
                            String hex = Integer.toHexString(c);
                            out.repeat('0', 4 - hex.length()).append(hex);
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

    // ---------------------------------------------------------------- parser

    private static final class Parser {
        private final String text;
        private final String source;
        private int pos;

        Parser(String text, String source) {
            this.text = Objects.requireNonNull(text, "text");
            this.source = source;
        }

        Object document() {
            skipWhitespace();
            if (pos >= text.length()) {
                throw error("expected a JSON value but the input is empty");
            }
            Object v = value(0);
            skipWhitespace();
            if (pos < text.length()) {
                throw error("unexpected " + describe(pos) + " after the end of the JSON value");
            }
            return v;
        }

        private Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH + " levels");
            }
            if (pos >= text.length()) {
                throw error("unexpected end of input, expected a value");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected " + describe(pos) + ", expected a value");
                }
            };
        }

        private Map<String, Object> object(int depth) {
            pos++; // '{'
            Map<String, Object> map = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error(pos >= text.length() ? "unexpected end of input, expected a string key"
                            : "expected a string key but found " + describe(pos));
                }
                int keyPos = pos;
                String key = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                Object v = value(depth + 1);
                if (map.containsKey(key)) {
                    throw errorAt(keyPos, "duplicate key \"" + key + "\"");
                }
                map.put(key, v);
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                    continue;
                }
                if (peek() == '}') {
                    pos++;
                    return map;
                }
                throw error(pos >= text.length() ? "unexpected end of input, expected ',' or '}'"
                        : "expected ',' or '}' but found " + describe(pos));
            }
        }

        private List<Object> array(int depth) {
            pos++; // '['
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipWhitespace();
                list.add(value(depth + 1));
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                    continue;
                }
                if (peek() == ']') {
                    pos++;
                    return list;
                }
                throw error(pos >= text.length() ? "unexpected end of input, expected ',' or ']'"
                        : "expected ',' or ']' but found " + describe(pos));
            }
        }

        private String string() {
            int start = pos;
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw errorAt(start, "string is not terminated");
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    pos++;
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("control character " + describe(pos) + " in string; escape it");
                }
                if (c != '\\') {
                    sb.append(c);
                    pos++;
                    continue;
                }
                if (pos + 1 >= text.length()) {
                    throw errorAt(start, "string is not terminated");
                }
                char e = text.charAt(pos + 1);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 6 > text.length()) {
                            throw error("incomplete \\u escape");
                        }
                        int code = 0;
                        for (int i = pos + 2; i < pos + 6; i++) {
                            int d = Character.digit(text.charAt(i), 16);
                            if (d < 0 || text.charAt(i) > 'f') {
                                throw errorAt(i, "invalid hex digit " + describe(i) + " in \\u escape");
                            }
                            code = code * 16 + d;
                        }
                        sb.append((char) code);
                        pos += 4;
                    }
                    default -> throw errorAt(pos + 1, "invalid escape \\" + e + " (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
                }
                pos += 2;
            }
        }

        private Object number() {
            int start = pos;
            boolean integral = true;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
                if (isDigit(peek())) {
                    throw error("leading zeros are not allowed in numbers");
                }
            } else if (isDigit(peek())) {
                while (isDigit(peek())) {
                    pos++;
                }
            } else {
                throw error(pos >= text.length() ? "unexpected end of input in number"
                        : "expected a digit but found " + describe(pos));
            }
            if (peek() == '.') {
                integral = false;
                pos++;
                if (!isDigit(peek())) {
                    throw error("expected a digit after the decimal point");
                }
                while (isDigit(peek())) {
                    pos++;
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                integral = false;
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw error("expected a digit in the exponent");
                }
                while (isDigit(peek())) {
                    pos++;
                }
            }
            String s = text.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException tooLarge) {
                    // falls through to double, as JavaScript would read it
                }
            }
            double d = Double.parseDouble(s);
            if (Double.isInfinite(d)) {
                throw errorAt(start, "number " + s + " is outside the range of a double");
            }
            return d;
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("unexpected " + describe(pos) + ", expected a value");
            }
            pos += word.length();
            return value;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error(pos >= text.length() ? "unexpected end of input, expected '" + c + "'"
                        : "expected '" + c + "' but found " + describe(pos));
            }
            pos++;
        }

        private void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        private int peek() {
            return pos < text.length() ? text.charAt(pos) : -1;
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }

        private String describe(int at) {
            if (at >= text.length()) {
                return "end of input";
            }
            char c = text.charAt(at);
            if (c < 0x20 || c == 0x7f) {
                return String.format(java.util.Locale.ROOT, "character U+%04X", (int) c);
            }
            return "'" + c + "'";
        }

        private MalformedJsonException error(String detail) {
            return errorAt(pos, detail);
        }

        private MalformedJsonException errorAt(int at, String detail) {
            int line = 1;
            int lineStart = 0;
            int end = Math.min(at, text.length());
            for (int i = 0; i < end; i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new MalformedJsonException(source, line, at - lineStart + 1, detail);
        }
    }
}
