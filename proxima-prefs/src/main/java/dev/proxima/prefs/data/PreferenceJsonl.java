package dev.proxima.prefs.data;

import dev.proxima.core.io.AtomicFiles;
import dev.proxima.core.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes preference data as JSON Lines (one JSON object per line, UTF-8), in the two
 * standard shapes of TRL's dataset formats with text fields:
 *
 * <pre>
 *   paired:   {"prompt": "5", "chosen": "ddb", "rejected": "abc"}
 *   unpaired: {"prompt": "5", "completion": "ddb", "label": true}
 * </pre>
 *
 * <h2>Reading</h2>
 * Lines are read in order; blank lines (nothing but whitespace) are skipped but counted, so line
 * numbers are those an editor shows; a byte-order mark before the first line is skipped. The
 * first bad line stops reading with a {@link PreferenceDataException} whose message names the
 * source, the line, the field and the problem: invalid JSON (with the column), a line that is not
 * an object, a missing field, a field of the wrong type (the strings must be strings, the label
 * true or false), an empty string, or — when a tokenizer is given — a character it has no token
 * for. Other fields are ignored, as datasets often carry extra columns. Bytes that are not UTF-8
 * are an {@link IOException} naming the file.
 *
 * <h2>Writing</h2>
 * One compact object per line with the fields in the order above, through
 * {@link AtomicFiles}: the target holds either its previous content or all the new lines,
 * never part of them.
 */
public final class PreferenceJsonl {
    private PreferenceJsonl() {}

    /** Reads a paired file; {@code tokenizer} (or null for none) checks that every character has a token. */
    public static List<PairedRecord> readPaired(Path file, Tokenizer tokenizer) throws IOException {
        try (BufferedReader in = open(file)) {
            return readPaired(in, file.toString(), tokenizer);
        }
    }

    /** Reads paired records from {@code in}; {@code source} names it in errors. */
    public static List<PairedRecord> readPaired(Reader in, String source, Tokenizer tokenizer) throws IOException {
        List<PairedRecord> out = new ArrayList<>();
        forEachObject(in, source, (object, line) -> {
            LineReader r = new LineReader(object, source, line, tokenizer);
            out.add(new PairedRecord(r.text("prompt"), r.text("chosen"), r.text("rejected")));
        });
        return out;
    }

    /** Reads an unpaired file; {@code tokenizer} (or null for none) checks that every character has a token. */
    public static List<UnpairedRecord> readUnpaired(Path file, Tokenizer tokenizer) throws IOException {
        try (BufferedReader in = open(file)) {
            return readUnpaired(in, file.toString(), tokenizer);
        }
    }

    /** Reads unpaired records from {@code in}; {@code source} names it in errors. */
    public static List<UnpairedRecord> readUnpaired(Reader in, String source, Tokenizer tokenizer) throws IOException {
        List<UnpairedRecord> out = new ArrayList<>();
        forEachObject(in, source, (object, line) -> {
            LineReader r = new LineReader(object, source, line, tokenizer);
            out.add(new UnpairedRecord(r.text("prompt"), r.text("completion"), r.flag("label")));
        });
        return out;
    }

    /** Writes paired records atomically, one per line. */
    public static void writePaired(Path file, List<PairedRecord> records) throws IOException {
        write(file, records.size(), i -> {
            PairedRecord r = records.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("prompt", r.prompt());
            row.put("chosen", r.chosen());
            row.put("rejected", r.rejected());
            return row;
        });
    }

    /** Writes unpaired records atomically, one per line. */
    public static void writeUnpaired(Path file, List<UnpairedRecord> records) throws IOException {
        write(file, records.size(), i -> {
            UnpairedRecord r = records.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("prompt", r.prompt());
            row.put("completion", r.completion());
            row.put("label", r.label());
            return row;
        });
    }

    private static void write(Path file, int count, java.util.function.IntFunction<Map<String, Object>> row) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            for (int i = 0; i < count; i++) {
                w.write(Json.write(row.apply(i)));
                w.write('\n');
            }
            w.flush();
        });
    }

    private static BufferedReader open(Path file) throws IOException {
        // Strict decoding: bytes that are not UTF-8 are an error, not silently replaced.
        return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(Map<?, ?> object, int line);
    }

    private static void forEachObject(Reader reader, String source, RowHandler handler) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        int line = 0;
        String text;
        while ((text = readLine(in, source, line + 1)) != null) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            Object value;
            try {
                value = Json.parse(text);
            } catch (Json.MalformedJsonException e) {
                throw new PreferenceDataException(source, line, null, "invalid JSON at column " + e.column() + ": " + e.detail());
            }
            if (!(value instanceof Map<?, ?> object)) {
                throw new PreferenceDataException(source, line, null, "expected a JSON object, found " + describe(value));
            }
            handler.accept(object, line);
        }
    }

    private static String readLine(BufferedReader in, String source, int line) throws IOException {
        try {
            return in.readLine();
        } catch (CharacterCodingException e) {
            throw new IOException(source + " line " + line + " is not valid UTF-8", e);
        }
    }

    /** "a number (12)", "a string (\"yes\")", "null", "an array". */
    static String describe(Object value) {
        if (value == null) return "null";
        if (value instanceof String s) return "a string (" + Json.write(s.length() > 40 ? s.substring(0, 40) + "…" : s) + ")";
        if (value instanceof Boolean b) return "a boolean (" + b + ")";
        if (value instanceof Number n) return "a number (" + n + ")";
        if (value instanceof List<?>) return "an array";
        return "an object";
    }

    /** Reads the fields of one line's object, turning every problem into an error naming the line and field. */
    private record LineReader(Map<?, ?> object, String source, int line, Tokenizer tokenizer) {
        String text(String field) {
            Object value = present(field);
            if (!(value instanceof String s)) {
                throw new PreferenceDataException(source, line, field, "must be a string, found " + describe(value));
            }
            if (s.isEmpty()) {
                throw new PreferenceDataException(source, line, field, "must not be an empty string");
            }
            if (tokenizer != null) {
                int unknown = tokenizer.firstUnknown(s);
                if (unknown >= 0) {
                    throw new PreferenceDataException(source, line, field, CharacterTokenizer.unknownMessage(s, unknown));
                }
            }
            return s;
        }

        boolean flag(String field) {
            Object value = present(field);
            if (!(value instanceof Boolean b)) {
                throw new PreferenceDataException(source, line, field, "must be true or false, found " + describe(value));
            }
            return b;
        }

        private Object present(String field) {
            if (!object.containsKey(field)) {
                throw new PreferenceDataException(source, line, field, "is missing");
            }
            return object.get(field);
        }
    }
}
