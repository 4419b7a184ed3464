package dev.proxima.bandits.ope;

import dev.proxima.core.io.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Logged decisions as JSON Lines, one object per line:
 * {@code {"context":[...],"action":a,"propensity":p,"probabilities":[...],"reward":r}}. Malformed
 * lines are reported with the file and line number.
 */
public final class DecisionLog {
    private DecisionLog() {}

    public static void write(Path file, List<LoggedDecision> log) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (LoggedDecision d : log) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("context", list(d.context()));
                m.put("action", d.action());
                m.put("propensity", d.propensity());
                m.put("probabilities", list(d.probabilities()));
                m.put("reward", d.reward());
                w.write(Json.write(m));
                w.newLine();
            }
        }
    }

    @SuppressWarnings("unchecked")
    public static List<LoggedDecision> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("log: no file at " + file);
        }
        List<LoggedDecision> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Map<String, Object> m = (Map<String, Object>) Json.parse(line, file + ":" + number);
                    out.add(new LoggedDecision(doubles(m, "context"), ((Number) field(m, "action")).intValue(),
                            ((Number) field(m, "propensity")).doubleValue(), doubles(m, "probabilities"),
                            ((Number) field(m, "reward")).doubleValue()));
                } catch (IllegalArgumentException | ClassCastException e) {
                    throw new IllegalArgumentException("log " + file + " line " + number + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    private static Object field(Map<String, Object> m, String name) {
        Object v = m.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing field '" + name + "'");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static double[] doubles(Map<String, Object> m, String name) {
        List<Object> l = (List<Object>) field(m, name);
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) d[i] = ((Number) l.get(i)).doubleValue();
        return d;
    }

    private static List<Object> list(double[] v) {
        List<Object> l = new ArrayList<>();
        for (double x : v) l.add(x);
        return l;
    }
}
