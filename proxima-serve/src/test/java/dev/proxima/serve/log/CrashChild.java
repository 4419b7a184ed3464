package dev.proxima.serve.log;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.proxima.serve.log.EventLog.Config;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * The process {@link CrashTest} kills: appends from several threads until it is killed and prints
 * one line {@code A <offset> <tag> Z} per acknowledged record, only after the acknowledgement.
 *
 * <p>Arguments: log folder, number of appending threads, tag prefix.
 */
public final class CrashChild {
    private CrashChild() {}

    static final int PAYLOAD_BYTES = 120;

    static byte[] payload(String tag) {
        return LogTesting.padded(tag, PAYLOAD_BYTES);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        String prefix = args[2];
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, UTF_8);
        EventLog log = EventLog.open(dir, Config.defaults().withSegmentBytes(64 << 10));
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        out.print("READY " + log.nextOffset() + "\n");
        out.flush();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread.ofPlatform().daemon(true).start(() -> {
                Semaphore window = new Semaphore(32);
                for (long seq = 0; ; seq++) {
                    window.acquireUninterruptibly();
                    String tag = prefix + "-" + id + "-" + seq;
                    try {
                        log.append(RecordType.DECISION, payload(tag)).whenComplete((offset, e) -> {
                            window.release();
                            if (e == null) {
                                lines.add("A " + offset + " " + tag + " Z\n");
                            }
                        });
                    } catch (LogOverloadedException busy) {
                        window.release();
                        seq--;
                        Thread.yield();
                    }
                }
            });
        }
        List<String> batch = new ArrayList<>();
        while (true) {
            batch.add(lines.take());
            lines.drainTo(batch);
            for (String line : batch) {
                out.print(line);
            }
            out.flush();
            batch.clear();
        }
    }
}
