package dev.proxima.serve.kafka;

import dev.proxima.core.io.Json;
import dev.proxima.serve.model.SparseVector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON payloads that {@link dev.proxima.serve.DecisionService} writes to its log and
 * publishes: of a decision, the fields the learner needs (the chosen action and the features);
 * of a reward, its value.
 */
final class Payloads {
    private Payloads() {}

    /** What a joined reward updates: the chosen action's edges for these features; when it was made. */
    record Decision(String action, SparseVector features, long time) {}

    @SuppressWarnings("unchecked")
    static Decision decision(byte[] payload) {
        Map<String, Object> m = object(payload);
        List<Object> actions = (List<Object>) field(m, "actions");
        List<Object> indices = (List<Object>) field(m, "featureIndices");
        List<Object> values = (List<Object>) field(m, "featureValues");
        int chosen = ((Number) field(m, "chosen")).intValue();
        if (chosen < 0 || chosen >= actions.size()) {
            throw new IllegalArgumentException("chosen index " + chosen + " is outside the " + actions.size() + " actions");
        }
        if (indices.size() != values.size()) {
            throw new IllegalArgumentException("featureIndices and featureValues differ in length");
        }
        int[] i = new int[indices.size()];
        double[] v = new double[values.size()];
        for (int k = 0; k < i.length; k++) {
            i[k] = ((Number) indices.get(k)).intValue();
            v[k] = ((Number) values.get(k)).doubleValue();
        }
        return new Decision(String.valueOf(actions.get(chosen)), new SparseVector(i, v),
                ((Number) field(m, "time")).longValue());
    }

    static double rewardValue(byte[] payload) {
        double value = ((Number) field(object(payload), "value")).doubleValue();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("reward value " + value + " is not finite");
        }
        return value;
    }

    /** When the reward was accepted: its {@code time} field, or {@code fallback} for payloads without one. */
    static long rewardTime(byte[] payload, long fallback) {
        Object t = object(payload).get("time");
        return t instanceof Number n ? n.longValue() : fallback;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(byte[] payload) {
        if (payload == null) {
            throw new IllegalArgumentException("empty payload");
        }
        if (!(Json.parse(new String(payload, StandardCharsets.UTF_8)) instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        return (Map<String, Object>) m;
    }

    private static Object field(Map<String, Object> m, String name) {
        Object v = m.get(name);
        if (v == null) {
            throw new IllegalArgumentException("payload has no field '" + name + "'");
        }
        return v;
    }
}
