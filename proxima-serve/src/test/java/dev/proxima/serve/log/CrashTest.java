package dev.proxima.serve.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a stream of appends: every offset the child reported as
 * acknowledged is in the reopened log with its own payload, and the log opens cleanly and accepts
 * appends. Two rounds, so the second one also starts from a log recovered after a kill.
 */
class CrashTest {
    @TempDir
    Path tmp;

    private static final String END = "<end of output>";

    @Test
    void killedWhileAppendingLosesNoAcknowledgedRecord() throws Exception {
        Path dir = tmp.resolve("log");
        String classPath = System.getProperty("java.class.path");
        assertTrue(classPath.contains("test-classes"), "the child needs the test classpath, got " + classPath);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<Long, String> acked = new HashMap<>();
        for (int round = 0; round < 2; round++) {
            Path err = tmp.resolve("child-" + round + ".err");
            Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", classPath, CrashChild.class.getName(),
                    dir.toString(), "4", "r" + round)
                    .redirectError(err.toFile())
                    .start();
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = Thread.ofPlatform().daemon(true).start(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the pipe breaks when the child dies
                } finally {
                    lines.add(END);
                }
            });
            int seen = 0;
            long readyAt = -1;
            try {
                while (seen < 3000) {
                    String line = lines.poll(30, TimeUnit.SECONDS);
                    if (line == null || line.equals(END)) {
                        fail("the child stopped early or hung after " + seen + " acknowledgements: "
                                + Files.readString(err));
                    }
                    if (line.startsWith("READY ")) {
                        readyAt = Long.parseLong(line.substring(6));
                    } else if (record(line, acked)) {
                        seen++;
                    }
                }
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            reader.join(TimeUnit.SECONDS.toMillis(30));
            for (String line; !(line = lines.take()).equals(END); ) {
                record(line, acked); // acknowledgements printed before the kill landed
            }
            assertTrue(readyAt >= 0);
            if (round == 1) {
                assertTrue(readyAt >= 3000, "the second child should continue after the first one's records");
            }
        }

        try (EventLog log = EventLog.open(dir)) {
            Map<Long, String> found = new HashMap<>();
            log.replay(0, (offset, type, payload) -> found.put(offset,
                    new String(payload, StandardCharsets.UTF_8).replace(".", "")));
            assertEquals(log.nextOffset(), found.size());
            for (Map.Entry<Long, String> a : acked.entrySet()) {
                assertEquals(a.getValue(), found.get(a.getKey()), "acknowledged offset " + a.getKey());
            }
            long next = log.nextOffset();
            assertEquals(next, LogTesting.ack(log.append(RecordType.REWARD, LogTesting.bytes("after the kills"))));
        }
        try (EventLog log = EventLog.open(dir)) {
            assertNull(log.recovery().tornTail());
        }
    }

    /** Parses one acknowledgement line; a line cut short by the kill is ignored. */
    private static boolean record(String line, Map<Long, String> acked) {
        String[] parts = line.split(" ");
        if (parts.length != 4 || !parts[0].equals("A") || !parts[3].equals("Z")) {
            return false;
        }
        long offset = Long.parseLong(parts[1]);
        String previous = acked.put(offset, parts[2]);
        if (previous != null) {
            fail("offset " + offset + " was acknowledged twice: " + previous + " and " + parts[2]);
        }
        return true;
    }
}
