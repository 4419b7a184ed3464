package dev.proxima.serve.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.proxima.serve.DecisionService;
import dev.proxima.serve.ProblemException;
import dev.proxima.serve.ServeConfig;
import dev.proxima.serve.model.Featurizer;
import dev.proxima.serve.model.FixedPointDiagLinUcb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed mode against one real KRaft broker on loopback, started by
 * {@code scripts/kafka-broker.sh} and stopped by its PID: two serving instances publish a fixed
 * workload, the Streams aggregator merges it, and a subscriber's model must equal, bit for bit,
 * one model that applied the same joined events, also across a broker {@code kill -9} and a
 * restart of the Streams instance.
 */
@Tag("kafka")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaModeTest {
    static final int EVENTS = 2000;

    @TempDir
    static Path tmp;

    static ScriptBroker broker;
    static Admin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = ScriptBroker.start(tmp.resolve("broker"));
        System.out.println("broker pid " + broker.pid() + " on " + broker.bootstrap() + " started in "
                + broker.lastStartMillis() + " ms");
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.close();
        }
    }

    static StatisticsAggregator.Config aggregatorConfig(String app, KafkaTopics topics) {
        return StatisticsAggregator.Config.of(broker.bootstrap(), app, tmp.resolve(app + "-state"), topics);
    }

    @Test
    @Order(1)
    void twoInstancesMergeToTheSingleNodeModelBitForBit() throws Exception {
        KafkaTopics topics = KafkaTopics.prefixed("merge-");
        topics.create(admin, 4, (short) 1);
        try (var aggregator = new StatisticsAggregator(aggregatorConfig("merge-agg", topics));
             var subscriber = new ParamsSubscriber(broker.bootstrap(), topics.params(), newModel());
             var pair = new ServingPair(tmp.resolve("merge-serving"), broker.bootstrap(), topics)) {
            aggregator.start(false);
            subscriber.start();
            long t0 = System.nanoTime();
            awaitAll(pair.start(0, EVENTS), 120);
            System.out.println("merge: " + EVENTS + " events published and acknowledged in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
            assertEquals(EVENTS, pair.decisions.get());
            assertEquals(EVENTS * 7 / 10, pair.joinedCount());
            awaitMerged(pair, aggregator, subscriber, Duration.ofSeconds(90));
            System.out.println("merge: params equal the single-node model " + (System.nanoTime() - t0) / 1_000_000
                    + " ms after the first event");
            assertEquals(EVENTS * 7 / 10, aggregator.counters().joined.get(), "each reward joined once");
            assertEquals(pair.rewardsPublishedAgain.get(), aggregator.counters().duplicateRewards.get());
        }
    }

    @Test
    @Order(2)
    void brokerKillNineAndStreamsRestartLoseNothingAndCountNothingTwice() throws Exception {
        KafkaTopics topics = KafkaTopics.prefixed("crash-");
        topics.create(admin, 4, (short) 1);
        StatisticsAggregator.Config config = aggregatorConfig("crash-agg", topics);
        try (var subscriber = new ParamsSubscriber(broker.bootstrap(), topics.params(), newModel());
             var pair = new ServingPair(tmp.resolve("crash-serving"), broker.bootstrap(), topics)) {
            subscriber.start();
            long t0 = System.nanoTime();
            var aggregator = new StatisticsAggregator(config);
            try {
                aggregator.start(false);
                awaitAll(pair.start(0, 600), 120);

                // The broker dies mid-stream (publishers and Streams busy) and restarts on the same data.
                var beforeKill = pair.feed(600, 1300);
                beforeKill.awaitStarted(200);
                long pid = broker.pid();
                int startedBeforeKill = beforeKill.started();
                broker.kill9();
                System.out.println("crash: kill -9 of broker pid " + pid + " when " + startedBeforeKill
                        + " of 700 events had started; " + beforeKill.unacknowledged() + " unacknowledged after the kill");
                Thread.sleep(500);
                broker.startAgain(60);
                System.out.println("crash: broker restarted on the same data in " + broker.lastStartMillis()
                        + " ms; unacknowledged then: " + beforeKill.unacknowledged());
                beforeKill.awaitAll(180);

                // The Streams instance restarts mid-stream with its local state wiped: stores come back from changelogs.
                var beforeRestart = pair.feed(1300, EVENTS);
                beforeRestart.awaitStarted(200);
                aggregator.close();
                aggregator = new StatisticsAggregator(config);
                aggregator.start(true);
                System.out.println("crash: Streams instance restarted with " + beforeRestart.started() + " of 700 events started");
                beforeRestart.awaitAll(120);
                System.out.println("crash: all events acknowledged at " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                awaitMerged(pair, aggregator, subscriber, Duration.ofSeconds(150));
                System.out.println("crash: params equal the single-node model at " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                assertEquals(EVENTS, pair.decisions.get());
                assertEquals(EVENTS * 7 / 10, pair.joinedCount());
                assertNull(subscriber.failure());
            } finally {
                long c = System.nanoTime();
                aggregator.close();
                System.out.println("crash: aggregator closed in " + (System.nanoTime() - c) / 1_000_000 + " ms");
            }
        }
    }

    /**
     * The deployment {@code proxima serve --kafka} runs: two instances, each with its own log, a
     * member of one Streams application and a subscriber. Rewards arrive at either instance: the
     * one that did not decide the event forwards it, retries included, and both instances end up
     * serving the single-node model bit for bit.
     */
    @Test
    @Order(3)
    void servingInstancesForwardRewardsAndServeTheMergedModel() throws Exception {
        KafkaTopics topics = KafkaTopics.prefixed("mode-");
        JoinWindow window = new JoinWindow(3_600_000, Double.NaN, 30_000);
        KafkaMode[] modes = new KafkaMode[2];
        DecisionService[] services = new DecisionService[2];
        try {
            for (int k = 0; k < 2; k++) {
                modes[k] = KafkaMode.start(new KafkaMode.Config(broker.bootstrap(), topics, 4, "mode-statistics",
                        tmp.resolve("mode-streams-" + k), window), newModel(), Duration.ofSeconds(90));
                services[k] = new DecisionService(ServeConfig.defaults(tmp.resolve("mode-instance-" + k),
                        "0123456789abcdef-kafka-mode").withSeed(k + 1), System::currentTimeMillis, modes[k]);
            }
            assertTrue(services[0].modelVersion().startsWith("m"), services[0].modelVersion());
            Featurizer featurizer = new Featurizer(ServingPair.FEATURES);
            FixedPointDiagLinUcb expected = newModel();
            int forwarded = 0;
            for (int i = 0; i < 600; i++) {
                DecisionService decider = services[i % 2], other = services[1 - i % 2];
                var ranked = decider.rank(new DecisionService.RankRequest(null, ServingPair.context(i), ServingPair.ACTIONS))
                        .get(30, TimeUnit.SECONDS);
                if (i % 3 == 0) {
                    continue; // never rewarded
                }
                double r = ServingPair.rewardValue(i);
                DecisionService receiver = i % 3 == 1 ? decider : other;
                String status = receiver.reward(ranked.eventId(), r).get(30, TimeUnit.SECONDS).status();
                assertEquals(i % 3 == 1 ? "accepted" : "forwarded", status);
                if (i % 3 == 2) {
                    forwarded++;
                    assertEquals("forwarded", receiver.reward(ranked.eventId(), r).get(30, TimeUnit.SECONDS).status());
                    // The decider has not seen the forwarded reward: it accepts a conflicting one, and
                    // the Kafka join, where the forwarded reward arrived first, drops it as a duplicate.
                    assertEquals("accepted", decider.reward(ranked.eventId(), 1 - r).get(30, TimeUnit.SECONDS).status());
                    assertEquals("duplicate", decider.reward(ranked.eventId(), 1 - r).get(30, TimeUnit.SECONDS).status());
                }
                expected.update(ranked.action(), featurizer.featurize(ServingPair.context(i)), r);
            }
            assertEquals(200, forwarded);
            var forged = assertThrows(ProblemException.class, () -> services[1].reward("1-abc-1.0000000000000000", 0.5));
            assertEquals(404, forged.status());

            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!(sameStatistics(expected.statistics(), services[0].modelStatistics())
                    && sameStatistics(expected.statistics(), services[1].modelStatistics()))) {
                if (System.nanoTime() > deadline) {
                    fail("instances did not converge to the single-node model: "
                            + differingEdges(expected.statistics(), services[0].modelStatistics()) + " and "
                            + differingEdges(expected.statistics(), services[1].modelStatistics()) + " edges differ");
                }
                Thread.sleep(200);
            }
            long joined = modes[0].aggregator().counters().joined.get() + modes[1].aggregator().counters().joined.get();
            System.out.println("kafka mode: both instances serve the merged model; joined " + joined + ", model version "
                    + services[0].modelVersion() + " / " + services[1].modelVersion());
        } finally {
            for (int k = 0; k < 2; k++) {
                if (services[k] != null) {
                    services[k].close();
                }
                if (modes[k] != null) {
                    modes[k].close();
                }
            }
        }
    }

    static FixedPointDiagLinUcb newModel() {
        return new FixedPointDiagLinUcb(ServingPair.FEATURES, ServingPair.ALPHA, ServingPair.LAMBDA);
    }

    static void awaitAll(List<CompletableFuture<Void>> futures, int seconds) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(seconds, TimeUnit.SECONDS);
    }

    /**
     * Waits until the aggregator's KTable holds exactly the expected per-edge sums and the
     * subscriber's model equals the single-node model bit for bit; fails with a summary otherwise.
     */
    static void awaitMerged(ServingPair pair, StatisticsAggregator aggregator, ParamsSubscriber subscriber,
                            Duration timeout) throws InterruptedException {
        Map<Edge, EdgeSums> expectedSums = pair.expectedSums();
        Map<String, long[][]> expected = pair.expectedModel().statistics();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            assertNull(subscriber.failure(), "subscriber failed");
            Map<String, long[][]> actual = subscriber.model().statistics();
            boolean modelEqual = sameStatistics(expected, actual);
            Map<Edge, EdgeSums> sums = null;
            try {
                sums = aggregator.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING
                        ? aggregator.edgeSums() : null;
            } catch (InvalidStateStoreException rebalancing) {
                // not queryable right now
            }
            boolean tableEqual = expectedSums.equals(sums);
            if (modelEqual && tableEqual) {
                long events = sums.values().stream().mapToLong(EdgeSums::events).sum();
                assertTrue(events > 0);
                return;
            }
            last = "model equal: " + modelEqual + " (" + differingEdges(expected, actual) + " edges differ), table equal: "
                    + tableEqual + (sums == null ? " (not queryable)" : " (" + sums.size() + " of " + expectedSums.size()
                    + " edges)") + ", aggregator " + aggregator.state() + ", joined " + aggregator.counters().joined.get();
            Thread.sleep(250);
        }
        fail("merged statistics did not reach the expected sums within " + timeout + ": " + last);
    }

    static boolean sameStatistics(Map<String, long[][]> e, Map<String, long[][]> a) {
        if (!e.keySet().equals(a.keySet())) {
            return false;
        }
        for (String k : e.keySet()) {
            if (!Arrays.deepEquals(e.get(k), a.get(k))) {
                return false;
            }
        }
        return true;
    }

    static int differingEdges(Map<String, long[][]> e, Map<String, long[][]> a) {
        int n = 0;
        for (String k : e.keySet()) {
            long[][] x = e.get(k), y = a.get(k);
            for (int c = 0; c < x[0].length; c++) {
                if (y == null || x[0][c] != y[0][c] || x[1][c] != y[1][c]) {
                    n++;
                }
            }
        }
        return n;
    }
}
