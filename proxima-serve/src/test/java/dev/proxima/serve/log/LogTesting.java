package dev.proxima.serve.log;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Small helpers shared by the event log tests. */
final class LogTesting {
    private LogTesting() {}

    /** A replayed record. */
    record Rec(long offset, RecordType type, byte[] payload) {
        String text() {
            return new String(payload, UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rec r && r.offset == offset && r.type == type && Arrays.equals(r.payload, payload);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(offset) * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return offset + ":" + type + ":" + text();
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static List<Rec> readAll(EventLog log) throws IOException {
        return readFrom(log, log.startOffset());
    }

    static List<Rec> readFrom(EventLog log, long from) throws IOException {
        List<Rec> out = new ArrayList<>();
        log.replay(from, (offset, type, payload) -> out.add(new Rec(offset, type, payload)));
        return out;
    }

    static List<String> texts(List<Rec> recs) {
        return recs.stream().map(Rec::text).toList();
    }

    /** Waits for an append that must succeed. */
    static long ack(CompletableFuture<Long> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    /** Waits for an append that must fail, and returns the cause. */
    static Throwable failure(CompletableFuture<Long> f) throws InterruptedException, TimeoutException {
        try {
            Long offset = f.get(30, TimeUnit.SECONDS);
            throw new AssertionError("expected the append to fail, but it was acknowledged at offset " + offset);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    /** A payload of exactly {@code size} bytes that starts with {@code tag}. */
    static byte[] padded(String tag, int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) '.');
        byte[] t = bytes(tag);
        System.arraycopy(t, 0, b, 0, Math.min(t.length, size));
        return b;
    }
}
