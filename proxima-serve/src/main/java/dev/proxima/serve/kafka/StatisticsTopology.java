package dev.proxima.serve.kafka;

import dev.proxima.serve.model.SparseVector;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams topology of distributed mode (serving spec §6.4): joins rewards to their
 * decisions by event id, turns each joined event into fixed-point per-edge deltas, and sums them
 * per (action, feature) edge in a KTable whose updates go to the compacted {@code params} topic.
 *
 * <pre>
 *  decisions ─┐                       ┌─ (edge, Δ) ── repartition by edge ── reduce: exact sum ── params
 *             ├─ join state (eventId) ┤              (KTable "edge-sums")
 *  rewards  ──┘                       └─ one joined event per eventId, first reward wins
 * </pre>
 *
 * <p><b>Join.</b> A store keyed by event id holds, per event, the decision waiting for its
 * reward, or a reward that arrived before its decision, or a marker that the event's reward has
 * been counted. Whichever of the two arrives second emits the joined event and leaves the marker,
 * so a reward published twice (client retries, two instances) is counted once, and a duplicate
 * decision is ignored. The input topics must be co-partitioned (same partition count; keys are
 * event ids), so that an event's decision and rewards meet in one task.
 *
 * <p><b>Deltas.</b> For the chosen action and each feature {@code (c, w)} of the decision, the
 * delta is {@link EdgeSums#of}: {@code Δd = w²} and {@code Δb = w·r}, each rounded to the 2^-32
 * grid exactly as {@link dev.proxima.serve.model.FixedPointDiagLinUcb#update} rounds them. Sums
 * of longs do not depend on order or partitioning, so the merged table equals, bit for bit, one
 * model that applied every joined event.
 *
 * <p><b>Exactly once.</b> Run under {@code processing.guarantee=exactly_once_v2}
 * ({@link StatisticsAggregator} does): the join store, the sums, the repartition topic and
 * {@code params} are written in one transaction with the input offsets, so a retried or
 * restarted batch is never summed twice.
 *
 * <p><b>Window.</b> With a bounded {@link JoinWindow}, a reward later than the window after its
 * decision is dropped (counted in {@link Counters#late}); a wall-clock punctuator expires
 * decisions whose window (plus grace) has closed, emitting the window's default reward for them if
 * it has one, drops rewards that never met their decision, and forgets finished events after two
 * windows. Records that cannot be parsed are dropped and counted in {@link Counters#malformed}.
 */
public final class StatisticsTopology {
    /** Join state per event id. */
    public static final String JOIN_STORE = "join-state";
    /** The KTable of merged per-edge sums (queryable). */
    public static final String EDGE_STORE = "edge-sums";

    /*
     * Join state layouts: DECISION_WAITING [tag][decision time][payload]; REWARD_WAITING [tag][value][reward time];
     * COUNTED and EXPIRED [tag][decision time].
     */
    private static final byte DECISION_WAITING = 1, REWARD_WAITING = 2, COUNTED = 3, EXPIRED = 4;

    /**
     * What the topology saw in this JVM. Approximate: a batch reprocessed after a failure under
     * exactly-once counts here again (its effects on the stores and topics do not).
     */
    public static final class Counters {
        public final AtomicLong joined = new AtomicLong();
        public final AtomicLong duplicateRewards = new AtomicLong();
        public final AtomicLong duplicateDecisions = new AtomicLong();
        public final AtomicLong malformed = new AtomicLong();
        public final AtomicLong late = new AtomicLong();
        public final AtomicLong expired = new AtomicLong();
    }

    private StatisticsTopology() {}

    /**
     * @param persistent RocksDB stores (the default for a service); false keeps the stores in
     *                   memory, restored from their changelog topics on start
     */
    public static Topology build(KafkaTopics topics, boolean persistent, Counters counters) {
        return build(topics, persistent, JoinWindow.UNBOUNDED, counters);
    }

    /** As above, with a reward window. */
    public static Topology build(KafkaTopics topics, boolean persistent, JoinWindow window, Counters counters) {
        StreamsBuilder builder = new StreamsBuilder();
        KeyValueBytesStoreSupplier joinSupplier = persistent ? Stores.persistentKeyValueStore(JOIN_STORE)
                : Stores.inMemoryKeyValueStore(JOIN_STORE);
        StoreBuilder<KeyValueStore<String, byte[]>> joinStore =
                Stores.keyValueStoreBuilder(joinSupplier, Serdes.String(), Serdes.ByteArray());
        builder.addStateStore(joinStore);

        Consumed<String, byte[]> consumed = Consumed.with(Serdes.String(), Serdes.ByteArray());
        KStream<Edge, EdgeSums> fromDecisions = builder.stream(topics.decisions(), consumed)
                .process(() -> new DecisionJoiner(counters, window), Named.as("join-decisions"), JOIN_STORE);
        KStream<Edge, EdgeSums> fromRewards = builder.stream(topics.rewards(), consumed)
                .process(() -> new RewardJoiner(counters, window), Named.as("join-rewards"), JOIN_STORE);

        KeyValueBytesStoreSupplier sumSupplier = persistent ? Stores.persistentKeyValueStore(EDGE_STORE)
                : Stores.inMemoryKeyValueStore(EDGE_STORE);
        fromDecisions.merge(fromRewards, Named.as("joined"))
                .groupByKey(Grouped.with("edges", Edge.serde(), EdgeSums.serde()))
                .reduce(EdgeSums::plus, Named.as("sum-edges"), Materialized.<Edge, EdgeSums>as(sumSupplier)
                        .withKeySerde(Edge.serde()).withValueSerde(EdgeSums.serde()))
                .toStream(Named.as("edge-updates"))
                .to(topics.params(), Produced.with(Edge.serde(), EdgeSums.serde()));
        return builder.build();
    }

    /** Shared by the two joiners: the join store and the emission of one event's deltas. */
    private abstract static class Joiner implements Processor<String, byte[], Edge, EdgeSums> {
        final Counters counters;
        final JoinWindow window;
        ProcessorContext<Edge, EdgeSums> context;
        KeyValueStore<String, byte[]> store;

        Joiner(Counters counters, JoinWindow window) {
            this.counters = counters;
            this.window = window;
        }

        @Override
        public void init(ProcessorContext<Edge, EdgeSums> context) {
            this.context = context;
            this.store = context.getStateStore(JOIN_STORE);
        }

        /** Emits the joined event's per-edge deltas and leaves {@code marker} as its state. */
        void emit(Record<?, ?> record, String eventId, Payloads.Decision decision, double reward, byte marker) {
            SparseVector w = decision.features();
            for (int k = 0; k < w.size(); k++) {
                context.forward(new Record<>(new Edge(decision.action(), w.index(k)), EdgeSums.of(w.value(k), reward),
                        record.timestamp()));
            }
            store.put(eventId, marker(marker, decision.time()));
        }

        static byte[] marker(byte tag, long time) {
            return ByteBuffer.allocate(9).put(tag).putLong(time).array();
        }

        static byte[] decisionWaiting(long time, byte[] payload) {
            return ByteBuffer.allocate(9 + payload.length).put(DECISION_WAITING).putLong(time).put(payload).array();
        }

        static byte[] waitingPayload(byte[] state) {
            byte[] payload = new byte[state.length - 9];
            System.arraycopy(state, 9, payload, 0, payload.length);
            return payload;
        }
    }

    /**
     * A decision: wait for its reward, or join a reward that came first. Also owns the window's
     * punctuator, which expires what waited too long.
     */
    private static final class DecisionJoiner extends Joiner {
        DecisionJoiner(Counters counters, JoinWindow window) {
            super(counters, window);
        }

        @Override
        public void init(ProcessorContext<Edge, EdgeSums> context) {
            super.init(context);
            if (window.bounded()) {
                context.schedule(Duration.ofMillis(window.scanIntervalMillis()), PunctuationType.WALL_CLOCK_TIME,
                        this::closeWindows);
            }
        }

        @Override
        public void process(Record<String, byte[]> record) {
            Payloads.Decision decision;
            try {
                if (record.key() == null) {
                    throw new IllegalArgumentException("no event id");
                }
                decision = Payloads.decision(record.value());
            } catch (RuntimeException e) {
                counters.malformed.incrementAndGet();
                return;
            }
            byte[] state = store.get(record.key());
            if (state != null && state[0] == REWARD_WAITING) {
                ByteBuffer waiting = ByteBuffer.wrap(state, 1, 16);
                double reward = waiting.getDouble();
                if (!window.late(decision.time(), waiting.getLong())) {
                    emit(record, record.key(), decision, reward, COUNTED);
                    counters.joined.incrementAndGet();
                    return;
                }
                counters.late.incrementAndGet();
                state = null; // the reward does not count: the decision waits for a timely one
            }
            if (state == null) {
                store.put(record.key(), decisionWaiting(decision.time(), record.value()));
            } else {
                counters.duplicateDecisions.incrementAndGet();
            }
        }

        /** Expires decisions whose window closed, drops orphaned rewards, forgets old finished events. */
        private void closeWindows(long now) {
            List<KeyValue<String, byte[]>> due = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, byte[]> kv = it.next();
                    ByteBuffer state = ByteBuffer.wrap(kv.value);
                    byte tag = state.get();
                    boolean isDue = switch (tag) {
                        case DECISION_WAITING -> window.closed(state.getLong(), now);
                        case REWARD_WAITING -> window.closed(state.getLong(9), now);
                        default -> window.forgettable(state.getLong(), now);
                    };
                    if (isDue) {
                        due.add(kv); // changed after the scan: stores need not support writes during iteration
                    }
                }
            }
            for (KeyValue<String, byte[]> kv : due) {
                if (kv.value[0] != DECISION_WAITING) {
                    store.delete(kv.key);
                    continue;
                }
                Payloads.Decision decision = Payloads.decision(waitingPayload(kv.value));
                counters.expired.incrementAndGet();
                if (Double.isNaN(window.defaultReward())) {
                    store.put(kv.key, marker(EXPIRED, decision.time()));
                } else {
                    emit(new Record<>(kv.key, null, now), kv.key, decision, window.defaultReward(), EXPIRED);
                }
            }
        }
    }

    /** A reward: join its waiting decision, or wait for it; later rewards of the event are duplicates. */
    private static final class RewardJoiner extends Joiner {
        RewardJoiner(Counters counters, JoinWindow window) {
            super(counters, window);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            double reward;
            long time;
            try {
                if (record.key() == null) {
                    throw new IllegalArgumentException("no event id");
                }
                reward = Payloads.rewardValue(record.value());
                time = Payloads.rewardTime(record.value(), record.timestamp());
            } catch (RuntimeException e) {
                counters.malformed.incrementAndGet();
                return;
            }
            byte[] state = store.get(record.key());
            if (state == null) {
                store.put(record.key(), ByteBuffer.allocate(17).put(REWARD_WAITING).putDouble(reward).putLong(time).array());
            } else if (state[0] == DECISION_WAITING) {
                long decisionTime = ByteBuffer.wrap(state, 1, 8).getLong();
                if (window.late(decisionTime, time)) {
                    counters.late.incrementAndGet();
                    return;
                }
                emit(record, record.key(), Payloads.decision(waitingPayload(state)), reward, COUNTED);
                counters.joined.incrementAndGet();
            } else if (state[0] == EXPIRED) {
                counters.late.incrementAndGet();
            } else {
                counters.duplicateRewards.incrementAndGet(); // a second reward, or a retry of one waiting already
            }
        }
    }
}
