package dev.proxima.serve.kafka;

import dev.proxima.serve.DecisionService;
import dev.proxima.serve.ServeConfig;
import dev.proxima.serve.log.RecordType;
import dev.proxima.serve.model.Featurizer;
import dev.proxima.serve.model.FixedPointDiagLinUcb;
import dev.proxima.serve.model.SparseVector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two serving instances (decision services with their own local logs) that both publish to
 * Kafka, and a fixed workload: event {@code i} is ranked by instance {@code i % 2}; 70% of the
 * events get a reward at the same instance; some rewards are published twice, either retried at
 * the same instance (which republishes it) or sent again through the other instance's sink.
 * Keeps the single-node reference: one model that applied every accepted reward once.
 */
final class ServingPair implements AutoCloseable {
    static final int FEATURES = 64;
    static final double ALPHA = 1.0, LAMBDA = 1.0;
    static final List<DecisionService.Action> ACTIONS = List.of(new DecisionService.Action("a0", null),
            new DecisionService.Action("a1", null), new DecisionService.Action("a2", null),
            new DecisionService.Action("a3", null));

    /** A reward the service accepted: what the learner must apply once. */
    record Joined(String action, SparseVector features, double reward) {}

    private final DecisionService[] services = new DecisionService[2];
    private final KafkaEventSink[] sinks = new KafkaEventSink[2];
    private final Featurizer featurizer = new Featurizer(FEATURES);
    private final ConcurrentLinkedQueue<Joined> joined = new ConcurrentLinkedQueue<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    final AtomicInteger decisions = new AtomicInteger(), rewardsPublishedAgain = new AtomicInteger();

    ServingPair(Path dir, String bootstrap, KafkaTopics topics) throws IOException {
        for (int k = 0; k < 2; k++) {
            sinks[k] = new KafkaEventSink(bootstrap, topics);
            ServeConfig config = ServeConfig.defaults(dir.resolve("instance-" + k), "0123456789abcdef-kafka-mode");
            services[k] = new DecisionService(config, () -> 1_000_000L, sinks[k]);
        }
    }

    static boolean rewarded(int i) {
        int m = i % 10;
        return m != 1 && m != 4 && m != 7;
    }

    static double rewardValue(int i) {
        return ((i * 7919L) % 1001) / 1000.0;
    }

    static Map<String, Object> context(int i) {
        return Map.of("user", "u" + (i % 37), "score", (i % 17) * 0.37 + 0.1, "segment", i % 3 == 0 ? "new" : "returning");
    }

    /**
     * Runs event {@code i}; the future completes when everything it published is acknowledged
     * (local log and broker), and fails if any acknowledgement failed.
     */
    CompletableFuture<Void> event(int i) {
        DecisionService service = services[i % 2];
        String id = "e" + i;
        return service.rank(new DecisionService.RankRequest(id, context(i), ACTIONS)).thenComposeAsync(ranked -> {
            decisions.incrementAndGet();
            if (!rewarded(i)) {
                return CompletableFuture.completedFuture(null);
            }
            double r = rewardValue(i);
            return service.reward(id, r).thenComposeAsync(answer -> {
                if (!answer.status().equals("accepted")) {
                    throw new IllegalStateException("reward of " + id + " was " + answer.status());
                }
                joined.add(new Joined(ranked.action(), featurizer.featurize(context(i)), r));
                if (i % 10 == 3) { // published again through the other instance
                    rewardsPublishedAgain.incrementAndGet();
                    return sinks[1 - i % 2].publish(RecordType.REWARD, id, StatisticsTopologyTest.reward(id, r));
                }
                if (i % 10 == 6) { // the client retries at the same instance, which publishes again
                    rewardsPublishedAgain.incrementAndGet();
                    return service.reward(id, r).thenAccept(again -> {
                        if (!again.status().equals("duplicate")) {
                            throw new IllegalStateException("retried reward of " + id + " was " + again.status());
                        }
                    });
                }
                return CompletableFuture.completedFuture(null);
            }, pool);
        }, pool);
    }

    /** Starts events {@code [from, to)} and returns their futures. */
    List<CompletableFuture<Void>> start(int from, int to) {
        List<CompletableFuture<Void>> out = new ArrayList<>();
        for (int i = from; i < to; i++) out.add(event(i));
        return out;
    }

    /**
     * Starts events {@code [from, to)} from a background thread, ten every 40 ms, so that
     * publishing goes on while a test breaks something.
     */
    Feeder feed(int from, int to) {
        Feeder f = new Feeder(from, to);
        f.thread.start();
        return f;
    }

    final class Feeder {
        private final List<CompletableFuture<Void>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile Throwable failure;

        private Feeder(int from, int to) {
            thread = new Thread(() -> {
                try {
                    for (int i = from; i < to; i += 10) {
                        futures.addAll(start(i, Math.min(to, i + 10)));
                        Thread.sleep(40);
                    }
                } catch (InterruptedException | RuntimeException e) {
                    failure = e;
                }
            }, "feeder-" + from);
        }

        int started() {
            return futures.size();
        }

        long unacknowledged() {
            synchronized (futures) {
                return futures.stream().filter(f -> !f.isDone()).count();
            }
        }

        void awaitStarted(int n) throws InterruptedException {
            while (futures.size() < n && thread.isAlive()) Thread.sleep(5);
        }

        /** Waits until every event was started and acknowledged. */
        void awaitAll(int seconds) throws Exception {
            thread.join(seconds * 1000L);
            if (failure != null) {
                throw new IllegalStateException("feeder failed", failure);
            }
            CompletableFuture<?>[] all;
            synchronized (futures) {
                all = futures.toArray(CompletableFuture[]::new);
            }
            CompletableFuture.allOf(all).get(seconds, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    int joinedCount() {
        return joined.size();
    }

    /** The single-node reference: one model that applied every accepted reward. */
    FixedPointDiagLinUcb expectedModel() {
        FixedPointDiagLinUcb m = new FixedPointDiagLinUcb(FEATURES, ALPHA, LAMBDA);
        for (Joined j : joined) m.update(j.action(), j.features(), j.reward());
        return m;
    }

    /** The per-edge sums the KTable must hold. */
    Map<Edge, EdgeSums> expectedSums() {
        Map<Edge, EdgeSums> out = new HashMap<>();
        for (Joined j : joined) {
            for (int k = 0; k < j.features().size(); k++) {
                out.merge(new Edge(j.action(), j.features().index(k)), EdgeSums.of(j.features().value(k), j.reward()),
                        EdgeSums::plus);
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        pool.shutdown();
        for (int k = 0; k < 2; k++) {
            services[k].close();
            sinks[k].close();
        }
    }
}
