package dev.proxima.core.optim;

/** A hyperparameter as a function of the optimizer's step count (0-based). */
@FunctionalInterface
public interface Schedule {
    double value(long step);

    static Schedule constant(double v) {
        return step -> v;
    }

    /** Linear from {@code from} at step 0 to {@code to} at {@code steps}, then held. */
    static Schedule linear(double from, double to, long steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("linear schedule length must be > 0, was " + steps);
        }
        return step -> step >= steps ? to : from + (to - from) * ((double) step / steps);
    }

    /** Cosine decay from {@code from} to {@code to} over {@code steps}, then held. */
    static Schedule cosine(double from, double to, long steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("cosine schedule length must be > 0, was " + steps);
        }
        return step -> step >= steps ? to : to + 0.5 * (from - to) * (1 + Math.cos(Math.PI * step / steps));
    }

    /** Linear warm-up from 0 over {@code warmupSteps}, then {@code after} (shifted by the warm-up). */
    static Schedule warmup(long warmupSteps, Schedule after) {
        return step -> step < warmupSteps ? after.value(0) * (step + 1) / (double) warmupSteps
                : after.value(step - warmupSteps);
    }
}
