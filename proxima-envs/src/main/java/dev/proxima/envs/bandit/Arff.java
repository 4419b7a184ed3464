package dev.proxima.envs.bandit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A reader for Weka's ARFF files (dense format): numeric and nominal attributes, quoted names and
 * values, {@code ?} for missing values, {@code %} comments. Errors name the file and line.
 */
public final class Arff {
    /** An attribute: its name and, for nominal ones, the allowed values (null for numeric). */
    public record Attribute(String name, List<String> values) {
        public boolean isNominal() {
            return values != null;
        }
    }

    /** A parsed file: attributes and rows of raw cells ({@code null} for missing). */
    public record Table(String relation, List<Attribute> attributes, List<String[]> rows) {}

    private Arff() {}

    public static Table read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        String relation = "";
        List<Attribute> attributes = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        boolean data = false;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("%")) {
                continue;
            }
            String where = file + " line " + (n + 1);
            if (!data) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("@relation")) {
                    relation = line.substring(9).strip();
                } else if (lower.startsWith("@attribute")) {
                    attributes.add(attribute(line.substring(10).strip(), where));
                } else if (lower.startsWith("@data")) {
                    data = true;
                } else {
                    throw new IOException(where + ": expected @relation, @attribute or @data, found '" + line + "'");
                }
                continue;
            }
            if (line.startsWith("{")) {
                throw new IOException(where + ": sparse ARFF rows are not supported");
            }
            List<String> cells = split(line, where);
            if (cells.size() != attributes.size()) {
                throw new IOException(where + ": " + cells.size() + " values for " + attributes.size() + " attributes");
            }
            String[] row = new String[cells.size()];
            for (int i = 0; i < row.length; i++) {
                String v = cells.get(i);
                row[i] = v.equals("?") ? null : v;
                Attribute a = attributes.get(i);
                if (row[i] != null && a.isNominal() && !a.values().contains(row[i])) {
                    throw new IOException(where + ": value '" + row[i] + "' of attribute '" + a.name()
                            + "' is not one of " + a.values());
                }
            }
            rows.add(row);
        }
        if (!data) {
            throw new IOException(file + ": no @data section");
        }
        return new Table(relation, attributes, rows);
    }

    private static Attribute attribute(String spec, String where) throws IOException {
        String name, type;
        if (spec.startsWith("'") || spec.startsWith("\"")) {
            int close = spec.indexOf(spec.charAt(0), 1);
            if (close < 0) {
                throw new IOException(where + ": unterminated quote");
            }
            name = spec.substring(1, close);
            type = spec.substring(close + 1).strip();
        } else {
            String[] parts = spec.split("\\s+", 2);
            name = parts[0];
            type = parts.length > 1 ? parts[1].strip() : "";
        }
        if (type.startsWith("{")) {
            int end = type.lastIndexOf('}');
            if (end < 0) {
                throw new IOException(where + ": nominal attribute '" + name + "' has no closing brace");
            }
            return new Attribute(name, split(type.substring(1, end), where));
        }
        String t = type.toLowerCase(Locale.ROOT);
        if (t.equals("numeric") || t.equals("real") || t.equals("integer")) {
            return new Attribute(name, null);
        }
        throw new IOException(where + ": attribute '" + name + "' has unsupported type '" + type + "'");
    }

    /** Comma-separated values with optional single or double quotes. */
    private static List<String> split(String s, String where) throws IOException {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= s.length()) {
                break;
            }
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IOException(where + ": unterminated quote");
                }
                out.add(s.substring(i + 1, end));
                i = end + 1;
                while (i < s.length() && s.charAt(i) != ',') i++;
            } else {
                int end = s.indexOf(',', i);
                if (end < 0) {
                    end = s.length();
                }
                out.add(s.substring(i, end).strip());
                i = end;
            }
            i++; // skip the comma
        }
        return out;
    }
}
