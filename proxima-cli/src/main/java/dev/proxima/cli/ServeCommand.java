package dev.proxima.cli;

import dev.proxima.core.io.Json;
import dev.proxima.serve.DecisionService;
import dev.proxima.serve.ServeConfig;
import dev.proxima.serve.http.HttpApi;
import dev.proxima.serve.kafka.JoinWindow;
import dev.proxima.serve.kafka.KafkaMode;
import dev.proxima.serve.kafka.KafkaTopics;
import dev.proxima.serve.model.FixedPointDiagLinUcb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
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

    @Option(names = "--kafka", paramLabel = "HOST:PORT[,...]",
            description = "distributed mode: publish events to these Kafka brokers, join and merge them with Kafka "
                    + "Streams, and serve the merged model (needs --instance and --secret-file)")
    String kafka;

    @Option(names = "--instance", description = "distributed mode: this instance's number, unique in the deployment "
            + "(seeds its sampling and prefixes its event ids)")
    Long instance;

    @Option(names = "--secret-file", description = "file holding the event-id key (≥ 16 characters); distributed mode "
            + "needs the same key on every instance so any of them accepts the others' event ids")
    Path secretFile;

    @Option(names = "--kafka-prefix", defaultValue = "proxima-",
            description = "distributed mode: prefix of the topics and of the Streams application id (default: ${DEFAULT-VALUE})")
    String kafkaPrefix;

    @Option(names = "--kafka-partitions", defaultValue = "4",
            description = "distributed mode: partitions of the decisions and rewards topics when created (default: ${DEFAULT-VALUE})")
    int kafkaPartitions;

    /** How long the Kafka join keeps waiting for rewards in flight after a window closes. */
    private static final long KAFKA_JOIN_GRACE_MILLIS = 30_000;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(data);
        if (kafka != null && (instance == null || secretFile == null)) {
            throw new UsageException("--kafka needs --instance (a number unique in the deployment) and --secret-file "
                    + "(the same key file on every instance)");
        }
        if (kafka == null && (instance != null || !kafkaPrefix.equals("proxima-") || kafkaPartitions != 4)) {
            throw new UsageException("--instance, --kafka-prefix and --kafka-partitions need --kafka");
        }
        ServeConfig config = ServeConfig.defaults(data, secretFile != null ? sharedSecret(secretFile) : secret(data));
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
        if (instance != null) {
            config = config.withSeed(instance);
        }
        KafkaMode kafkaMode = kafka == null ? null : startKafka(config);
        DecisionService service = new DecisionService(config, System::currentTimeMillis, kafkaMode);
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
        if (kafkaMode != null) {
            started.put("kafka", kafka);
            started.put("instance", instance);
        }
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
            if (kafkaMode != null) {
                kafkaMode.close();
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    private KafkaMode startKafka(ServeConfig config) throws InterruptedException {
        if (!config.learner().equals("diag-linucb")) {
            throw new UsageException("--kafka merges Diag-LinUCB statistics; learner must be diag-linucb, was '"
                    + config.learner() + "'");
        }
        KafkaTopics topics;
        KafkaMode.Config kafkaConfig;
        try {
            topics = KafkaTopics.prefixed(kafkaPrefix);
            JoinWindow window = new JoinWindow(config.rewardWindowMillis(), config.defaultReward(), KAFKA_JOIN_GRACE_MILLIS);
            kafkaConfig = new KafkaMode.Config(kafka, topics, kafkaPartitions, kafkaPrefix + "statistics",
                    data.resolve("streams"), window);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--kafka: " + e.getMessage(), e);
        }
        Streams.err().println("serve: joining Kafka at " + kafka + " as instance " + instance + " (topics " + topics.decisions()
                + ", " + topics.rewards() + ", " + topics.params() + ")");
        try {
            return KafkaMode.start(kafkaConfig, new FixedPointDiagLinUcb(config.features(), config.alpha(), config.lambda()),
                    Duration.ofSeconds(60));
        } catch (IllegalStateException e) {
            throw new UsageException("--kafka: " + e.getMessage(), e);
        }
    }

    private static String sharedSecret(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--secret-file: " + file + " is not a readable file");
        }
        String key = Files.readString(file).strip();
        if (key.length() < 16) {
            throw new UsageException("--secret-file: the key in " + file + " has " + key.length()
                    + " characters; at least 16 are needed");
        }
        return key;
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
