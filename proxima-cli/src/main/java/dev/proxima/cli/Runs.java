package dev.proxima.cli;

import dev.proxima.core.env.AutoresetMode;
import dev.proxima.core.env.Env;
import dev.proxima.core.env.VectorEnv;
import dev.proxima.core.io.Json;
import dev.proxima.core.io.Safetensors;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.plot.LinePlot;
import dev.proxima.core.run.GitRevision;
import dev.proxima.core.run.MetricsCsv;
import dev.proxima.core.run.RunDirectory;
import dev.proxima.core.run.RunManifest;
import dev.proxima.core.tensor.Kernels;
import dev.proxima.envs.Envs;
import dev.proxima.envs.mujoco.MuJoCoException;
import dev.proxima.rl.common.Evaluation;
import dev.proxima.rl.common.OffPolicyLearner;
import dev.proxima.rl.common.OnPolicyLearner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training runs on disk. A run folder holds {@code manifest.json} (what was run), {@code
 * metrics.csv} (one row per iteration; no wall-clock columns, so equal seeds give equal files),
 * {@code checkpoint.safetensors} (the learner's whole state: weights, optimizer moments,
 * generator and env states, so a resumed run continues bit-identically), {@code curve.png} and
 * {@code summary.json} (final evaluation and timing).
 */
final class Runs {
    static final String VERSION = "0.1.0-SNAPSHOT";
    static final String CHECKPOINT = "checkpoint.safetensors";
    static final String FORMAT = "proxima-checkpoint-1";
    static final String EVAL_CSV = "eval.csv";
    static final List<String> EVAL_COLUMNS = List.of("env_steps", "eval_return_mean", "eval_return_std");

    private Runs() {}

    /**
     * Everything that defines a training run, including its evaluation schedule: evaluations every
     * {@code evalEvery} environment steps (0: only at the end), {@code evalEpisodes} episodes each;
     * {@code modelFile} replaces a MuJoCo task's shipped model (null: the shipped one).
     */
    record Spec(String algo, String envId, long totalSteps, long seed, int numEnvs, long evalEvery, int evalEpisodes,
                Record config, Path modelFile) {
        Spec(String algo, String envId, long totalSteps, long seed, int numEnvs, long evalEvery, int evalEpisodes,
             Record config) {
            this(algo, envId, totalSteps, seed, numEnvs, evalEvery, evalEpisodes, config, null);
        }
    }

    /**
     * Step sub-environments on worker threads. Results are bit-identical either way, so this is a
     * per-invocation speed choice rather than part of a run's spec; it pays off for expensive
     * environments, not for classic control.
     */
    static volatile boolean threadedEnvs;

    record Outcome(Path runDir, Evaluation.Result eval, long envSteps, double trainSeconds, double wallSeconds,
                   boolean finished) {}

    static VectorEnv vectorEnv(Spec spec) {
        return Envs.makeVector(spec.envId(), spec.numEnvs(), AutoresetMode.SAME_STEP, threadedEnvs);
    }

    /**
     * Trains into {@code dir} (new, or resumed when {@code resume}), checkpointing every
     * {@code checkpointEvery} iterations and at the end; stops early after {@code stopAfter}
     * iterations when positive (an interruption on purpose: the run can be resumed).
     */
    static Outcome train(Spec spec, Path dir, boolean resume, int checkpointEvery, int stopAfter,
                         List<String> commandLine, PrintStream err) throws IOException {
        long evalEvery = spec.evalEvery();
        int evalEpisodes = spec.evalEpisodes();
        long wallStart = System.nanoTime();
        RunDirectory run;
        OnPolicyLearner learner;
        try (VectorEnv envs = vectorEnv(spec)) {
            learner = Algorithms.create(spec.algo(), spec.config(), envs, spec.totalSteps(), spec.seed());
            MetricsCsv csv;
            MetricsCsv evalCsv;
            if (resume) {
                run = RunDirectory.open(dir);
                Path ckpt = run.resolve(CHECKPOINT);
                if (!Files.exists(ckpt)) {
                    throw new UsageException("--resume: no checkpoint at " + ckpt + " to resume from");
                }
                Safetensors.Contents contents = readCheckpoint(ckpt);
                learner.loadState(contents.state(), "");
                csv = MetricsCsv.open(run.metricsFile(), List.of(), true);
                csv.truncateAfter("iteration", learner.iteration());
                evalCsv = MetricsCsv.open(run.resolve(EVAL_CSV), EVAL_COLUMNS, true);
                evalCsv.truncateAfter("env_steps", learner.envSteps());
                err.println("proxima: resuming " + dir + " at iteration " + learner.iteration() + "/" + learner.numIterations());
            } else {
                run = create(dir);
                run.writeManifest(RunManifest.of(dir.getFileName().toString(), spec.algo(), spec.envId(), spec.seed(),
                        manifestConfig(spec), commandLine, VERSION, Kernels.get().name(), GitRevision.detect(Path.of(".")),
                        Instant.now().toString()));
                csv = MetricsCsv.open(run.metricsFile(), List.of(), false);
                evalCsv = MetricsCsv.open(run.resolve(EVAL_CSV), EVAL_COLUMNS, false);
            }
            long trainStart = System.nanoTime();
            long startSteps = learner.envSteps();
            long stepsPerIteration = learner.batchSize();
            Progress progress = new Progress(err, spec.algo() + " " + spec.envId(), spec.totalSteps());
            double lastReturn = Double.NaN;
            try (csv; evalCsv) {
                int sinceStart = 0;
                while (!learner.done() && (stopAfter <= 0 || sinceStart < stopAfter)) {
                    Map<String, Double> metrics = learner.iterate();
                    sinceStart++;
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("iteration", learner.iteration());
                    row.put("env_steps", learner.envSteps());
                    row.putAll(metrics);
                    csv.append(row);
                    double r = metrics.getOrDefault("rollout/episode_return", Double.NaN);
                    lastReturn = Double.isNaN(r) ? lastReturn : r;
                    if (evalEvery > 0 && learner.envSteps() / evalEvery > (learner.envSteps() - stepsPerIteration) / evalEvery) {
                        Evaluation.Result e = Evaluation.run(learner.agent(), () -> Envs.make(spec.envId()), evalEpisodes,
                                spec.seed() + Evaluation.SEED_OFFSET);
                        evalCsv.append(evalRow(learner.envSteps(), e));
                    }
                    progress.update(learner.envSteps(), String.format(java.util.Locale.ROOT, "return %.1f", lastReturn));
                    if (learner.done() || learner.iteration() % checkpointEvery == 0) {
                        writeCheckpoint(run.resolve(CHECKPOINT), learner, spec);
                    }
                }
            }
            if (!learner.done()) {
                writeCheckpoint(run.resolve(CHECKPOINT), learner, spec);
            }
            progress.finish();
            double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
            long steps = learner.envSteps() - startSteps;
            writeCurve(run, spec.envId(), spec.algo());
            if (!learner.done()) {
                return new Outcome(run.path(), null, learner.envSteps(), trainSeconds,
                        (System.nanoTime() - wallStart) / 1e9, false);
            }
            Evaluation.Result eval = Evaluation.run(learner.agent(), () -> Envs.make(spec.envId()), evalEpisodes, spec.seed() + Evaluation.SEED_OFFSET);
            double wall = (System.nanoTime() - wallStart) / 1e9;
            Outcome outcome = new Outcome(run.path(), eval, learner.envSteps(), trainSeconds, wall, true);
            writeSummary(run, outcome, steps);
            return outcome;
        }
    }

    /** Env steps per row of an off-policy run's metrics.csv. */
    static final int OFF_POLICY_LOG_EVERY = 1000;
    static final String POLICY = "policy.safetensors";

    /**
     * Trains an off-policy learner (one env, one update per step) into a new run folder:
     * {@code metrics.csv} gets a row every {@value #OFF_POLICY_LOG_EVERY} env steps (mean return of
     * the episodes finished in it, the last update's losses), {@code eval.csv} the deterministic
     * evaluations, {@code policy.safetensors} the actor's weights at every evaluation and at the
     * end. The replay buffer is not checkpointed, so these runs do not resume.
     */
    static Outcome trainOffPolicy(Spec spec, Path dir, List<String> commandLine, PrintStream err) throws IOException {
        long wallStart = System.nanoTime();
        try (Env<float[], float[]> env = continuousEnv(spec)) {
            OffPolicyLearner learner = Algorithms.createOffPolicy(spec.algo(), spec.config(), env, spec.seed());
            RunDirectory run = create(dir);
            run.writeManifest(RunManifest.of(dir.getFileName().toString(), spec.algo(), spec.envId(), spec.seed(),
                    manifestConfig(spec), commandLine, VERSION, Kernels.get().name(), GitRevision.detect(Path.of(".")),
                    Instant.now().toString()));
            Progress progress = new Progress(err, spec.algo() + " " + spec.envId(), spec.totalSteps());
            long trainStart = System.nanoTime();
            int seenEpisodes = 0;
            double lastReturn = Double.NaN;
            try (MetricsCsv csv = MetricsCsv.open(run.metricsFile(), List.of(), false);
                 MetricsCsv evalCsv = MetricsCsv.open(run.resolve(EVAL_CSV), EVAL_COLUMNS, false)) {
                while (learner.envSteps() < spec.totalSteps()) {
                    learner.step();
                    long t = learner.envSteps();
                    if (t % OFF_POLICY_LOG_EVERY == 0 || t == spec.totalSteps()) {
                        List<Double> returns = learner.episodeReturns();
                        double mean = returns.subList(seenEpisodes, returns.size()).stream()
                                .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("env_steps", t);
                        row.put("rollout/episode_return", mean);
                        row.put("rollout/episodes", returns.size() - seenEpisodes);
                        row.putAll(learner.lastMetrics());
                        csv.append(row);
                        seenEpisodes = returns.size();
                        lastReturn = Double.isNaN(mean) ? lastReturn : mean;
                        progress.update(t, String.format(java.util.Locale.ROOT, "return %.1f", lastReturn));
                    }
                    if (spec.evalEvery() > 0 && t % spec.evalEvery() == 0 && t < spec.totalSteps()) {
                        Evaluation.Result e = Evaluation.run(learner, () -> continuousEnv(spec), spec.evalEpisodes(),
                                spec.seed() + Evaluation.SEED_OFFSET);
                        evalCsv.append(evalRow(t, e));
                        writePolicy(run.resolve(POLICY), learner, spec);
                    }
                }
                double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
                Evaluation.Result eval = Evaluation.run(learner, () -> continuousEnv(spec), spec.evalEpisodes(),
                        spec.seed() + Evaluation.SEED_OFFSET);
                evalCsv.append(evalRow(learner.envSteps(), eval));
                writePolicy(run.resolve(POLICY), learner, spec);
                progress.finish();
                csv.close();
                evalCsv.close();
                writeCurve(run, spec.envId(), spec.algo());
                Outcome outcome = new Outcome(run.path(), eval, learner.envSteps(), trainSeconds,
                        (System.nanoTime() - wallStart) / 1e9, true);
                writeSummary(run, outcome, learner.envSteps());
                return outcome;
            }
        }
    }

    private static Env<float[], float[]> continuousEnv(Spec spec) {
        if (spec.modelFile() != null) {
            try {
                return Envs.makeMuJoCo(spec.envId(), spec.modelFile());
            } catch (IllegalArgumentException | MuJoCoException e) {
                throw new UsageException("--model: " + e.getMessage(), e);
            }
        }
        try {
            return Envs.makeContinuous(spec.envId());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--env: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> evalRow(long envSteps, Evaluation.Result e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("env_steps", envSteps);
        row.put("eval_return_mean", e.mean());
        row.put("eval_return_std", e.std());
        return row;
    }

    private static void writePolicy(Path file, OffPolicyLearner learner, Spec spec) throws IOException {
        StateDict state = new StateDict();
        learner.savePolicy(state);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "proxima-policy-1");
        meta.put("spec", Json.write(manifestConfig(spec)));
        Safetensors.write(file, state, meta);
    }

    /** The first of {@code runs/<name>}, {@code runs/<name>-2}, ... that does not exist yet. */
    static Path freeFolder(String name) {
        Path p = Path.of("runs", name);
        for (int i = 2; Files.exists(p); i++) {
            p = Path.of("runs", name + "-" + i);
        }
        return p;
    }

    /** A new run folder at {@code dir}; an existing or unusable one is an {@code --out} error. */
    static RunDirectory create(Path dir) throws IOException {
        try {
            return RunDirectory.create(dir);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--out: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> manifestConfig(Spec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algo", spec.algo());
        m.put("env", spec.envId());
        m.put("total_steps", spec.totalSteps());
        m.put("num_envs", spec.numEnvs());
        m.put("seed", spec.seed());
        m.put("eval_every", spec.evalEvery());
        m.put("eval_episodes", spec.evalEpisodes());
        if (spec.modelFile() != null) {
            m.put("model_file", spec.modelFile().toAbsolutePath().toString());
        }
        m.put("hyperparameters", RecordOverrides.toMap(spec.config()));
        return m;
    }

    static void writeCheckpoint(Path file, OnPolicyLearner learner, Spec spec) throws IOException {
        StateDict state = new StateDict();
        learner.saveState(state, "");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("spec", Json.write(manifestConfig(spec)));
        Safetensors.write(file, state, meta);
    }

    static Safetensors.Contents readCheckpoint(Path file) {
        try {
            Safetensors.Contents c = Safetensors.read(file);
            if (!FORMAT.equals(c.metadata().get("format")) || !c.metadata().containsKey("spec")) {
                throw new UsageException("checkpoint " + file + " is not a Proxima training checkpoint (metadata format "
                        + c.metadata().get("format") + ", expected " + FORMAT + ")");
            }
            return c;
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** The spec stored in a checkpoint's metadata. */
    @SuppressWarnings("unchecked")
    static Spec specOf(Safetensors.Contents c) {
        Map<String, Object> m = (Map<String, Object>) Json.parse(c.metadata().get("spec"));
        String algo = Algorithms.check((String) m.get("algo"));
        Record config = RecordOverrides.fromMap(Algorithms.preset(algo), (Map<String, Object>) m.get("hyperparameters"));
        return new Spec(algo, (String) m.get("env"), ((Number) m.get("total_steps")).longValue(),
                ((Number) m.get("seed")).longValue(), ((Number) m.get("num_envs")).intValue(),
                ((Number) m.get("eval_every")).longValue(), ((Number) m.get("eval_episodes")).intValue(), config);
    }

    static void writeCurve(RunDirectory run, String envId, String algo) throws IOException {
        MetricsCsv.Table t = MetricsCsv.read(run.metricsFile());
        if (t.size() == 0) {
            return;
        }
        LinePlot.Builder plot = LinePlot.builder().title(algo.toUpperCase() + " on " + envId)
                .xLabel("environment steps").yLabel("episode return")
                .series(algo + " training episodes (mean per iteration)", finite(t.column("env_steps"), t.column("rollout/episode_return"), 0),
                        finite(t.column("env_steps"), t.column("rollout/episode_return"), 1));
        MetricsCsv.Table evals = MetricsCsv.read(run.resolve(EVAL_CSV));
        if (evals.size() > 0) {
            double[] m = evals.column("eval_return_mean"), sd = evals.column("eval_return_std");
            double[] lo = new double[m.length], hi = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                lo[i] = m[i] - sd[i];
                hi[i] = m[i] + sd[i];
            }
            plot.series("deterministic evaluation (mean ± std)", evals.column("env_steps"), m, lo, hi);
        }
        Double threshold = Envs.rewardThreshold(envId);
        if (threshold != null) {
            plot.referenceLine(threshold, "solved (" + threshold + ")");
        }
        plot.writePng(run.resolve("curve.png"));
    }

    /** The x (which = 0) or y (which = 1) values of the points whose y is finite (iterations without a finished episode have none). */
    private static double[] finite(double[] x, double[] y, int which) {
        return java.util.stream.IntStream.range(0, y.length).filter(i -> Double.isFinite(y[i]))
                .mapToDouble(i -> which == 0 ? x[i] : y[i]).toArray();
    }

    static void writeSummary(RunDirectory run, Outcome o, long stepsThisSession) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("run_dir", o.runDir().toString());
        s.put("env_steps", o.envSteps());
        s.put("eval_return_mean", o.eval().mean());
        s.put("eval_return_std", o.eval().std());
        s.put("eval_episodes", o.eval().episodes());
        s.put("train_s", o.trainSeconds());
        s.put("env_steps_per_s", stepsThisSession / o.trainSeconds());
        Json.writeFile(run.resolve("summary.json"), s);
    }
}
