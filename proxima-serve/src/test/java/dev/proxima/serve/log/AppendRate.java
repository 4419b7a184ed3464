package dev.proxima.serve.log;

import dev.proxima.serve.log.EventLog.Config;
import dev.proxima.serve.log.EventLog.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * A rough measurement, not a test: acknowledged appends per second of 200-byte records, with a
 * fixed number of appends outstanding (closed loop), and the append-to-acknowledgement latency.
 *
 * <p>Arguments: folder on the disk to measure (a fresh subfolder is used per run), durability
 * (SYNC or ASYNC), seconds per run, then one or more outstanding counts. Prints one JSON line per
 * run.
 */
public final class AppendRate {
    private AppendRate() {}

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args.length > 0 ? args[0] : "target/append-rate");
        Durability durability = Durability.valueOf(args.length > 1 ? args[1] : "SYNC");
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        int[] outstanding = args.length > 3
                ? Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 16, 64, 256};
        Files.createDirectories(base);
        for (int window : outstanding) {
            run(base.resolve(durability + "-" + window), durability, seconds, window, 200);
        }
    }

    private static void run(Path dir, Durability durability, double seconds, int window, int payloadBytes)
            throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        FaultyChannels counting = new FaultyChannels(); // no faults set: it only counts forces
        Config config = Config.defaults().withDurability(durability).withChannelFactory(counting);
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'x');
        LongAdder acked = new LongAdder();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Semaphore permits = new Semaphore(window);
        try (EventLog log = EventLog.open(dir, config)) {
            int threads = Math.min(window, 4);
            long warmEnd = System.nanoTime() + 1_000_000_000L;
            long end = warmEnd + (long) (seconds * 1e9);
            long[] measuredFrom = new long[2];
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    while (System.nanoTime() < end) {
                        permits.acquireUninterruptibly();
                        long start = System.nanoTime();
                        try {
                            log.append(RecordType.REWARD, payload).whenComplete((o, e) -> {
                                long now = System.nanoTime();
                                permits.release();
                                if (e == null && start >= warmEnd && now < end) {
                                    acked.increment();
                                    latencies.add(now - start);
                                }
                            });
                        } catch (LogOverloadedException busy) {
                            permits.release();
                        }
                    }
                }));
            }
            Thread.sleep(1000);
            measuredFrom[0] = counting.forces.get();
            for (Thread w : workers) {
                w.join();
            }
            measuredFrom[1] = counting.forces.get();
            permits.acquireUninterruptibly(window); // everything acknowledged
            long n = acked.sum();
            long[] lat = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            long forces = measuredFrom[1] - measuredFrom[0];
            System.out.printf(
                    "{\"durability\":\"%s\",\"outstanding\":%d,\"payloadBytes\":%d,\"seconds\":%.1f,"
                            + "\"ackedPerSecond\":%.0f,\"forcesPerSecond\":%.0f,\"recordsPerForce\":%.1f,"
                            + "\"latencyMsP50\":%.2f,\"latencyMsP99\":%.2f,\"latencyMsMax\":%.2f}%n",
                    durability, window, payloadBytes, seconds, n / seconds, forces / seconds,
                    forces == 0 ? 0.0 : (double) n / forces, pct(lat, 0.50), pct(lat, 0.99),
                    lat.length == 0 ? 0.0 : lat[lat.length - 1] / 1e6);
        }
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }
}
