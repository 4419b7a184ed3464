package dev.proxima.cli;

import dev.proxima.envs.Envs;

/** Parsing of option values with one-line errors that name the field, the value and what is allowed. */
final class Parse {
    private Parse() {}

    static long positiveLong(String field, String raw) {
        long v;
        try {
            v = Long.parseLong(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(field + ": '" + raw + "' is not a whole number; allowed: a whole number > 0");
        }
        if (v <= 0) {
            throw new UsageException(field + ": '" + raw + "' is not allowed; allowed: a whole number > 0");
        }
        return v;
    }

    static int positiveInt(String field, String raw) {
        long v = positiveLong(field, raw);
        if (v > Integer.MAX_VALUE) {
            throw new UsageException(field + ": '" + raw + "' is too large; allowed: 1 to " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    static int nonNegativeInt(String field, String raw) {
        return raw.strip().equals("0") ? 0 : positiveInt(field, raw);
    }

    static int positiveIntOrZero(String field, int value) {
        if (value < 0 || value > 65535) {
            throw new UsageException(field + ": '" + value + "' is not allowed; allowed: 0 to 65535");
        }
        return value;
    }

    static long seed(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new UsageException("--seed: '" + raw + "' is not a whole number; allowed: any 64-bit integer");
        }
    }

    static String env(String id) {
        if (id == null || !Envs.ids().contains(id)) {
            throw new UsageException("--env: unknown env '" + id + "'; allowed: " + String.join(", ", Envs.ids()));
        }
        return id;
    }
}
