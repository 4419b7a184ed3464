package dev.proxima.core.util;

/**
 * Argument guards whose messages name the field, the value and what is allowed, so a bad input
 * is reported in one line a user can act on.
 */
public final class Checks {
    private Checks() {}

    public static int positive(int value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
        return value;
    }

    public static long positive(long value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
        return value;
    }

    public static double positive(double value, String field) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number > 0, was " + value);
        }
        return value;
    }

    public static int nonNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    public static double nonNegative(double value, String field) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, was " + value);
        }
        return value;
    }

    /** lo <= value <= hi. */
    public static double inClosed(double value, double lo, double hi, String field) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "], was " + value);
        }
        return value;
    }

    /** lo < value <= hi. */
    public static double inHalfOpen(double value, double lo, double hi, String field) {
        if (!(value > lo && value <= hi)) {
            throw new IllegalArgumentException(field + " must be in (" + lo + ", " + hi + "], was " + value);
        }
        return value;
    }

    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
