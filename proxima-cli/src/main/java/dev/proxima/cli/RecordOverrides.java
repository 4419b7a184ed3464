package dev.proxima.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps {@code --set key=value} flags onto a config record through its components, then builds the
 * record with its canonical constructor so the record's own validation applies. Keys may be
 * written as the component name ({@code learningRate}) or in snake or kebab case
 * ({@code learning_rate}, {@code learning-rate}).
 */
final class RecordOverrides {
    private RecordOverrides() {}

    static <R extends Record> R apply(R base, List<String> sets, String owner) {
        if (sets == null || sets.isEmpty()) {
            return base;
        }
        RecordComponent[] components = base.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = read(components[i], base);
        }
        Map<Integer, List<String>> nested = new LinkedHashMap<>();
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0 || eq == set.length() - 1) {
                throw new UsageException("--set: '" + set + "' is malformed; expected key=value, e.g. --set learningRate=3e-4");
            }
            String key = set.substring(0, eq).trim(), raw = set.substring(eq + 1).trim();
            int dot = key.indexOf('.');
            int index = find(components, dot < 0 ? key : key.substring(0, dot));
            if (index < 0) {
                throw new UsageException("--set: unknown key '" + key + "' for " + owner + "; allowed: " + names(components));
            }
            boolean isRecord = components[index].getType().isRecord();
            if (dot < 0 && isRecord) {
                throw new UsageException("--set: '" + key + "' is a group of settings; set one of them as " + key
                        + ".NAME=value");
            }
            if (dot >= 0) {
                if (!isRecord) {
                    throw new UsageException("--set: unknown key '" + key + "' for " + owner + "; allowed: " + names(components));
                }
                // Settings of a nested record (off-policy MDPO's sac.*, MEX-MF's td3.*) apply to it in turn.
                nested.computeIfAbsent(index, i -> new ArrayList<>()).add(key.substring(dot + 1) + "=" + raw);
            } else {
                values[index] = convert(components[index], raw);
            }
        }
        for (Map.Entry<Integer, List<String>> e : nested.entrySet()) {
            int i = e.getKey();
            values[i] = apply((Record) values[i], e.getValue(), owner + "." + components[i].getName());
        }
        try {
            @SuppressWarnings("unchecked")
            R r = (R) base.getClass().getDeclaredConstructor(types(components)).newInstance(values);
            return r;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new UsageException("--set: " + (cause == null ? e : cause).getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + base.getClass().getSimpleName(), e);
        }
    }

    /** The record's components as an ordered map, for manifests and checkpoint metadata. */
    static Map<String, Object> toMap(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = read(c, r);
            m.put(c.getName(), v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : v instanceof Record n ? toMap(n) : v);
        }
        return m;
    }

    /** Rebuilds a record from {@link #toMap} output (as parsed back from JSON). */
    static <R extends Record> R fromMap(R template, Map<String, Object> map) {
        List<String> sets = new ArrayList<>();
        flatten("", map, sets);
        return apply(template, sets, template.getClass().getEnclosingClass().getSimpleName().toLowerCase(Locale.ROOT));
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, List<String> sets) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> inner) {
                flatten(prefix + e.getKey() + ".", (Map<String, Object>) inner, sets);
            } else {
                sets.add(prefix + e.getKey() + "=" + e.getValue());
            }
        }
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int find(RecordComponent[] components, String key) {
        String wanted = normalise(key);
        for (int i = 0; i < components.length; i++) {
            if (normalise(components[i].getName()).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static String normalise(String s) {
        return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static String names(RecordComponent[] components) {
        StringBuilder sb = new StringBuilder();
        for (RecordComponent c : components) {
            sb.append(sb.isEmpty() ? "" : ", ").append(c.getName());
        }
        return sb.toString();
    }

    private static Class<?>[] types(RecordComponent[] components) {
        Class<?>[] t = new Class<?>[components.length];
        for (int i = 0; i < t.length; i++) t[i] = components[i].getType();
        return t;
    }

    private static Object convert(RecordComponent c, String raw) {
        Class<?> type = c.getType();
        String field = "--set " + c.getName();
        try {
            if (type == int.class) {
                return Integer.parseInt(raw);
            }
            if (type == long.class) {
                return Long.parseLong(raw);
            }
            if (type == double.class) {
                double d = Double.parseDouble(raw);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            }
        } catch (NumberFormatException e) {
            String kind = type == double.class ? "a finite number" : "a whole number";
            throw new UsageException(field + ": '" + raw + "' is not " + kind);
        }
        if (type == boolean.class) {
            if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(raw);
            }
            throw new UsageException(field + ": '" + raw + "' is not allowed; allowed: true, false");
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(raw)) {
                    return constant;
                }
            }
            StringBuilder allowed = new StringBuilder();
            for (Object constant : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : ", ").append(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
            }
            throw new UsageException(field + ": '" + raw + "' is not allowed; allowed: " + allowed);
        }
        if (type == String.class) {
            return raw;
        }
        throw new IllegalStateException("unsupported config type " + type + " for " + c.getName());
    }
}
