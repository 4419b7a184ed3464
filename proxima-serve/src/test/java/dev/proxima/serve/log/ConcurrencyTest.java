package dev.proxima.serve.log;

import static dev.proxima.serve.log.LogTesting.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.serve.log.EventLog.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void fourThreadsAppendingTenThousandRecordsEachAreAllReplayedExactlyOnce() throws Exception {
        int threads = 4;
        int perThread = 10_000;
        Config config = Config.defaults().withSegmentBytes(256 << 10).withQueueCapacity(1024);
        ConcurrentHashMap<Long, String> acked = new ConcurrentHashMap<>();
        AtomicInteger overloaded = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        try (EventLog log = EventLog.open(dir, config)) {
            List<Thread> workers = new ArrayList<>();
            List<CompletableFuture<Void>> done = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String tag = "thread " + id + " record " + i;
                        CompletableFuture<Long> f;
                        while (true) {
                            try {
                                f = log.append(RecordType.REWARD, bytes(tag));
                                break;
                            } catch (LogOverloadedException busy) {
                                overloaded.incrementAndGet();
                                Thread.yield(); // the caller's retry; the HTTP layer would answer 429
                            }
                        }
                        done.add(f.thenAccept(offset -> {
                            if (acked.put(offset, tag) != null) {
                                duplicates.incrementAndGet();
                            }
                        }));
                    }
                }));
            }
            for (Thread w : workers) {
                w.join();
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertEquals(0, duplicates.get());
            assertEquals(threads * perThread, acked.size());
            assertEquals(threads * perThread, log.nextOffset());
        }
        try (EventLog log = EventLog.open(dir, config)) {
            assertNull(log.recovery().tornTail());
            assertTrue(log.recovery().segments() > 1, "the test should cross segment rolls");
            long[] next = {0};
            log.replay(0, (offset, type, payload) -> {
                assertEquals(next[0]++, offset);
                assertEquals(acked.get(offset), new String(payload, StandardCharsets.UTF_8), "offset " + offset);
            });
            assertEquals(threads * perThread, next[0]);
        }
    }
}
