package dev.proxima.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionServiceTest {
    @TempDir
    Path dir;

    final AtomicLong now = new AtomicLong(1_000_000);

    ServeConfig config() {
        return ServeConfig.defaults(dir, "0123456789abcdef0123456789abcdef").withRewardWindow(10_000, Double.NaN);
    }

    static DecisionService.RankRequest request(String eventId, String user) {
        return new DecisionService.RankRequest(eventId, Map.of("user", user, "age", 30),
                List.of(new DecisionService.Action("a", null), new DecisionService.Action("b", null),
                        new DecisionService.Action("c", null)));
    }

    @Test
    void rankThenRewardLearnsAndRetriesAreIdempotent() throws Exception {
        try (DecisionService s = new DecisionService(config(), now::get)) {
            var r = s.rank(request(null, "u1")).get();
            assertTrue(r.probability() > 0);
            double sum = r.ranking().stream().mapToDouble(DecisionService.Ranked::probability).sum();
            assertEquals(1, sum, 1e-12);
            assertEquals("accepted", s.reward(r.eventId(), 1.0).get().status());
            assertEquals("duplicate", s.reward(r.eventId(), 1.0).get().status());
            assertEquals("v1", s.modelVersion());
            var retried = s.rank(request("client-1", "u2")).get();
            assertEquals(retried, s.rank(request("client-1", "u2")).get(), "a retried rank returns the stored decision");
            var conflict = assertThrows(ProblemException.class, () -> s.rank(request("client-1", "someone-else")));
            assertEquals(409, conflict.status());
        }
    }

    @Test
    void instancesWithDifferentSeedsIssueDistinctIdsOnTheSameClock() throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (long seed : new long[] {1, 2}) {
            ServeConfig c = ServeConfig.defaults(dir.resolve("instance-" + seed), "0123456789abcdef0123456789abcdef")
                    .withSeed(seed);
            try (DecisionService s = new DecisionService(c, () -> 1_000_000L)) {
                for (int i = 0; i < 5; i++) {
                    assertTrue(ids.add(s.rank(request(null, "u" + i)).get().eventId()), "event ids must not clash");
                }
            }
        }
        assertEquals(10, ids.size());
    }

    @Test
    void unknownForgedAndLateEventsAreRefused() throws Exception {
        try (DecisionService s = new DecisionService(config(), now::get)) {
            var r = s.rank(request(null, "u1")).get();
            String forged = r.eventId().substring(0, r.eventId().lastIndexOf('.') + 1) + "0000000000000000";
            assertEquals(404, assertThrows(ProblemException.class, () -> s.reward(forged, 1)).status());
            assertEquals(404, assertThrows(ProblemException.class, () -> s.reward("never-issued", 1)).status());
            assertEquals(400, assertThrows(ProblemException.class, () -> s.reward(r.eventId(), 7)).status());
            assertEquals(400, assertThrows(ProblemException.class, () -> s.reward(r.eventId(), Double.NaN)).status());
            now.addAndGet(20_000);
            assertEquals(410, assertThrows(ProblemException.class, () -> s.reward(r.eventId(), 1)).status());
        }
    }

    /**
     * Window 10 s, default reward 0.25: decisions at 0, 4 and 8 s, the second rewarded. At 12 s
     * only the first window has closed; at 19 s the third's too. Expired decisions learn the
     * default, their late rewards get 410, and a restart replays the EXPIRE records to the same
     * model.
     */
    @Test
    void closingWindowsExpireOldestFirstWithTheDefaultReward() throws Exception {
        ServeConfig c = config().withRewardWindow(10_000, 0.25);
        Map<String, long[][]> before;
        String first, third;
        try (DecisionService s = new DecisionService(c, now::get)) {
            first = s.rank(request(null, "u1")).get().eventId();
            now.addAndGet(4_000);
            String second = s.rank(request(null, "u2")).get().eventId();
            assertEquals("accepted", s.reward(second, 1.0).get().status());
            now.addAndGet(4_000);
            third = s.rank(request(null, "u3")).get().eventId();
            now.addAndGet(4_000); // 12 s
            assertEquals(1, s.expireOld());
            now.addAndGet(7_000); // 19 s: the second (rewarded) leaves the index, the third expires
            assertEquals(1, s.expireOld());
            assertEquals(0, s.expireOld());
            awaitApplied(s, "v3");
            assertEquals(410, assertThrows(ProblemException.class, () -> s.reward(first, 1)).status());
            assertEquals(410, assertThrows(ProblemException.class, () -> s.reward(third, 1)).status());
            assertEquals(0, s.modelInfo().get("openDecisions"));
            before = s.modelStatistics();
        }
        try (DecisionService s = new DecisionService(c, now::get)) {
            assertEquals("v3", s.modelVersion());
            assertEquals(410, assertThrows(ProblemException.class, () -> s.reward(first, 1)).status());
            Map<String, long[][]> after = s.modelStatistics();
            assertEquals(before.keySet(), after.keySet());
            for (String a : before.keySet()) assertArrayEquals(before.get(a)[1], after.get(a)[1]);
        }
    }

    /** Expiry completes after its EXPIRE record is durable: wait for the model to take the defaults. */
    static void awaitApplied(DecisionService s, String version) throws InterruptedException {
        for (int i = 0; i < 500 && !s.modelVersion().equals(version); i++) Thread.sleep(10);
        assertEquals(version, s.modelVersion());
    }

    @Test
    void badRankRequestsAreRefusedWithTheirField() throws Exception {
        try (DecisionService s = new DecisionService(config(), now::get)) {
            var empty = assertThrows(ProblemException.class,
                    () -> s.rank(new DecisionService.RankRequest(null, Map.of(), List.of())));
            assertEquals("actions", empty.field());
            var dup = assertThrows(ProblemException.class, () -> s.rank(new DecisionService.RankRequest(null, Map.of(),
                    List.of(new DecisionService.Action("a", null), new DecisionService.Action("a", null)))));
            assertTrue(dup.getMessage().contains("duplicate"));
            var id = assertThrows(ProblemException.class, () -> s.rank(request("bad id!", "u")));
            assertEquals("eventId", id.field());
        }
    }

    ServeConfig withLearner(String learner, boolean shadow) {
        ServeConfig c = config();
        return new ServeConfig(c.host(), c.port(), c.dataDirectory(), c.features(), c.alpha(), c.lambda(), c.epsilon(),
                c.rewardWindowMillis(), c.defaultReward(), c.minReward(), c.maxReward(), c.maxBodyBytes(), c.maxActions(),
                c.maxNesting(), c.idleTimeoutMillis(), c.authToken(), c.secret(), c.seed(), c.queueCapacity(),
                c.snapshotEvery(), learner, shadow);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"diag-linucb", "linucb", "epsilon-greedy"})
    void everyLearnerPrefersTheRewardedActionAndReplaysExactly(String learner) throws Exception {
        Map<String, long[][]> before;
        int chosenB = 0;
        try (DecisionService s = new DecisionService(withLearner(learner, false), now::get)) {
            for (int i = 0; i < 400; i++) {
                var r = s.rank(request(null, "user" + (i % 5))).get();
                s.reward(r.eventId(), r.action().equals("b") ? 1 : 0).get();
                chosenB += i >= 300 && r.action().equals("b") ? 1 : 0;
            }
            before = s.modelStatistics();
        }
        assertTrue(chosenB > 80, learner + " chose the rewarded action " + chosenB + " of the last 100 times");
        try (DecisionService s = new DecisionService(withLearner(learner, false), now::get)) {
            Map<String, long[][]> after = s.modelStatistics();
            for (String k : before.keySet()) {
                for (int j = 0; j < before.get(k).length; j++) assertArrayEquals(before.get(k)[j], after.get(k)[j], k);
            }
        }
    }

    @Test
    void shadowModeServesTheBaselineAndStillLearns() throws Exception {
        try (DecisionService s = new DecisionService(withLearner("diag-linucb", true), now::get)) {
            for (int i = 0; i < 50; i++) {
                var r = s.rank(request(null, "u" + i)).get();
                assertEquals("a", r.action());
                assertEquals(1.0, r.probability());
                s.reward(r.eventId(), 1).get();
            }
            assertEquals("v50", s.modelVersion());
            assertTrue(((String) s.modelInfo().get("policy")).startsWith("shadow:"));
        }
    }

    @Test
    void restartRebuildsTheSameModelAndJoinIndex() throws Exception {
        Map<String, long[][]> before;
        String pending;
        String rewarded;
        try (DecisionService s = new DecisionService(config(), now::get)) {
            for (int i = 0; i < 200; i++) {
                var r = s.rank(request(null, "user" + (i % 7))).get();
                if (i % 3 != 0) {
                    s.reward(r.eventId(), r.action().equals("b") ? 1 : 0).get();
                }
                if (i == 150) {
                    s.snapshot();
                }
            }
            rewarded = s.rank(request("r1", "x")).get().eventId();
            s.reward(rewarded, 1).get();
            pending = s.rank(request("p1", "x")).get().eventId();
            before = s.modelStatistics();
        }
        try (DecisionService s = new DecisionService(config(), now::get)) {
            Map<String, long[][]> after = s.modelStatistics();
            assertEquals(before.keySet(), after.keySet());
            for (String k : before.keySet()) {
                assertArrayEquals(before.get(k)[0], after.get(k)[0], k);
                assertArrayEquals(before.get(k)[1], after.get(k)[1], k);
            }
            assertEquals("duplicate", s.reward(rewarded, 1).get().status(), "rewards count once across restarts");
            assertEquals("accepted", s.reward(pending, 1).get().status(), "open decisions survive a restart");
        }
    }
}
