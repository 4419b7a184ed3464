package dev.proxima.serve.kafka;

/**
 * The reward window of the Kafka join: the distributed counterpart of the service's own window
 * ({@link dev.proxima.serve.ServeConfig#rewardWindowMillis}, {@link dev.proxima.serve.ServeConfig#defaultReward}).
 *
 * <p>A reward counts if its time (the accepting instance's clock, carried in the payload) is at
 * most {@code millis} after its decision's time; a later one is dropped as late. A decision still
 * without a reward once the aggregator's wall clock passes its time plus {@code millis} plus
 * {@code graceMillis} is expired, and counted with {@code defaultReward} if one is set. The grace
 * covers rewards accepted just before the window closed that are still on their way through Kafka;
 * it also absorbs clock differences between the instances and the aggregator.
 *
 * @param millis        reward window, &gt; 0, or {@link Long#MAX_VALUE} for none
 * @param defaultReward applied to decisions whose window closes without a reward (NaN: none)
 * @param graceMillis   extra wait before expiring a decision, &ge; 0
 */
public record JoinWindow(long millis, double defaultReward, long graceMillis) {
    /** No window: decisions wait for their reward forever (and their join state is kept). */
    public static final JoinWindow UNBOUNDED = new JoinWindow(Long.MAX_VALUE, Double.NaN, 0);

    public JoinWindow {
        if (millis <= 0) {
            throw new IllegalArgumentException("millis must be > 0, was " + millis);
        }
        if (graceMillis < 0) {
            throw new IllegalArgumentException("graceMillis must be >= 0, was " + graceMillis);
        }
        if (Double.isInfinite(defaultReward)) {
            throw new IllegalArgumentException("defaultReward must be finite or NaN (none), was " + defaultReward);
        }
    }

    boolean bounded() {
        return millis != Long.MAX_VALUE;
    }

    /** A reward at {@code rewardTime} for a decision at {@code decisionTime} comes too late. */
    boolean late(long decisionTime, long rewardTime) {
        return bounded() && rewardTime - decisionTime > millis;
    }

    /** At wall-clock time {@code now}, the join stops waiting for a reward of a decision made at {@code time}. */
    boolean closed(long time, long now) {
        return bounded() && now - time > millis + graceMillis;
    }

    /**
     * Join state of a finished event is dropped this long after its decision: long enough that a
     * retried decision arriving later is still recognised as a duplicate in practice.
     */
    boolean forgettable(long time, long now) {
        return bounded() && now - time > 2 * millis + graceMillis;
    }

    /** How often the join looks for closed windows: a tenth of the window, between 1 s and 60 s. */
    long scanIntervalMillis() {
        return Math.max(1_000, Math.min(60_000, millis / 10));
    }
}
