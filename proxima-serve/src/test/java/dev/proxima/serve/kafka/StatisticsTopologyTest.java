package dev.proxima.serve.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.proxima.core.io.Json;
import dev.proxima.serve.model.FixedPointDiagLinUcb;
import dev.proxima.serve.model.SparseVector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The join and aggregation topology without a broker ({@link TopologyTestDriver}). */
class StatisticsTopologyTest {
    static final KafkaTopics TOPICS = KafkaTopics.defaults();
    static final int DIM = 16;

    @TempDir
    Path state;

    /** A decision payload in the format of DecisionService's log records. */
    static byte[] decision(String eventId, List<String> actions, int chosen, SparseVector w) {
        return decision(eventId, actions, chosen, w, 1L);
    }

    static byte[] decision(String eventId, List<String> actions, int chosen, SparseVector w, long time) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", eventId);
        m.put("time", time);
        m.put("hash", 7L);
        m.put("modelVersion", "v0");
        m.put("actions", new ArrayList<Object>(actions));
        List<Object> idx = new ArrayList<>(), val = new ArrayList<>(), pmf = new ArrayList<>();
        for (int k = 0; k < w.size(); k++) {
            idx.add(w.index(k));
            val.add(w.value(k));
        }
        for (int i = 0; i < actions.size(); i++) pmf.add(1.0 / actions.size());
        m.put("featureIndices", idx);
        m.put("featureValues", val);
        m.put("probabilities", pmf);
        m.put("chosen", chosen);
        return Json.write(m).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] reward(String eventId, double value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", eventId);
        m.put("value", value);
        return Json.write(m).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] reward(String eventId, double value, long time) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", eventId);
        m.put("value", value);
        m.put("time", time);
        return Json.write(m).getBytes(StandardCharsets.UTF_8);
    }

    static SparseVector randomFeatures(Random rnd) {
        List<Integer> all = new ArrayList<>();
        for (int c = 1; c < DIM; c++) all.add(c);
        Collections.shuffle(all, rnd);
        List<Integer> chosen = new ArrayList<>(all.subList(0, 1 + rnd.nextInt(5)));
        chosen.add(0);
        Collections.sort(chosen);
        int[] idx = chosen.stream().mapToInt(Integer::intValue).toArray();
        double[] val = new double[idx.length];
        for (int k = 0; k < val.length; k++) val[k] = idx[k] == 0 ? 1.0 : rnd.nextGaussian() * 1.7;
        return new SparseVector(idx, val);
    }

    TopologyTestDriver driver(StatisticsTopology.Counters counters) {
        Properties p = StatisticsAggregator.properties(StatisticsAggregator.Config.of("unused:9092", "topology-test",
                state, TOPICS));
        return new TopologyTestDriver(StatisticsTopology.build(TOPICS, false, counters), p);
    }

    @Test
    void joinedRewardsSumToTheSingleNodeModelBitForBit() {
        Random rnd = new Random(11);
        List<String> actions = List.of("a", "b", "c");
        FixedPointDiagLinUcb expected = new FixedPointDiagLinUcb(DIM, 1.0, 1.0);
        Map<Edge, EdgeSums> expectedSums = new HashMap<>();
        List<Runnable> sends = new ArrayList<>();
        var counters = new StatisticsTopology.Counters();
        try (TopologyTestDriver driver = driver(counters)) {
            TestInputTopic<String, byte[]> decisions = driver.createInputTopic(TOPICS.decisions(),
                    new StringSerializer(), new ByteArraySerializer());
            TestInputTopic<String, byte[]> rewards = driver.createInputTopic(TOPICS.rewards(),
                    new StringSerializer(), new ByteArraySerializer());
            int rewarded = 0, duplicates = 0, decisionDuplicates = 0;
            for (int i = 0; i < 400; i++) {
                String id = "e" + i;
                int chosen = rnd.nextInt(actions.size());
                SparseVector w = randomFeatures(rnd);
                byte[] d = decision(id, actions, chosen, w);
                boolean hasReward = rnd.nextDouble() < 0.7;
                double r = rnd.nextDouble() * 2 - 0.5;
                if (hasReward) {
                    rewarded++;
                    expected.update(actions.get(chosen), w, r);
                    for (int k = 0; k < w.size(); k++) {
                        expectedSums.merge(new Edge(actions.get(chosen), w.index(k)), EdgeSums.of(w.value(k), r),
                                EdgeSums::plus);
                    }
                }
                // Arrival orders: decision first (usual), reward first (it raced its decision), both duplicated.
                boolean rewardFirst = hasReward && i % 5 == 0;
                if (rewardFirst) {
                    sends.add(() -> rewards.pipeInput(id, reward(id, r)));
                }
                sends.add(() -> decisions.pipeInput(id, d));
                if (i % 9 == 0) {
                    sends.add(() -> decisions.pipeInput(id, d));
                    decisionDuplicates++;
                }
                if (hasReward && !rewardFirst) {
                    sends.add(() -> rewards.pipeInput(id, reward(id, r)));
                }
                if (hasReward && i % 4 == 0) {
                    sends.add(() -> rewards.pipeInput(id, reward(id, r)));
                    duplicates++;
                }
            }
            sends.forEach(Runnable::run);

            KeyValueStore<Edge, EdgeSums> table = driver.getKeyValueStore(StatisticsTopology.EDGE_STORE);
            Map<Edge, EdgeSums> sums = new HashMap<>();
            try (var it = table.all()) {
                it.forEachRemaining(kv -> sums.put(kv.key, kv.value));
            }
            assertEquals(expectedSums, sums);

            TestOutputTopic<Edge, EdgeSums> params = driver.createOutputTopic(TOPICS.params(),
                    Edge.serde().deserializer(), EdgeSums.serde().deserializer());
            Map<Edge, EdgeSums> latest = params.readKeyValuesToMap();
            assertEquals(expectedSums, latest, "the params topic's latest values are the KTable");

            assertStatisticsEqual(expected, modelFrom(latest));
            assertEquals(rewarded, counters.joined.get());
            assertEquals(duplicates, counters.duplicateRewards.get());
            assertEquals(decisionDuplicates, counters.duplicateDecisions.get());
        }
    }

    /**
     * Window 1 s, grace 0.5 s, default reward 0.25: a timely reward joins; a late one (before or
     * after its decision arrived) is dropped and its decision, like one never rewarded, is
     * expired with the default once the wall clock passes 1.5 s; a reward after that is late; a
     * reward that never meets a decision is dropped; finished events are forgotten after 2.5 s.
     */
    @Test
    void rewardWindowDropsLateRewardsAndExpiresDecisionsWithTheDefault() {
        JoinWindow window = new JoinWindow(1_000, 0.25, 500);
        var counters = new StatisticsTopology.Counters();
        Properties p = StatisticsAggregator.properties(StatisticsAggregator.Config.of("unused:9092", "window-test",
                state, TOPICS));
        try (TopologyTestDriver driver = new TopologyTestDriver(StatisticsTopology.build(TOPICS, false, window, counters), p,
                java.time.Instant.ofEpochMilli(0))) {
            var decisions = driver.createInputTopic(TOPICS.decisions(), new StringSerializer(), new ByteArraySerializer());
            var rewards = driver.createInputTopic(TOPICS.rewards(), new StringSerializer(), new ByteArraySerializer());
            KeyValueStore<String, byte[]> join = driver.getKeyValueStore(StatisticsTopology.JOIN_STORE);
            List<String> actions = List.of("a", "b");
            Map<String, SparseVector> features = new LinkedHashMap<>();
            String[] ids = {"on-time", "late", "silent", "early-late"};
            for (int i = 0; i < ids.length; i++) {
                features.put(ids[i], new SparseVector(new int[] {0, i + 1}, new double[] {1, 0.5 + i}));
            }
            rewards.pipeInput("early-late", reward("early-late", 1.0, 5_000));
            for (String id : ids) decisions.pipeInput(id, decision(id, actions, 1, features.get(id), 0));
            rewards.pipeInput("on-time", reward("on-time", 1.0, 900));
            rewards.pipeInput("late", reward("late", 1.0, 1_500));
            rewards.pipeInput("orphan", reward("orphan", 1.0, 0));
            assertEquals(1, counters.joined.get());
            assertEquals(2, counters.late.get());

            driver.advanceWallClockTime(java.time.Duration.ofMillis(1_000)); // 1.0 s: windows closed, grace not over
            assertEquals(0, counters.expired.get());
            driver.advanceWallClockTime(java.time.Duration.ofMillis(1_000)); // 2.0 s
            assertEquals(3, counters.expired.get());
            assertEquals(null, join.get("orphan"), "a reward that never met its decision is dropped");
            rewards.pipeInput("silent", reward("silent", 1.0, 900));
            assertEquals(3, counters.late.get(), "a reward after its decision expired is late");

            Map<Edge, EdgeSums> expected = new HashMap<>();
            features.forEach((id, w) -> {
                double r = id.equals("on-time") ? 1.0 : 0.25;
                for (int k = 0; k < w.size(); k++) {
                    expected.merge(new Edge("b", w.index(k)), EdgeSums.of(w.value(k), r), EdgeSums::plus);
                }
            });
            KeyValueStore<Edge, EdgeSums> table = driver.getKeyValueStore(StatisticsTopology.EDGE_STORE);
            Map<Edge, EdgeSums> sums = new HashMap<>();
            try (var it = table.all()) {
                it.forEachRemaining(kv -> sums.put(kv.key, kv.value));
            }
            assertEquals(expected, sums);

            driver.advanceWallClockTime(java.time.Duration.ofMillis(1_000)); // 3.0 s > 2 windows + grace
            try (var it = join.all()) {
                assertEquals(false, it.hasNext(), "finished events are forgotten");
            }
        }
    }

    @Test
    void malformedRecordsAreDroppedAndCounted() {
        var counters = new StatisticsTopology.Counters();
        try (TopologyTestDriver driver = driver(counters)) {
            var decisions = driver.createInputTopic(TOPICS.decisions(), new StringSerializer(), new ByteArraySerializer());
            var rewards = driver.createInputTopic(TOPICS.rewards(), new StringSerializer(), new ByteArraySerializer());
            decisions.pipeInput("x", "not json".getBytes(StandardCharsets.UTF_8));
            decisions.pipeInput("y", "{\"actions\":[\"a\"],\"chosen\":3,\"featureIndices\":[],\"featureValues\":[]}"
                    .getBytes(StandardCharsets.UTF_8));
            rewards.pipeInput("z", "{\"eventId\":\"z\"}".getBytes(StandardCharsets.UTF_8));
            rewards.pipeInput((String) null, reward("n", 1));
            SparseVector w = new SparseVector(new int[] {0, 3}, new double[] {1, 0.5});
            decisions.pipeInput("ok", decision("ok", List.of("a", "b"), 1, w));
            rewards.pipeInput("ok", reward("ok", 1));
            assertEquals(4, counters.malformed.get());
            assertEquals(1, counters.joined.get());
            KeyValueStore<Edge, EdgeSums> table = driver.getKeyValueStore(StatisticsTopology.EDGE_STORE);
            assertEquals(EdgeSums.of(0.5, 1), table.get(new Edge("b", 3)));
        }
    }

    @Test
    void wireFormsRoundTripAndRejectGarbage() {
        Edge e = new Edge("äction-1", 12345);
        assertEquals(e, Edge.fromBytes(e.toBytes()));
        EdgeSums s = new EdgeSums(-5, Long.MAX_VALUE, 3);
        assertEquals(s, EdgeSums.fromBytes(s.toBytes()));
        assertThrows(IllegalArgumentException.class, () -> Edge.fromBytes(new byte[2]));
        assertThrows(IllegalArgumentException.class, () -> EdgeSums.fromBytes(new byte[23]));
        assertThrows(ArithmeticException.class, () -> s.plus(new EdgeSums(0, 1, 0)));
    }

    /** A model that took its statistics from merged sums, as a serving instance does. */
    static FixedPointDiagLinUcb modelFrom(Map<Edge, EdgeSums> sums) {
        FixedPointDiagLinUcb m = new FixedPointDiagLinUcb(DIM, 1.0, 1.0);
        sums.forEach((edge, s) -> m.setMergedSums(edge.action(), new int[] {edge.feature()}, new long[] {s.d()},
                new long[] {s.b()}));
        return m;
    }

    static void assertStatisticsEqual(FixedPointDiagLinUcb expected, FixedPointDiagLinUcb actual) {
        Map<String, long[][]> e = expected.statistics(), a = actual.statistics();
        assertEquals(e.keySet(), a.keySet(), "actions with statistics");
        for (String action : e.keySet()) {
            assertArrayEquals(e.get(action)[0], a.get(action)[0], "d of action " + action);
            assertArrayEquals(e.get(action)[1], a.get(action)[1], "b of action " + action);
        }
    }
}
