package dev.proxima.serve.http;

import dev.proxima.core.io.Json;
import dev.proxima.serve.DecisionService;
import dev.proxima.serve.ProblemException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The HTTP/JSON adapter (Javalin): parsing, limits and mapping to the service, nothing else.
 *
 * <pre>
 *   POST /v1/rank      {"eventId"?, "context"?, "actions": [{"id", "features"?}, ...]}
 *                      → 200 {"eventId", "action", "probability", "ranking", "modelVersion"}
 *   POST /v1/reward    {"eventId", "value"} → 202 {"status": "accepted" | "duplicate" | "forwarded"}
 *   GET  /v1/health    → 200 {"status": "ok"}
 *   GET  /v1/model     → model information
 *   POST /v1/admin/snapshot → 200 after writing a snapshot
 *   GET  /metrics      → Prometheus text
 * </pre>
 * Errors are {@code application/problem+json}: {@code {"type", "title", "status", "detail", "field"}}.
 * Statuses: 400 invalid input, 401 missing or wrong bearer token, 404 unknown event, 409 event id
 * reused with another request, 410 reward after its window, 413 body too large, 415 not JSON, 429
 * log queue full, 503 log cannot be written. A 2xx is only sent for durable records.
 */
public final class HttpApi {
    private HttpApi() {}

    /**
     * Threads that write the responses of requests the service has completed. Javalin writes a
     * future's response on the thread that completes it; left to the service's two completion
     * threads, socket writes (milliseconds each when the two cores are contended) queued behind
     * one another and capped the request rate (2.4 times lower in a wrk run).
     */
    private static final java.util.concurrent.ExecutorService RESPONDERS = java.util.concurrent.Executors.newFixedThreadPool(32, r -> {
        Thread t = new Thread(r, "proxima-http-respond");
        t.setDaemon(true);
        return t;
    });

    /** Creates and starts the server; a client idle for the configured time (e.g. stuck in its headers) is cut off. */
    public static Javalin start(DecisionService service) {
        Javalin app = create(service).start();
        for (var connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof org.eclipse.jetty.server.AbstractConnector c) {
                c.setIdleTimeout(service.config().idleTimeoutMillis());
            }
        }
        return app;
    }

    public static Javalin create(DecisionService service) {
        var cfg = service.config();
        return Javalin.create(config -> {
            config.jetty.host = cfg.host();
            config.jetty.port = cfg.port();
            config.http.maxRequestSize = cfg.maxBodyBytes();
            config.startup.showJavalinBanner = false;
            config.routes.before(ctx -> authorize(ctx, cfg.authToken()));
            config.routes.post("/v1/rank", ctx -> rank(ctx, service));
            config.routes.post("/v1/reward", ctx -> reward(ctx, service));
            config.routes.get("/v1/health", ctx -> ctx.contentType("application/json")
                    .result(Json.write(Map.of("status", "ok"))));
            config.routes.get("/v1/model", ctx -> ctx.contentType("application/json").result(Json.write(service.modelInfo())));
            config.routes.post("/v1/admin/snapshot", ctx -> {
                service.snapshot();
                ctx.contentType("application/json").result(Json.write(Map.of("status", "written")));
            });
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4")
                    .result(service.metricsText()));
            config.routes.exception(ProblemException.class, (e, ctx) -> problem(ctx, e));
            config.routes.exception(Exception.class, (e, ctx) ->
                    problem(ctx, new ProblemException(500, "internal", null, e.getClass().getSimpleName())));
            config.routes.error(413, "*", ctx -> problem(ctx, new ProblemException(413, "body-too-large", null,
                    "request body over " + cfg.maxBodyBytes() + " bytes")));
            config.routes.error(404, "*", ctx -> {
                if (!ctx.res().isCommitted() && (ctx.result() == null || !ctx.result().contains("\"type\""))) {
                    problem(ctx, new ProblemException(404, "not-found", null, "no endpoint " + ctx.method() + " " + ctx.path()));
                }
            });
        });
    }

    private static void authorize(Context ctx, String token) {
        if (token == null || ctx.path().equals("/v1/health") || ctx.path().equals("/metrics")) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !java.security.MessageDigest.isEqual(("Bearer " + token).getBytes(StandardCharsets.UTF_8),
                header.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(401, "unauthorized", "Authorization", "a valid bearer token is required");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Context ctx, int maxNesting) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ProblemException(415, "unsupported-media-type", "Content-Type",
                    "Content-Type must be application/json, was " + type);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(ctx.bodyAsBytes())).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.invalid("body", "the body is not valid UTF-8");
        }
        Object parsed;
        try {
            parsed = Json.parse(text, "request body");
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("body", e.getMessage());
        }
        if (!(parsed instanceof Map)) {
            throw ProblemException.invalid("body", "the body must be a JSON object");
        }
        if (depth(parsed) > maxNesting) {
            throw ProblemException.invalid("body", "JSON nesting deeper than " + maxNesting);
        }
        return (Map<String, Object>) parsed;
    }

    private static int depth(Object v) {
        if (v instanceof Map<?, ?> m) {
            int d = 0;
            for (Object x : m.values()) d = Math.max(d, depth(x));
            return d + 1;
        }
        if (v instanceof List<?> l) {
            int d = 0;
            for (Object x : l) d = Math.max(d, depth(x));
            return d + 1;
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static void rank(Context ctx, DecisionService service) {
        long start = System.nanoTime();
        Map<String, Object> b = body(ctx, service.config().maxNesting());
        Object eventId = b.get("eventId");
        if (eventId != null && !(eventId instanceof String)) {
            throw ProblemException.invalid("eventId", "eventId must be a string");
        }
        if (!(b.get("actions") instanceof List<?> list)) {
            throw ProblemException.invalid("actions", "actions must be a non-empty array of {\"id\": ...}");
        }
        List<DecisionService.Action> actions = new ArrayList<>();
        for (Object a : list) {
            if (!(a instanceof Map<?, ?> m) || !(m.get("id") instanceof String id)) {
                throw ProblemException.invalid("actions[].id", "every action must be an object with a string id");
            }
            actions.add(new DecisionService.Action(id, m.get("features")));
        }
        Object context = b.get("context");
        if (context != null && !(context instanceof Map)) {
            throw ProblemException.invalid("context", "context must be a JSON object");
        }
        CompletableFuture<DecisionService.RankResponse> f =
                service.rank(new DecisionService.RankRequest((String) eventId, context, actions));
        ctx.future(() -> f.handleAsync((r, e) -> {
            if (e != null) {
                problem(ctx, unwrap(e));
            } else {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("eventId", r.eventId());
                out.put("action", r.action());
                out.put("probability", r.probability());
                List<Object> ranking = new ArrayList<>();
                for (var x : r.ranking()) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("id", x.id());
                    item.put("probability", x.probability());
                    ranking.add(item);
                }
                out.put("ranking", ranking);
                out.put("modelVersion", r.modelVersion());
                ctx.status(200).contentType("application/json").result(Json.write(out));
            }
            service.recordRank(System.nanoTime() - start, ctx.statusCode());
            return null;
        }, RESPONDERS));
    }

    private static void reward(Context ctx, DecisionService service) {
        Map<String, Object> b = body(ctx, service.config().maxNesting());
        for (String key : b.keySet()) {
            if (!key.equals("eventId") && !key.equals("value")) {
                throw ProblemException.invalid(key, "unknown field '" + key + "'; allowed: eventId, value");
            }
        }
        if (!(b.get("eventId") instanceof String eventId)) {
            throw ProblemException.invalid("eventId", "eventId must be a string");
        }
        if (!(b.get("value") instanceof Number value)) {
            throw ProblemException.invalid("value", "value must be a number");
        }
        CompletableFuture<DecisionService.RewardResponse> f = service.reward(eventId, value.doubleValue());
        ctx.future(() -> f.handleAsync((r, e) -> {
            if (e != null) {
                problem(ctx, unwrap(e));
            } else {
                ctx.status(202).contentType("application/json").result(Json.write(Map.of("status", r.status())));
            }
            return null;
        }, RESPONDERS));
    }

    private static ProblemException unwrap(Throwable e) {
        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return c instanceof ProblemException p ? p : new ProblemException(500, "internal", null, String.valueOf(c));
    }

    static void problem(Context ctx, ProblemException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "https://proxima.dev/problems/" + e.type());
        m.put("title", e.type());
        m.put("status", e.status());
        m.put("detail", e.getMessage() == null ? "" : e.getMessage());
        if (e.field() != null) {
            m.put("field", e.field());
        }
        ctx.status(e.status()).contentType("application/problem+json").result(Json.write(m));
    }
}
