package dev.proxima.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.serve.log.LogUnavailableException;
import dev.proxima.serve.log.RecordType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision service with an {@link EventSink}: acknowledgements wait for the sink, retries publish again. */
class EventSinkHookTest {
    @TempDir
    Path dir;

    record Published(RecordType type, String eventId, String payload, CompletableFuture<Void> ack) {}

    /** Holds every publication's acknowledgement until the test releases it. */
    static final class HeldSink implements EventSink {
        final List<Published> published = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> publish(RecordType type, String eventId, byte[] payload) {
            var p = new Published(type, eventId, new String(payload, StandardCharsets.UTF_8), new CompletableFuture<>());
            published.add(p);
            return p.ack();
        }

        Published awaitNext(int index) throws InterruptedException {
            for (int i = 0; i < 500 && published.size() <= index; i++) Thread.sleep(10);
            return published.get(index);
        }

        @Override
        public void close() {}
    }

    ServeConfig config() {
        return ServeConfig.defaults(dir, "0123456789abcdef0123456789abcdef").withRewardWindow(10_000, Double.NaN);
    }

    @Test
    void acknowledgementsWaitForTheSinkAndRetriesPublishAgain() throws Exception {
        HeldSink sink = new HeldSink();
        try (DecisionService s = new DecisionService(config(), () -> 5_000L, sink)) {
            var rank = s.rank(DecisionServiceTest.request("ev-1", "u1"));
            Published decision = sink.awaitNext(0);
            assertEquals(RecordType.DECISION, decision.type());
            assertEquals("ev-1", decision.eventId());
            assertTrue(decision.payload().contains("\"featureIndices\""));
            Thread.sleep(50);
            assertFalse(rank.isDone(), "no answer before the sink acknowledges");
            decision.ack().complete(null);
            var ranked = rank.get(5, TimeUnit.SECONDS);

            var retry = s.rank(DecisionServiceTest.request("ev-1", "u1"));
            Published again = sink.awaitNext(1);
            assertEquals(decision.payload(), again.payload(), "a retried rank publishes the stored decision again");
            again.ack().complete(null);
            assertEquals(ranked, retry.get(5, TimeUnit.SECONDS));

            var reward = s.reward("ev-1", 0.5);
            Published r = sink.awaitNext(2);
            assertEquals(RecordType.REWARD, r.type());
            r.ack().complete(null);
            assertEquals("accepted", reward.get(5, TimeUnit.SECONDS).status());
            var duplicate = s.reward("ev-1", 0.5);
            sink.awaitNext(3).ack().complete(null);
            assertEquals("duplicate", duplicate.get(5, TimeUnit.SECONDS).status());
            assertEquals("v1", s.modelVersion(), "the reward was applied once");
        }
    }

    @Test
    void aSinkFailureAnswers503AndTheRetryPublishesWhatTheLocalLogHas() throws Exception {
        HeldSink sink = new HeldSink();
        try (DecisionService s = new DecisionService(config(), () -> 5_000L, sink)) {
            var rank = s.rank(DecisionServiceTest.request("ev-2", "u2"));
            Published first = sink.awaitNext(0);
            first.ack().completeExceptionally(new LogUnavailableException("broker down", null));
            var error = assertThrows(ExecutionException.class, () -> rank.get(5, TimeUnit.SECONDS));
            assertEquals(503, assertInstanceOf(ProblemException.class, error.getCause()).status());

            var retry = s.rank(DecisionServiceTest.request("ev-2", "u2"));
            Published again = sink.awaitNext(1);
            assertEquals(first.payload(), again.payload(), "the retry publishes the decision the local log holds");
            again.ack().complete(null);
            retry.get(5, TimeUnit.SECONDS);

            var reward = s.reward("ev-2", 0.25);
            sink.awaitNext(2).ack().completeExceptionally(new LogUnavailableException("broker down", null));
            error = assertThrows(ExecutionException.class, () -> reward.get(5, TimeUnit.SECONDS));
            assertEquals(503, assertInstanceOf(ProblemException.class, error.getCause()).status());
            assertEquals("v1", s.modelVersion(), "the reward is in the local log, so the local model has it");

            var retried = s.reward("ev-2", 0.75);
            Published rewardAgain = sink.awaitNext(3);
            assertTrue(rewardAgain.payload().contains("0.25"), "the retry publishes the logged value: " + rewardAgain.payload());
            rewardAgain.ack().complete(null);
            assertEquals("duplicate", retried.get(5, TimeUnit.SECONDS).status());
            assertEquals("v1", s.modelVersion());
        }
    }
}
