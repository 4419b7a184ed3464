package dev.proxima.serve;

import dev.proxima.bandits.BanditPolicy;
import dev.proxima.core.io.Json;
import dev.proxima.core.random.Rng;
import dev.proxima.serve.log.EventLog;
import dev.proxima.serve.log.LogOverloadedException;
import dev.proxima.serve.log.LogUnavailableException;
import dev.proxima.serve.log.RecordType;
import dev.proxima.serve.model.Featurizer;
import dev.proxima.serve.model.ServingLearner;
import dev.proxima.serve.model.SparseVector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The decision service without its HTTP adapter: ranks actions for a context with Diag-LinUCB
 * plus explicit ε-greedy exploration, logs every decision durably before answering, joins rewards
 * to their decisions exactly once, and learns from each joined reward.
 *
 * <p><b>Guarantees.</b> A rank or reward is acknowledged only after its log record is forced to
 * disk. The model is a pure function of the log: statistics are fixed-point sums over the applied
 * rewards, so recovery (newest valid snapshot plus replay of the log after it) rebuilds it bit for
 * bit. Retried ranks with the same event id return the stored decision; a reward for an event
 * counts once however often it is retried.
 *
 * <p>Thread-safe: many request threads call {@link #rank} and {@link #reward} concurrently. Their
 * futures complete on the service's two completion threads (or at once, for a retry answered
 * from memory), never on the log's writer or a Kafka client thread. Keep continuations short, or
 * move blocking work such as writing a response to another executor, as the HTTP adapter does.
 */
public final class DecisionService implements AutoCloseable {
    private static final int OPEN = 0, REWARDED = 1, EXPIRED = 2;

    /** An action with its id and optional features (features are part of the context hash only). */
    public record Action(String id, Object features) {}

    public record RankRequest(String eventId, Object context, List<Action> actions) {}

    public record Ranked(String id, double probability) {}

    public record RankResponse(String eventId, String action, double probability, List<Ranked> ranking,
                               String modelVersion) {}

    public record RewardResponse(String status) {}

    /** An event in the join window. */
    private static final class Open {
        final String eventId;
        final long time;
        final long payloadHash;
        final List<String> actions;
        final SparseVector features;
        final int chosen;
        final double[] pmf;
        final String modelVersion;
        final AtomicInteger state = new AtomicInteger(OPEN);
        /** The value of the reward that was logged for this event (NaN: none yet), and when it was accepted. */
        volatile double reward = Double.NaN;
        volatile long rewardTime;

        Open(String eventId, long time, long payloadHash, List<String> actions, SparseVector features, int chosen,
             double[] pmf, String modelVersion) {
            this.eventId = eventId;
            this.time = time;
            this.payloadHash = payloadHash;
            this.actions = actions;
            this.features = features;
            this.chosen = chosen;
            this.pmf = pmf;
            this.modelVersion = modelVersion;
        }

        RankResponse response() {
            List<Ranked> ranking = new ArrayList<>();
            for (int i = 0; i < actions.size(); i++) ranking.add(new Ranked(actions.get(i), pmf[i]));
            ranking.sort((x, y) -> Double.compare(y.probability(), x.probability()));
            return new RankResponse(eventId, actions.get(chosen), pmf[chosen], ranking, modelVersion);
        }
    }

    private final ServeConfig config;
    private final EventLog log;
    private final Featurizer featurizer;
    private final ServingLearner model;
    private final LongSupplier clock;
    private final EventSink sink;
    /** Distributed mode: the model is merged downstream, not learned here. */
    private final boolean sharedModel;
    private final Map<String, Open> index = new ConcurrentHashMap<>();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();
    /**
     * Open decisions in the order they were made, so closing reward windows looks only at the
     * oldest ones instead of scanning the whole index.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Open> byTime = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong counter = new AtomicLong();
    private final AtomicLong recordsSinceSnapshot = new AtomicLong();
    private final long epoch;
    private final Mac mac;
    /**
     * Runs the work that follows an acknowledgement (building responses, applying rewards) off the
     * log's writer thread, whose next batch must not wait for it.
     */
    private final java.util.concurrent.ExecutorService acks = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "proxima-acks");
        t.setDaemon(true);
        return t;
    });
    final Metrics metrics = new Metrics();

    /**
     * Opens (or recovers) the service's state in the config's data directory.
     *
     * @param clock milliseconds for decision times, the reward window and event ids
     */
    public DecisionService(ServeConfig config, LongSupplier clock) throws IOException {
        this(config, clock, serviceLogConfig(), null);
    }

    /**
     * The log settings of a service: the defaults plus 4 MiB of preallocated tail, which keeps
     * every request's force from also committing a grown file size (the forces' stalls were the
     * service's tail latency).
     */
    public static EventLog.Config serviceLogConfig() {
        return EventLog.Config.defaults().withPreallocateBytes(4L << 20);
    }

    /** As above, with explicit log settings (tests inject storage faults through them). */
    public DecisionService(ServeConfig config, LongSupplier clock, EventLog.Config logConfig) throws IOException {
        this(config, clock, logConfig, null);
    }

    /**
     * Opens (or recovers) the service's state, and also publishes every decision and reward to
     * {@code sink} (distributed mode); a request is acknowledged only after both the local log
     * and the sink have it. Recovery does not publish again: retries do (see {@link EventSink}).
     *
     * @param sink where records also go, or null for the local log only
     */
    public DecisionService(ServeConfig config, LongSupplier clock, EventSink sink) throws IOException {
        this(config, clock, serviceLogConfig(), sink);
    }

    /** The full form: explicit log settings and an optional sink. */
    public DecisionService(ServeConfig config, LongSupplier clock, EventLog.Config logConfig, EventSink sink)
            throws IOException {
        this.config = config;
        this.clock = clock;
        this.sink = sink;
        this.featurizer = new Featurizer(config.features());
        ServingLearner shared = sink == null ? null : sink.sharedModel().orElse(null);
        this.sharedModel = shared != null;
        this.model = shared != null ? shared
                : ServingLearner.create(config.learner(), config.features(), config.alpha(), config.lambda());
        this.mac = hmac(config.secret());
        this.epoch = clock.getAsLong();
        this.log = EventLog.open(config.dataDirectory().resolve("log"), logConfig.withQueueCapacity(config.queueCapacity()));
        recover();
    }

    private static Mac hmac(String secret) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return m;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- rank

    /** Ranks the actions; the future completes once the decision is durable. */
    public CompletableFuture<RankResponse> rank(RankRequest request) {
        validate(request);
        long hash = payloadHash(request);
        String eventId = request.eventId() != null ? request.eventId() : newEventId();
        Open existing = index.get(eventId);
        if (existing != null) {
            if (existing.payloadHash != hash) {
                throw new ProblemException(409, "event-id-conflict", "eventId",
                        "event id '" + eventId + "' was already used with a different request");
            }
            if (sink != null) {
                return republish(RecordType.DECISION, eventId, decisionRecord(existing), existing.response());
            }
            return CompletableFuture.completedFuture(existing.response());
        }
        SparseVector w = featurizer.featurize(request.context());
        List<String> ids = request.actions().stream().map(Action::id).toList();
        double[] scores = new double[ids.size()];
        for (int i = 0; i < scores.length; i++) scores[i] = model.score(ids.get(i), w);
        double[] pmf = new double[ids.size()];
        int learnerChoice = BanditPolicy.argmax(scores, 1e-9);
        if (config.shadow()) {
            // Apprentice mode: the first action (the caller's baseline) is served; the learner's
            // choice is only logged, and it learns from the baseline's rewards.
            pmf[0] = 1;
            if (learnerChoice == 0) {
                metrics.shadowAgreements.incrementAndGet();
            }
        } else {
            java.util.Arrays.fill(pmf, config.epsilon() / pmf.length);
            pmf[learnerChoice] += 1 - config.epsilon();
        }
        String version = modelVersion();
        int chosen = BanditPolicy.sample(pmf, Rng.of(mix(mix(eventId.hashCode(), version.hashCode()), config.seed())));
        Open open = new Open(eventId, clock.getAsLong(), hash, ids, w, chosen, pmf, version);
        if (index.putIfAbsent(eventId, open) != null) {
            return rank(request); // a concurrent retry won the race: answer as a retry
        }
        byTime.add(open);
        return append(RecordType.DECISION, eventId, decisionRecord(open)).handleAsync((offset, error) -> {
            if (error != null) {
                if (!(unwrap(error) instanceof SinkFailure)) {
                    index.remove(eventId, open); // not durable: forget it
                } // else it is in the local log: keep it, and a retry publishes it again
                throw translate(error);
            }
            metrics.decisionsLogged.incrementAndGet();
            return open.response();
        }, acks);
    }

    private void validate(RankRequest r) {
        if (r.actions() == null || r.actions().isEmpty()) {
            throw ProblemException.invalid("actions", "actions must be a non-empty array");
        }
        if (r.actions().size() > config.maxActions()) {
            throw ProblemException.invalid("actions", r.actions().size() + " actions; allowed: at most " + config.maxActions());
        }
        Set<String> seen = new HashSet<>();
        for (Action a : r.actions()) {
            if (a.id() == null || a.id().isEmpty() || a.id().length() > 256) {
                throw ProblemException.invalid("actions[].id", "every action needs an id of 1 to 256 characters");
            }
            if (!seen.add(a.id())) {
                throw ProblemException.invalid("actions[].id", "duplicate action id '" + a.id() + "'");
            }
        }
        if (r.eventId() != null && !r.eventId().matches("[A-Za-z0-9_-]{1,64}")) {
            throw ProblemException.invalid("eventId", "eventId must match [A-Za-z0-9_-]{1,64}");
        }
    }

    private long payloadHash(RankRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("context", r.context());
        List<Object> actions = new ArrayList<>();
        for (Action a : r.actions()) actions.add(List.of(a.id(), a.features() == null ? "" : a.features()));
        m.put("actions", actions);
        String canonical = Json.write(canonical(m));
        long h = 0xcbf29ce484222325L;
        for (byte b : canonical.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @SuppressWarnings("unchecked")
    private static Object canonical(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new java.util.TreeMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> sorted.put(k, canonical(x)));
            return sorted;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(DecisionService::canonical).toList();
        }
        return v;
    }

    /**
     * A server-issued id: {@code <seed>-<epoch>-<counter>.<mac>}, whose MAC lets any node reject
     * forgeries. The seed names the instance, so instances that share a Kafka cluster and start in
     * the same millisecond still issue distinct ids as long as their seeds differ.
     */
    private String newEventId() {
        String body = Long.toUnsignedString(config.seed(), 36) + "-" + Long.toString(epoch, 36) + "-"
                + Long.toString(counter.incrementAndGet(), 36);
        return body + "." + sign(body);
    }

    private String sign(String body) {
        byte[] tag;
        synchronized (mac) {
            tag = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(tag, 0, 8);
    }

    private boolean authentic(String eventId) {
        int dot = eventId.lastIndexOf('.');
        if (dot < 0) {
            return eventId.matches("[A-Za-z0-9_-]{1,64}"); // caller-chosen ids carry no MAC
        }
        return java.security.MessageDigest.isEqual(sign(eventId.substring(0, dot)).getBytes(StandardCharsets.UTF_8),
                eventId.substring(dot + 1).getBytes(StandardCharsets.UTF_8));
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 31);
    }

    // ---------------------------------------------------------------- reward

    /** Records a reward; the future completes once the reward is durable (or known to be a duplicate). */
    public CompletableFuture<RewardResponse> reward(String eventId, double value) {
        if (!Double.isFinite(value) || value < config.minReward() || value > config.maxReward()) {
            throw ProblemException.invalid("value", "reward " + value + " is outside [" + config.minReward() + ", "
                    + config.maxReward() + "]");
        }
        if (eventId == null || eventId.length() > 128 || !authentic(eventId)) {
            throw new ProblemException(404, "unknown-event", "eventId", "no decision with event id '" + eventId + "'");
        }
        Open open = index.get(eventId);
        if (open == null) {
            if (expired.contains(eventId)) {
                throw new ProblemException(410, "reward-window-closed", "eventId",
                        "the reward window of event '" + eventId + "' has closed");
            }
            if (sharedModel) {
                return forward(eventId, value);
            }
            throw new ProblemException(404, "unknown-event", "eventId", "no decision with event id '" + eventId + "'");
        }
        if (clock.getAsLong() - open.time > config.rewardWindowMillis()) {
            expire(open);
            throw new ProblemException(410, "reward-window-closed", "eventId",
                    "the reward window of event '" + eventId + "' has closed");
        }
        if (!open.state.compareAndSet(OPEN, REWARDED)) {
            if (open.state.get() == EXPIRED) {
                throw new ProblemException(410, "reward-window-closed", "eventId",
                        "the reward window of event '" + eventId + "' has closed");
            }
            metrics.rewardDuplicates.incrementAndGet();
            if (sink != null) {
                boolean logged = !Double.isNaN(open.reward); // if so, the logged value is the one that counts
                byte[] record = logged ? rewardRecord(eventId, open.reward, open.rewardTime)
                        : rewardRecord(eventId, value, clock.getAsLong());
                return republish(RecordType.REWARD, eventId, record, new RewardResponse("duplicate"));
            }
            return CompletableFuture.completedFuture(new RewardResponse("duplicate"));
        }
        long now = clock.getAsLong();
        open.rewardTime = now;
        open.reward = value;
        return append(RecordType.REWARD, eventId, rewardRecord(eventId, value, now)).handleAsync((offset, error) -> {
            if (error != null && unwrap(error) instanceof SinkFailure) {
                apply(open, value); // in the local log, so recovery would apply it: apply it now; a retry republishes it
                throw translate(error);
            }
            if (error != null) {
                open.reward = Double.NaN;
                open.state.set(OPEN);
                throw translate(error);
            }
            apply(open, value);
            metrics.rewardsJoined.incrementAndGet();
            return new RewardResponse("accepted");
        }, acks);
    }

    /**
     * Distributed mode: a reward for an event this instance did not decide (another instance did,
     * or nobody did) is logged and published; the Kafka join counts it if its decision arrives
     * within the window. Retries are published again and counted once there.
     */
    private CompletableFuture<RewardResponse> forward(String eventId, double value) {
        return append(RecordType.REWARD, eventId, rewardRecord(eventId, value, clock.getAsLong())).handleAsync((offset, error) -> {
            if (error != null) {
                throw translate(error);
            }
            metrics.rewardsForwarded.incrementAndGet();
            return new RewardResponse("forwarded");
        }, acks);
    }

    /** The reward's log record; {@code time} (when it was accepted) lets a downstream join apply the reward window. */
    private static byte[] rewardRecord(String eventId, double value, long time) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventId", eventId);
        record.put("value", value);
        record.put("time", time);
        return Json.write(record).getBytes(StandardCharsets.UTF_8);
    }

    /** Sends a retried request's record to the sink again and answers as before once the sink has it. */
    private <T> CompletableFuture<T> republish(RecordType type, String eventId, byte[] payload, T answer) {
        return sink.publish(type, eventId, payload).handleAsync((ok, error) -> {
            if (error != null) {
                throw translate(error);
            }
            return answer;
        }, acks);
    }

    private void apply(Open open, double value) {
        if (!sharedModel) {
            model.update(open.actions.get(open.chosen), open.features, value);
        }
        applied.incrementAndGet();
    }

    /**
     * Closes the window of decisions older than the reward window (applying the default reward if
     * set) and drops rewarded ones from the index. Walks decisions oldest first and stops at the
     * first one still inside its window.
     */
    public int expireOld() {
        long now = clock.getAsLong();
        int n = 0;
        for (Open open = byTime.peek(); open != null && now - open.time > config.rewardWindowMillis(); open = byTime.peek()) {
            byTime.poll();
            if (index.get(open.eventId) != open) {
                continue; // its decision was never logged, or it is gone already
            }
            if (open.state.get() == REWARDED) {
                index.remove(open.eventId, open);
            } else {
                expire(open);
                n++;
            }
        }
        return n;
    }

    private void expire(Open open) {
        if (!open.state.compareAndSet(OPEN, EXPIRED)) {
            return;
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventId", open.eventId);
        boolean withDefault = !Double.isNaN(config.defaultReward());
        if (withDefault) {
            record.put("default", config.defaultReward());
        }
        append(RecordType.EXPIRE, open.eventId, Json.write(record).getBytes(StandardCharsets.UTF_8)).whenCompleteAsync((offset, error) -> {
            if (error == null || unwrap(error) instanceof SinkFailure) {
                expired.add(open.eventId);
                index.remove(open.eventId, open);
                if (withDefault) {
                    apply(open, config.defaultReward());
                }
            } else {
                open.state.set(OPEN);
                byTime.add(open); // try again on a later pass
            }
        }, acks);
    }

    // ---------------------------------------------------------------- log plumbing

    private CompletableFuture<Long> append(RecordType type, String eventId, byte[] payload) {
        CompletableFuture<Long> f = log.append(type, payload);
        if (recordsSinceSnapshot.incrementAndGet() >= config.snapshotEvery()) {
            recordsSinceSnapshot.set(0);
            f.thenRunAsync(this::snapshotQuietly, acks);
        }
        if (sink != null) {
            return f.thenCompose(offset -> sink.publish(type, eventId, payload).handle((ok, error) -> {
                if (error != null) {
                    throw new SinkFailure(unwrap(error));
                }
                return offset;
            }));
        }
        return f;
    }

    /** The record is durable in the local log, but the {@link EventSink} did not take it. */
    private static final class SinkFailure extends RuntimeException {
        SinkFailure(Throwable cause) {
            super(cause);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static RuntimeException translate(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof SinkFailure && e.getCause() != null) {
            e = unwrap(e.getCause());
        }
        if (e instanceof LogOverloadedException) {
            return new ProblemException(429, "overloaded", null, "the event log's queue is full; retry later");
        }
        if (e instanceof LogUnavailableException) {
            return new ProblemException(503, "log-unavailable", null, "the event log cannot be written: " + e.getMessage());
        }
        if (e instanceof ProblemException p) {
            return p;
        }
        return new ProblemException(500, "internal", null, String.valueOf(e));
    }

    private byte[] decisionRecord(Open o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", o.eventId);
        m.put("time", o.time);
        m.put("hash", o.payloadHash);
        m.put("modelVersion", o.modelVersion);
        m.put("actions", new ArrayList<Object>(o.actions));
        List<Object> idx = new ArrayList<>(), val = new ArrayList<>();
        for (int k = 0; k < o.features.size(); k++) {
            idx.add(o.features.index(k));
            val.add(o.features.value(k));
        }
        m.put("featureIndices", idx);
        m.put("featureValues", val);
        List<Object> pmf = new ArrayList<>();
        for (double p : o.pmf) pmf.add(p);
        m.put("probabilities", pmf);
        m.put("chosen", o.chosen);
        return Json.write(m).getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Open parseDecision(byte[] payload) {
        Map<String, Object> m = (Map<String, Object>) Json.parse(new String(payload, StandardCharsets.UTF_8));
        List<Object> idx = (List<Object>) m.get("featureIndices"), val = (List<Object>) m.get("featureValues");
        int[] i = new int[idx.size()];
        double[] v = new double[val.size()];
        for (int k = 0; k < i.length; k++) {
            i[k] = ((Number) idx.get(k)).intValue();
            v[k] = ((Number) val.get(k)).doubleValue();
        }
        List<Object> pmfList = (List<Object>) m.get("probabilities");
        double[] pmf = pmfList.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
        return new Open((String) m.get("eventId"), ((Number) m.get("time")).longValue(), ((Number) m.get("hash")).longValue(),
                ((List<Object>) m.get("actions")).stream().map(String::valueOf).toList(), new SparseVector(i, v),
                ((Number) m.get("chosen")).intValue(), pmf, (String) m.get("modelVersion"));
    }

    // ---------------------------------------------------------------- snapshots and recovery

    private void snapshotQuietly() {
        try {
            snapshot();
        } catch (IOException | RuntimeException e) {
            metrics.snapshotFailures.incrementAndGet();
        }
    }

    /**
     * Writes a snapshot of the model covering every record before {@code log.nextOffset()}; a
     * snapshot is an optimisation: recovery without one replays the whole log.
     */
    public synchronized void snapshot() throws IOException {
        long offset = log.nextOffset();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("offset", offset);
        s.put("applied", applied.get());
        Map<String, Object> stats = new LinkedHashMap<>();
        if (!sharedModel) { // a shared model is rebuilt from Kafka, not from this instance's snapshots
            model.statistics().forEach((k, v) -> stats.put(k, List.of(longs(v[0]), longs(v[1]))));
        }
        s.put("model", stats);
        log.writeSnapshot(offset, Json.write(s).getBytes(StandardCharsets.UTF_8));
    }

    private static List<Object> longs(long[] a) {
        List<Object> l = new ArrayList<>(a.length);
        for (long x : a) l.add(x);
        return l;
    }

    /**
     * Rebuilds the state: the model from the newest valid snapshot, then a replay of the whole log
     * for the join index (decisions and their reward state) and of the records after the snapshot
     * for the model.
     */
    @SuppressWarnings("unchecked")
    private void recover() throws IOException {
        long from = 0;
        var snap = log.latestSnapshot().snapshot();
        if (snap.isPresent()) {
            Map<String, Object> s = (Map<String, Object>) Json.parse(new String(snap.get().state(), StandardCharsets.UTF_8));
            Map<String, long[][]> stats = new LinkedHashMap<>();
            ((Map<String, Object>) s.get("model")).forEach((k, v) -> {
                List<Object> pair = (List<Object>) v;
                stats.put(k, new long[][] {toLongs((List<Object>) pair.get(0)), toLongs((List<Object>) pair.get(1))});
            });
            if (!sharedModel) {
                model.restore(stats);
            }
            applied.set(((Number) s.get("applied")).longValue());
            from = snap.get().coversUpToOffset();
        }
        long modelFrom = from;
        log.replay(0, (offset, type, payload) -> {
            boolean applyToModel = offset >= modelFrom;
            switch (type) {
                case DECISION -> {
                    Open o = parseDecision(payload);
                    index.put(o.eventId, o);
                    byTime.add(o);
                }
                case REWARD -> {
                    Map<String, Object> m = (Map<String, Object>) Json.parse(new String(payload, StandardCharsets.UTF_8));
                    Open o = index.get((String) m.get("eventId"));
                    if (o != null && o.state.compareAndSet(OPEN, REWARDED)) {
                        o.reward = ((Number) m.get("value")).doubleValue();
                        o.rewardTime = m.get("time") instanceof Number t ? t.longValue() : o.time;
                        if (applyToModel) {
                            apply(o, o.reward);
                        }
                    }
                }
                case EXPIRE -> {
                    Map<String, Object> m = (Map<String, Object>) Json.parse(new String(payload, StandardCharsets.UTF_8));
                    Open o = index.remove((String) m.get("eventId"));
                    if (o != null) {
                        o.state.set(EXPIRED);
                        expired.add(o.eventId);
                        if (m.containsKey("default") && applyToModel) {
                            apply(o, ((Number) m.get("default")).doubleValue());
                        }
                    }
                }
                default -> { }
            }
        });
    }

    private static long[] toLongs(List<Object> l) {
        long[] a = new long[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = ((Number) l.get(i)).longValue();
        return a;
    }

    // ---------------------------------------------------------------- introspection

    /**
     * Version of the model that scored a decision: the number of rewards applied so far, or in
     * distributed mode ({@code m...}) the number of merged updates the shared model has taken.
     */
    public String modelVersion() {
        return sharedModel ? "m" + sink.sharedModelVersion() : "v" + applied.get();
    }

    /** The model's fixed-point statistics (for replay comparisons). */
    public Map<String, long[][]> modelStatistics() {
        return model.statistics();
    }

    public Map<String, Object> modelInfo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", config.shadow() ? "shadow:" + model.describe()
                : model.describe() + "+egreedy(" + config.epsilon() + ")");
        m.put("modelVersion", modelVersion());
        m.put("features", config.features());
        m.put("actionsLearned", model.actions());
        m.put("openDecisions", index.size());
        m.put("nextOffset", log.nextOffset());
        return m;
    }

    public ServeConfig config() {
        return config;
    }

    /** Prometheus text of the service's counters. */
    public String metricsText() {
        return metrics.render(modelInfo());
    }

    /** Records one rank request's latency and status (called by the HTTP adapter). */
    public void recordRank(long nanos, int status) {
        metrics.rankLatency(nanos);
        metrics.response("rank", status);
    }

    @Override
    public void close() throws IOException {
        log.close();
        acks.shutdown();
        try {
            acks.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
