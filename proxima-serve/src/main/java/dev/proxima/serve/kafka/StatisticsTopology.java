package dev.proxima.serve.kafka;

import dev.proxima.serve.model.SparseVector;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
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
 * <p>Not yet: the join window. Markers and unjoined decisions are kept indefinitely; a punctuator
 * that expires them after the reward window (with an optional default reward) is future work.
 * Records that cannot be parsed are dropped and counted in {@link Counters#malformed}.
 */
public final class StatisticsTopology {
    /** Join state per event id. */
    public static final String JOIN_STORE = "join-state";
    /** The KTable of merged per-edge sums (queryable). */
    public static final String EDGE_STORE = "edge-sums";

    private static final byte DECISION_WAITING = 1, REWARD_WAITING = 2, COUNTED = 3;
    private static final byte[] COUNTED_MARKER = {COUNTED};

    /**
     * What the topology saw in this JVM. Approximate: a batch reprocessed after a failure under
     * exactly-once counts here again (its effects on the stores and topics do not).
     */
    public static final class Counters {
        public final AtomicLong joined = new AtomicLong();
        public final AtomicLong duplicateRewards = new AtomicLong();
        public final AtomicLong duplicateDecisions = new AtomicLong();
        public final AtomicLong malformed = new AtomicLong();
    }

    private StatisticsTopology() {}

    /**
     * @param persistent RocksDB stores (the default for a service); false keeps the stores in
     *                   memory, restored from their changelog topics on start
     */
    public static Topology build(KafkaTopics topics, boolean persistent, Counters counters) {
        StreamsBuilder builder = new StreamsBuilder();
        KeyValueBytesStoreSupplier joinSupplier = persistent ? Stores.persistentKeyValueStore(JOIN_STORE)
                : Stores.inMemoryKeyValueStore(JOIN_STORE);
        StoreBuilder<KeyValueStore<String, byte[]>> joinStore =
                Stores.keyValueStoreBuilder(joinSupplier, Serdes.String(), Serdes.ByteArray());
        builder.addStateStore(joinStore);

        Consumed<String, byte[]> consumed = Consumed.with(Serdes.String(), Serdes.ByteArray());
        KStream<Edge, EdgeSums> fromDecisions = builder.stream(topics.decisions(), consumed)
                .process(() -> new DecisionJoiner(counters), Named.as("join-decisions"), JOIN_STORE);
        KStream<Edge, EdgeSums> fromRewards = builder.stream(topics.rewards(), consumed)
                .process(() -> new RewardJoiner(counters), Named.as("join-rewards"), JOIN_STORE);

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
        ProcessorContext<Edge, EdgeSums> context;
        KeyValueStore<String, byte[]> store;

        Joiner(Counters counters) {
            this.counters = counters;
        }

        @Override
        public void init(ProcessorContext<Edge, EdgeSums> context) {
            this.context = context;
            this.store = context.getStateStore(JOIN_STORE);
        }

        /** Emits the joined event's per-edge deltas and marks the event as counted. */
        void emit(Record<String, byte[]> record, Payloads.Decision decision, double reward) {
            SparseVector w = decision.features();
            for (int k = 0; k < w.size(); k++) {
                context.forward(record.withKey(new Edge(decision.action(), w.index(k)))
                        .withValue(EdgeSums.of(w.value(k), reward)));
            }
            store.put(record.key(), COUNTED_MARKER);
            counters.joined.incrementAndGet();
        }
    }

    /** A decision: wait for its reward, or join a reward that came first. */
    private static final class DecisionJoiner extends Joiner {
        DecisionJoiner(Counters counters) {
            super(counters);
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
            if (state == null) {
                byte[] waiting = new byte[1 + record.value().length];
                waiting[0] = DECISION_WAITING;
                System.arraycopy(record.value(), 0, waiting, 1, record.value().length);
                store.put(record.key(), waiting);
            } else if (state[0] == REWARD_WAITING) {
                emit(record, decision, ByteBuffer.wrap(state, 1, 8).getDouble());
            } else {
                counters.duplicateDecisions.incrementAndGet();
            }
        }
    }

    /** A reward: join its waiting decision, or wait for it; later rewards of the event are duplicates. */
    private static final class RewardJoiner extends Joiner {
        RewardJoiner(Counters counters) {
            super(counters);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            double reward;
            try {
                if (record.key() == null) {
                    throw new IllegalArgumentException("no event id");
                }
                reward = Payloads.rewardValue(record.value());
            } catch (RuntimeException e) {
                counters.malformed.incrementAndGet();
                return;
            }
            byte[] state = store.get(record.key());
            if (state == null) {
                store.put(record.key(), ByteBuffer.allocate(9).put(REWARD_WAITING).putDouble(reward).array());
            } else if (state[0] == DECISION_WAITING) {
                byte[] payload = new byte[state.length - 1];
                System.arraycopy(state, 1, payload, 0, payload.length);
                emit(record, Payloads.decision(payload), reward);
            } else {
                counters.duplicateRewards.incrementAndGet();
            }
        }
    }
}
