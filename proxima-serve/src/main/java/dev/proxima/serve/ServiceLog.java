package dev.proxima.serve;

import dev.proxima.bandits.ope.LoggedDecision;
import dev.proxima.core.io.Json;
import dev.proxima.serve.log.EventLog;
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
 * Reading a service's event log after the fact: joined decisions for off-policy evaluation, and an
 * export in Vowpal Wabbit's DSJSON shape so the same logs can be replayed in VW.
 */
public final class ServiceLog {
    private ServiceLog() {}

    /** A decision with its reward (NaN if none arrived), as the log recorded them. */
    public record Joined(String eventId, List<String> actions, int[] featureIndices, double[] featureValues,
                         double[] probabilities, int chosen, double reward) {}

    /** Every decision of the service in {@code dataDirectory}, joined with its reward, in log order. */
    @SuppressWarnings("unchecked")
    public static List<Joined> read(Path dataDirectory) throws IOException {
        Path dir = dataDirectory.resolve("log");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no service log at " + dir + " (expected the --data folder of proxima serve)");
        }
        Map<String, Joined> byId = new LinkedHashMap<>();
        Map<String, Double> rewards = new LinkedHashMap<>();
        try (EventLog log = EventLog.open(dir, EventLog.Config.defaults())) {
            log.replay(0, (offset, type, payload) -> {
                Map<String, Object> m = (Map<String, Object>) Json.parse(new String(payload, StandardCharsets.UTF_8));
                switch (type) {
                    case DECISION -> {
                        List<Object> idx = (List<Object>) m.get("featureIndices"), val = (List<Object>) m.get("featureValues");
                        List<Object> pmf = (List<Object>) m.get("probabilities");
                        byId.put((String) m.get("eventId"), new Joined((String) m.get("eventId"),
                                ((List<Object>) m.get("actions")).stream().map(String::valueOf).toList(),
                                idx.stream().mapToInt(x -> ((Number) x).intValue()).toArray(),
                                val.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray(),
                                pmf.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray(),
                                ((Number) m.get("chosen")).intValue(), Double.NaN));
                    }
                    case REWARD -> rewards.putIfAbsent((String) m.get("eventId"), ((Number) m.get("value")).doubleValue());
                    case EXPIRE -> {
                        if (m.get("default") instanceof Number d) {
                            rewards.putIfAbsent((String) m.get("eventId"), d.doubleValue());
                        }
                    }
                    default -> { }
                }
            });
        }
        List<Joined> out = new ArrayList<>();
        for (Joined j : byId.values()) {
            Double r = rewards.get(j.eventId());
            out.add(new Joined(j.eventId(), j.actions(), j.featureIndices(), j.featureValues(), j.probabilities(), j.chosen(),
                    r == null ? Double.NaN : r));
        }
        return out;
    }

    /**
     * Rewarded decisions as {@link LoggedDecision}s for off-policy evaluation: the context is the
     * dense hashed feature vector ({@code dimension} buckets), and all decisions must have offered
     * the same number of actions.
     */
    public static List<LoggedDecision> forEvaluation(List<Joined> joined, int dimension) {
        List<LoggedDecision> out = new ArrayList<>();
        int k = -1;
        for (Joined j : joined) {
            if (Double.isNaN(j.reward())) {
                continue;
            }
            if (k < 0) {
                k = j.actions().size();
            } else if (j.actions().size() != k) {
                throw new IllegalArgumentException("log: decision " + j.eventId() + " offered " + j.actions().size()
                        + " actions, earlier ones " + k + "; off-policy evaluation needs a fixed action set");
            }
            double[] x = new double[dimension];
            for (int i = 0; i < j.featureIndices().length; i++) x[j.featureIndices()[i]] = j.featureValues()[i];
            out.add(new LoggedDecision(x, j.chosen(), j.probabilities()[j.chosen()], j.probabilities(), j.reward()));
        }
        return out;
    }

    /**
     * Writes Vowpal Wabbit DSJSON lines ({@code --dsjson --cb_adf}): {@code _label_cost} (the
     * negated reward), {@code _label_probability}, {@code _label_Action} (1-based),
     * {@code _labelIndex}, {@code EventId}, {@code a} (1-based action order), {@code c} (shared
     * hashed features and {@code _multi} with one entry per action id), {@code p}.
     */
    public static void exportDsJson(List<Joined> joined, Path out) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (Joined j : joined) {
                if (Double.isNaN(j.reward())) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("_label_cost", -j.reward());
                m.put("_label_probability", j.probabilities()[j.chosen()]);
                m.put("_label_Action", j.chosen() + 1);
                m.put("_labelIndex", j.chosen());
                m.put("EventId", j.eventId());
                List<Object> a = new ArrayList<>();
                for (int i = 0; i < j.actions().size(); i++) a.add(i + 1);
                m.put("a", a);
                Map<String, Object> shared = new LinkedHashMap<>();
                for (int i = 0; i < j.featureIndices().length; i++) shared.put("h" + j.featureIndices()[i], j.featureValues()[i]);
                List<Object> multi = new ArrayList<>();
                for (String id : j.actions()) multi.add(Map.of("id", id));
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("shared", shared);
                c.put("_multi", multi);
                m.put("c", c);
                List<Object> p = new ArrayList<>();
                for (double x : j.probabilities()) p.add(x);
                m.put("p", p);
                w.write(Json.write(m));
                w.newLine();
            }
        }
    }
}
