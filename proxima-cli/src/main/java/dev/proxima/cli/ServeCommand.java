package dev.proxima.cli;

import dev.proxima.core.io.Json;
import dev.proxima.serve.DecisionService;
import dev.proxima.serve.ServeConfig;
import dev.proxima.serve.http.HttpApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the real-time bandit decision service (HTTP/JSON on loopback by default): POST /v1/rank, "
                + "POST /v1/reward, GET /v1/health, GET /metrics.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--data", description = "data directory for the event log and snapshots (default: ${DEFAULT-VALUE})",
            defaultValue = "proxima-data")
    Path data;

    @Option(names = "--port", description = "TCP port (default: 8637; 0 picks a free port)")
    Integer port;

    @Option(names = "--config", description = "JSON file with service settings (field names of the service config)")
    Path configFile;

    @Option(names = "--auth-token", description = "require 'Authorization: Bearer TOKEN' on every call but health and metrics")
    String authToken;

    @Option(names = "--set", description = "override a service setting, key=value (e.g. alpha=0.5, epsilon=0.1)")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(data);
        ServeConfig config = ServeConfig.defaults(data, secret(data));
        if (configFile != null) {
            config = RecordOverrides.fromMap(config, fileSettings(configFile));
        }
        config = RecordOverrides.apply(config, sets, "serve");
        if (port != null) {
            config = config.withPort(Parse.positiveIntOrZero("--port", port));
        }
        if (authToken != null) {
            config = config.withAuthToken(authToken);
        }
        DecisionService service = new DecisionService(config, System::currentTimeMillis);
        var app = HttpApi.start(service);
        var expiry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "proxima-reward-window");
            t.setDaemon(true);
            return t;
        });
        expiry.scheduleAtFixedRate(service::expireOld, 1, 1, TimeUnit.SECONDS);
        Streams.err().println("serve: listening on http://" + config.host() + ":" + app.port() + " (data " + data + ")");
        Map<String, Object> started = new java.util.LinkedHashMap<>();
        started.put("port", app.port());
        started.put("data", data.toString());
        Streams.out().println(Json.write(started));
        Streams.out().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            expiry.shutdownNow();
            try {
                service.close();
            } catch (IOException ignored) {
                // the log forces every acknowledged record before acknowledging it
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** The MAC key of server-issued event ids, created once per data directory. */
    private static String secret(Path data) throws IOException {
        Path file = data.resolve("secret");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, HexFormat.of().formatHex(key));
        }
        return Files.readString(file).strip();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fileSettings(Path file) {
        try {
            Object parsed = Json.parseFile(file);
            if (!(parsed instanceof Map)) {
                throw new UsageException("--config: " + file + " must hold a JSON object of settings");
            }
            return (Map<String, Object>) parsed;
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("--config: " + e.getMessage(), e);
        }
    }
}
