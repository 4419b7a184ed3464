package dev.proxima.serve.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker for tests, driven through {@code scripts/kafka-broker.sh} exactly as CI and
 * users run it: a separate JVM in KRaft mode on loopback, started, killed and stopped by PID.
 */
final class ScriptBroker implements AutoCloseable {
    private final Path script;
    private final Path dir;
    private final int port;
    private long lastStartMillis;

    private ScriptBroker(Path script, Path dir, int port) {
        this.script = script;
        this.dir = dir;
        this.port = port;
    }

    /** Formats {@code dir} and starts a broker on a free pair of loopback ports. */
    static ScriptBroker start(Path dir) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("proxima.repo.root", "..")).toAbsolutePath().normalize();
        Path script = root.resolve("scripts/kafka-broker.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("no " + script + " (is proxima.repo.root set?)");
        }
        ScriptBroker broker = new ScriptBroker(script, dir, freePortPair());
        broker.startAgain(60);
        return broker;
    }

    /** Starts the broker again on its data directory (after {@link #kill9}). */
    void startAgain(int waitSeconds) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        run(List.of("start", dir.toString(), Integer.toString(port)), waitSeconds);
        lastStartMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    /** SIGKILL to the broker's PID: no shutdown hook, no flush. */
    void kill9() throws IOException, InterruptedException {
        run(List.of("kill", dir.toString()), 30);
    }

    long pid() throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("broker.pid")).trim());
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** How long the last start took, script included (classpath lookup, format, JVM start, port wait). */
    long lastStartMillis() {
        return lastStartMillis;
    }

    Path directory() {
        return dir;
    }

    private void run(List<String> args, int waitSeconds) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
        command.addAll(args);
        Path out = dir.resolveSibling(dir.getFileName() + "-script.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("KAFKA_START_WAIT", Integer.toString(waitSeconds));
        Process p = pb.start();
        // The first start may resolve the broker's jars with Maven: allow for that.
        if (!p.waitFor(waitSeconds + 240L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("kafka-broker.sh " + args + " did not finish; see " + out);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("kafka-broker.sh " + args + " failed (exit " + p.exitValue() + "):\n"
                    + Files.readString(out));
        }
    }

    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int p;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                p = s.getLocalPort();
            }
            if (p >= 65535) {
                continue;
            }
            try (ServerSocket a = new ServerSocket(p, 1, InetAddress.getLoopbackAddress());
                 ServerSocket b = new ServerSocket(p + 1, 1, InetAddress.getLoopbackAddress())) {
                return p;
            } catch (IOException busy) {
                // try another pair
            }
        }
        throw new IOException("no free pair of loopback ports");
    }

    /** Stops the broker by its PID (SIGTERM, SIGKILL if it lingers). */
    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("stop", dir.toString()), 30);
    }
}
