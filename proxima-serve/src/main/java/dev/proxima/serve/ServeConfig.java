package dev.proxima.serve;

import dev.proxima.core.util.Checks;
import dev.proxima.core.util.Records;
import java.nio.file.Path;

/**
 * Settings of a decision service. Defaults follow the serving spec §6.1 where it names one.
 *
 * @param host              bind address (default loopback: the service is not exposed by accident)
 * @param port              TCP port (0 picks a free one)
 * @param dataDirectory     where the event log and snapshots live
 * @param features          hashed context features per action, bias included
 * @param alpha             Diag-LinUCB exploration width (spec §4: 1.0)
 * @param lambda            Diag-LinUCB prior (spec §4: 1)
 * @param epsilon           explicit ε-greedy exploration on top of the argmax, so every logged
 *                          decision has propensity ≥ ε/K (spec §6.2: 0.05)
 * @param rewardWindowMillis how long a decision accepts its reward; later rewards get 410
 * @param defaultReward     reward applied to decisions whose window closes without one (NaN: none)
 * @param minReward         smallest accepted reward value
 * @param maxReward         largest accepted reward value
 * @param maxBodyBytes      request body limit (spec: 1 MiB), larger bodies get 413
 * @param maxActions        actions per rank request (spec: 256)
 * @param maxNesting        JSON nesting depth limit (spec: 32)
 * @param idleTimeoutMillis connections idle this long (e.g. a client stuck sending headers) are closed
 * @param authToken         bearer token required on every request except health and metrics, or null for none
 * @param secret            key of the event-id MAC, so forged ids are rejected without a lookup
 * @param seed              seed of action sampling and prefix of server-issued event ids: give every
 *                          instance of a distributed deployment its own
 * @param queueCapacity     appends waiting for the log writer before requests get 429
 * @param snapshotEvery     records between snapshots
 * @param learner           diag-linucb (default), linucb or epsilon-greedy (per-action means)
 * @param shadow            apprentice mode: always serve the first (baseline) action and only log
 *                          what the learner would have chosen
 */
public record ServeConfig(String host, int port, Path dataDirectory, int features, double alpha, double lambda,
                          double epsilon, long rewardWindowMillis, double defaultReward, double minReward,
                          double maxReward, int maxBodyBytes, int maxActions, int maxNesting, long idleTimeoutMillis,
                          String authToken, String secret, long seed, int queueCapacity, long snapshotEvery,
                          String learner, boolean shadow) {
    public ServeConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        Checks.positive(features, "features");
        Checks.nonNegative(alpha, "alpha");
        Checks.positive(lambda, "lambda");
        Checks.inClosed(epsilon, 0, 1, "epsilon");
        Checks.positive(rewardWindowMillis, "rewardWindowMillis");
        if (!(minReward < maxReward)) {
            throw new IllegalArgumentException("minReward must be < maxReward, were " + minReward + " and " + maxReward);
        }
        Checks.positive(maxBodyBytes, "maxBodyBytes");
        Checks.positive(maxActions, "maxActions");
        Checks.positive(maxNesting, "maxNesting");
        Checks.positive(idleTimeoutMillis, "idleTimeoutMillis");
        Checks.positive(queueCapacity, "queueCapacity");
        Checks.positive(snapshotEvery, "snapshotEvery");
        if (!java.util.List.of("diag-linucb", "linucb", "epsilon-greedy").contains(learner)) {
            throw new IllegalArgumentException("learner must be one of diag-linucb, linucb, epsilon-greedy, was '" + learner + "'");
        }
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("secret must have at least 16 characters");
        }
    }

    public static ServeConfig defaults(Path dataDirectory, String secret) {
        return new ServeConfig("127.0.0.1", 8637, dataDirectory, 64, 1.0, 1.0, 0.05, 3_600_000, Double.NaN, 0, 1,
                1 << 20, 256, 32, 30_000, null, secret, 1, 65_536, 100_000, "diag-linucb", false);
    }

    public ServeConfig withPort(int p) {
        return Records.with(this, "port", p);
    }

    public ServeConfig withAuthToken(String token) {
        return Records.with(this, "authToken", token);
    }

    public ServeConfig withSeed(long s) {
        return Records.with(this, "seed", s);
    }

    public ServeConfig withRewardWindow(long millis, double defaultRewardValue) {
        return Records.with(Records.with(this, "rewardWindowMillis", millis), "defaultReward", defaultRewardValue);
    }
}
