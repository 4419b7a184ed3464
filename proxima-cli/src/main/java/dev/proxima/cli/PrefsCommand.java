package dev.proxima.cli;

import dev.proxima.core.io.Json;
import dev.proxima.core.io.Safetensors;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.plot.LinePlot;
import dev.proxima.core.random.Rng;
import dev.proxima.core.run.GitRevision;
import dev.proxima.core.run.MetricsCsv;
import dev.proxima.core.run.RunDirectory;
import dev.proxima.core.run.RunManifest;
import dev.proxima.core.seq.PreferenceTask;
import dev.proxima.core.seq.SequenceTask;
import dev.proxima.core.tensor.Kernels;
import dev.proxima.envs.text.TextTasks;
import dev.proxima.envs.text.Vocabulary;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.dpo.Dpo;
import dev.proxima.prefs.dpo.OnlineDpo;
import dev.proxima.prefs.gardo.Gardo;
import dev.proxima.prefs.grpo.Grpo;
import dev.proxima.prefs.hypo.Hypo;
import dev.proxima.prefs.nash.NashMdPg;
import dev.proxima.prefs.nash.NashMpPg;
import dev.proxima.prefs.opmd.Opmd;
import dev.proxima.prefs.policy.Evaluation;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.pref.ExactDistribution;
import dev.proxima.prefs.pref.ExactMetrics;
import dev.proxima.prefs.pref.ResponseSpace;
import dev.proxima.prefs.reward.ComparisonSampler;
import dev.proxima.prefs.reward.JudgeTrainingConfig;
import dev.proxima.prefs.reward.RankingAccuracy;
import dev.proxima.prefs.reward.RewardModel;
import dev.proxima.prefs.reward.RewardModelTrainer;
import dev.proxima.prefs.rlhf.IterativeRlhf;
import dev.proxima.prefs.rloo.Rloo;
import dev.proxima.prefs.selm.Selm;
import dev.proxima.prefs.sft.Sft;
import dev.proxima.prefs.sft.SftReference;
import dev.proxima.prefs.srpo.Srpo;
import dev.proxima.prefs.visurf.ViSurf;
import dev.proxima.prefs.xpo.Xpo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code proxima prefs}: fine-tuning sequence policies from verifiable rewards and preferences. */
@Command(name = "prefs", mixinStandardHelpOptions = true, subcommands = {PrefsCommand.Train.class, PrefsCommand.Data.class},
        description = "Fine-tune sequence policies from verifiable rewards or preferences.")
final class PrefsCommand implements Runnable {
    @Override
    public void run() {
        throw new UsageException("prefs: name a subcommand: train, data");
    }

    /** The methods {@code prefs train} runs on verifiable-reward tasks. */
    static final List<String> METHODS = List.of("grpo", "rloo", "opmd", "visurf", "gardo", "sft", "online-dpo", "xpo", "nash-md-pg", "nash-mp-pg", "dpo", "ipo",
            "hypo", "srpo", "selm", "rlhf");
    /** The methods that learn from a preference judge (tasks PREF-BT, PREF-CYCLIC). */
    static final List<String> PREFERENCE_METHODS = List.of("online-dpo", "xpo", "nash-md-pg", "nash-mp-pg", "dpo", "ipo", "hypo", "srpo");
    /** The preference methods that learn from a fixed dataset of comparisons. */
    static final List<String> OFFLINE_METHODS = List.of("dpo", "ipo", "hypo", "srpo");
    /** The preference methods that run in iterations rather than steps. */
    static final List<String> ITERATIVE_METHODS = List.of("selm", "rlhf");
    /** Between draft and revision in SRPO's reviser prompt: a character no preference-task response holds. */
    static final int SRPO_SEPARATOR = Vocabulary.shared().id('=');

    /** Context length of the spec's model: the longest prompt plus response of every task fits. */
    static final int CONTEXT = 40;

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a tiny transformer policy on a task and write a run folder (manifest, metrics.csv, "
                    + "curve.png, kl.png for verifiable tasks, policy.safetensors, summary.json). The SFT reference is cached "
                    + "under runs/cache.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--method", required = true, description = "verifiable rewards: grpo, rloo, visurf, gardo (on DIGITSUM), opmd (also asymre, "
                + "reinforce, grpo objectives on stale rollouts: --set objective=ASYMRE --set staleness=16), or sft (the reference "
                + "alone); preferences, online: online-dpo, xpo, nash-md-pg, nash-mp-pg; offline on a fixed dataset: dpo, ipo, hypo, srpo; "
                + "in iterations: selm, rlhf (a reward model from comparisons, then online iterative DPO)")
        String method;

        @Option(names = "--task", required = true, description = "ADD, SORT, REV, COUNTDOWN, LOCK, LOCK2 or DIGITSUM; PREF-BT or PREF-CYCLIC "
                + "for the preference methods")
        String task;

        @Option(names = "--steps", description = "RL steps (default: ${DEFAULT-VALUE})", defaultValue = "150")
        String steps;

        @Option(names = "--sft-steps", description = "SFT steps of the reference (default: ${DEFAULT-VALUE})",
                defaultValue = "1300")
        String sftSteps;

        @Option(names = "--seed", description = "seed of the model, data and sampling (default: ${DEFAULT-VALUE})",
                defaultValue = "0")
        String seed;

        @Option(names = "--eval-every", description = "RL steps between held-out evaluations (default: ${DEFAULT-VALUE})",
                defaultValue = "25")
        String evalEvery;

        @Option(names = "--eval-prompts", description = "held-out prompts per evaluation (default: ${DEFAULT-VALUE})",
                defaultValue = "500")
        String evalPrompts;

        @Option(names = "--pass-k", description = "k of the sampled pass@k on verifiable tasks, comma-separated "
                + "(default: ${DEFAULT-VALUE})", defaultValue = "1,4,16")
        String passK;

        @Option(names = "--pass-samples", description = "samples per held-out prompt (temperature 1) behind the unbiased "
                + "pass@k estimate (default: ${DEFAULT-VALUE})", defaultValue = "16")
        String passSamples;

        @Option(names = "--data", description = "offline methods: a JSON Lines file of prompt/chosen/rejected rows in the "
                + "tasks' characters (see prefs data); default: --pairs comparisons drawn once from the reference")
        Path data;

        @Option(names = "--pairs", description = "without --data: comparisons drawn and judged; offline methods draw them "
                + "from the reference (default 9600, online DPO's label count at 300 steps of 32 prompts), rlhf draws uniform "
                + "response pairs for its reward model (default 2000), selm draws them from the reference (default 4096)")
        String pairs;

        @Option(names = "--set", description = "override a hyperparameter of the method, key=value (repeatable)")
        List<String> sets = new ArrayList<>();

        @Option(names = "--out", description = "run folder (default: runs/<method>-<task>-seed<seed>)")
        Path out;

        @Option(names = "--json", description = "print the summary as one JSON object on stdout")
        boolean json;

        @Override
        public Integer call() throws Exception {
            String m = method.toLowerCase(Locale.ROOT);
            if (!METHODS.contains(m)) {
                throw new UsageException("--method: unknown method '" + method + "'; allowed: " + String.join(", ", METHODS));
            }
            if (data != null && !OFFLINE_METHODS.contains(m) && !ITERATIVE_METHODS.contains(m)) {
                throw new UsageException("--data: only the offline methods (" + String.join(", ", OFFLINE_METHODS)
                        + "), selm and rlhf read a dataset; " + m + " samples its own");
            }
            if (ITERATIVE_METHODS.contains(m)) {
                return trainIterative(m);
            }
            if (PREFERENCE_METHODS.contains(m)) {
                return trainOnPreferences(m);
            }
            SequenceTask t;
            try {
                t = TextTasks.make(task);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--task: " + e.getMessage(), e);
            }
            long s = Parse.seed(seed);
            int rlSteps = Parse.nonNegativeInt("--steps", steps), every = Parse.positiveInt("--eval-every", evalEvery);
            int prompts = Parse.positiveInt("--eval-prompts", evalPrompts);
            int samples = Parse.positiveInt("--pass-samples", passSamples);
            int[] ks = parseKs(passK, samples);
            Sft.Config sft = Sft.Config.defaults(Parse.nonNegativeInt("--sft-steps", sftSteps));
            Record config = switch (m) {
                case "rloo" -> RecordOverrides.apply(Rloo.Config.defaults(), sets, m);
                case "opmd" -> RecordOverrides.apply(Opmd.Config.defaults(Opmd.Objective.OPMD), sets, m);
                case "visurf" -> RecordOverrides.apply(ViSurf.Config.defaults(), sets, m);
                case "gardo" -> RecordOverrides.apply(Gardo.Config.defaults(), sets, m);
                default -> RecordOverrides.apply(Grpo.Config.defaults(), sets, m);
            };
            if (config instanceof Gardo.Config && !(t instanceof dev.proxima.core.seq.AuxiliaryRewards)) {
                throw new UsageException("--task: gardo needs a task with auxiliary rewards (DIGITSUM), not " + t.name());
            }
            Path dir = out != null ? out : Runs.freeFolder(m + "-" + t.name().toLowerCase(Locale.ROOT) + "-seed" + s);
            List<SequenceTask.Problem> heldOut;
            try {
                heldOut = t.heldOut(prompts);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--eval-prompts: " + e.getMessage(), e);
            }

            long wallStart = System.nanoTime();
            TinyTransformer.Config model = TinyTransformer.Config.tiny(t.vocabularySize(), CONTEXT);
            TransformerPolicy reference = SftReference.load(t, model, sft, s, Path.of("runs", "cache"));
            double referencePass = Evaluation.greedyPassAt1(reference, t, heldOut, 100);
            // One sampling stream for every pass@k estimate, apart from training's, so evaluating never changes training.
            Rng evalRng = Rng.of(s).split();
            double[] referencePassAtK = Evaluation.sampledPassAtK(reference, t, heldOut, samples, ks, evalRng);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("sft", RecordOverrides.toMap(sft));
            extra.put("eval_prompts", prompts);
            extra.put("pass_samples", samples);
            RunDirectory run = openRun(dir, m, t.name(), rlSteps, s, model, m.equals("sft") ? null : config, extra);

            TransformerPolicy policy = new TransformerPolicy(reference.model().snapshot());
            double pass = referencePass, trainSeconds = 0;
            double[] passAtK = referencePassAtK;
            List<double[]> curve = new ArrayList<>();
            curve.add(curvePoint(0, referencePass, referencePassAtK));
            if (!m.equals("sft") && rlSteps > 0) {
                Learner learner = switch (config) {
                    case Grpo.Config c -> {
                        Grpo.Learner l = new Grpo.Learner(c, policy, reference.frozenCopy(), t, s);
                        yield new Learner(l::step, l::lastMetrics);
                    }
                    case Rloo.Config c -> {
                        var l = new Rloo.Learner(c, policy, reference.frozenCopy(), t, s);
                        yield new Learner(l::step, l::lastMetrics);
                    }
                    case Gardo.Config c -> {
                        var l = new Gardo.Learner(c, policy, reference.frozenCopy(), t, s);
                        yield new Learner(l::step, l::lastMetrics);
                    }
                    case ViSurf.Config c -> {
                        var l = new ViSurf.Learner(c, policy, reference.frozenCopy(), t, s);
                        yield new Learner(l::step, l::lastMetrics);
                    }
                    case Opmd.Config c -> {
                        var l = new Opmd.Learner(c, policy, reference.frozenCopy(), t, s);
                        yield new Learner(l::step, l::lastMetrics);
                    }
                    default -> throw new AssertionError(config);
                };
                Progress progress = new Progress(Streams.err(), m + " " + t.name(), rlSteps);
                try (MetricsCsv csv = MetricsCsv.open(run.metricsFile(), List.of(), false)) {
                    for (int step = 1; step <= rlSteps; step++) {
                        long t0 = System.nanoTime();
                        learner.step().getAsDouble();
                        trainSeconds += (System.nanoTime() - t0) / 1e9;
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("step", step);
                        row.putAll(new java.util.TreeMap<>(learner.metrics().get()));
                        if (step % every == 0 || step == rlSteps) {
                            pass = Evaluation.greedyPassAt1(policy, t, heldOut, 100);
                            passAtK = Evaluation.sampledPassAtK(policy, t, heldOut, samples, ks, evalRng);
                            curve.add(curvePoint(step, pass, passAtK));
                            row.put("pass_at_1", pass);
                            for (int j = 0; j < ks.length; j++) row.put("sampled_pass_at_" + ks[j], passAtK[j]);
                        } else {
                            row.put("pass_at_1", Double.NaN);
                            for (int k : ks) row.put("sampled_pass_at_" + k, Double.NaN);
                        }
                        csv.append(row);
                        progress.update(step, String.format(Locale.ROOT, "reward %.3f | pass@1 %.3f",
                                learner.metrics().get().get("reward"), pass));
                    }
                }
                progress.finish();
                writeCurve(run, m, t.name(), curve, ks, samples, referencePass);
            }
            writePolicy(run, policy, t.name(), m);

            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("run_dir", run.path().toString());
            summary.put("method", m);
            summary.put("task", t.name());
            summary.put("steps", m.equals("sft") ? 0 : rlSteps);
            summary.put("reference_pass_at_1", referencePass);
            summary.put("pass_at_1", pass);
            summary.put("reference_pass_at_k", byK(ks, referencePassAtK));
            summary.put("pass_at_k", byK(ks, passAtK));
            summary.put("pass_samples", samples);
            summary.put("rl_step_s", rlSteps > 0 && !m.equals("sft") ? trainSeconds / rlSteps : 0.0);
            summary.put("wall_s", (System.nanoTime() - wallStart) / 1e9);
            Json.writeFile(run.resolve("summary.json"), summary);
            if (json) {
                JsonOut.print(summary);
            } else {
                int last = ks.length - 1;
                Streams.err().printf(Locale.ROOT, "%s on %s: held-out pass@1 %.3f (reference %.3f), pass@%d %.3f (reference "
                        + "%.3f, n = %d); run folder %s%n", m, t.name(), pass, referencePass, ks[last], passAtK[last],
                        referencePassAtK[last], samples, run.path());
            }
            return 0;
        }

        /**
         * A preference method on PREF-BT or PREF-CYCLIC from a freshly initialised (seeded) model, which
         * is also the reference (spec §0.3); the exact win-rate against it and the KL to it are
         * evaluated by enumeration every {@code --eval-every} steps.
         */
        private int trainOnPreferences(String m) throws java.io.IOException {
            PreferenceTask t = preferenceTask(task);
            long s = Parse.seed(seed);
            int total = Parse.nonNegativeInt("--steps", steps), every = Parse.positiveInt("--eval-every", evalEvery);
            Record config = switch (m) {
                case "online-dpo" -> RecordOverrides.apply(OnlineDpo.Config.defaults(), sets, m);
                case "xpo" -> RecordOverrides.apply(Xpo.Config.defaults(), sets, m);
                case "nash-md-pg" -> RecordOverrides.apply(NashMdPg.Config.defaults(), sets, m);
                case "nash-mp-pg" -> RecordOverrides.apply(NashMpPg.Config.defaults(), sets, m);
                case "dpo" -> RecordOverrides.apply(Dpo.Config.defaults(), sets, m);
                case "ipo" -> RecordOverrides.apply(Dpo.Config.defaults()
                        .withLossType(Dpo.LossType.IPO), sets, m);
                case "hypo" -> RecordOverrides.apply(Hypo.Config.defaults(), sets, m);
                default -> RecordOverrides.apply(Srpo.Config.defaults(SRPO_SEPARATOR), sets, m);
            };
            int pairCount = Parse.positiveInt("--pairs", pairs == null ? "9600" : pairs);
            List<Comparison> comparisons = data != null ? PreferenceData.read(data, t) : null;
            Path dir = out != null ? out : Runs.freeFolder(m + "-" + t.name().toLowerCase(Locale.ROOT) + "-seed" + s);
            long wallStart = System.nanoTime();
            TinyTransformer.Config model = TinyTransformer.Config.tiny(t.vocabularySize(), CONTEXT);
            TransformerPolicy policy = new TransformerPolicy(new TinyTransformer(model,
                    Rng.of(s)), t.responseTokens());
            TransformerPolicy reference = policy.frozenCopy();
            var space = new ResponseSpace(t);
            var initial = ExactDistribution.of(reference, space);
            Map<String, Object> extra = new LinkedHashMap<>();
            if (OFFLINE_METHODS.contains(m)) {
                if (comparisons == null) {
                    // Drawn from their own stream, so the dataset does not depend on the learner's draws.
                    comparisons = PreferenceData.sample(t, reference, pairCount, false, Rng.of(s).split());
                }
                extra.put("data", data != null ? data.toString() : "sampled from the reference, judge labels");
                extra.put("pairs", comparisons.size());
            }
            RunDirectory run = openRun(dir, m, t.name(), total, s, model, config, extra);
            List<Comparison> offline = comparisons;
            java.util.function.DoubleSupplier step = switch (config) {
                case OnlineDpo.Config c ->
                        new OnlineDpo.Learner(c, policy, reference, t, s)::step;
                case Xpo.Config c -> new Xpo.Learner(c, policy, reference, t, s)::step;
                case NashMpPg.Config c ->
                        new NashMpPg.Learner(c, policy, reference, t, s)::step;
                case NashMdPg.Config c ->
                        new NashMdPg.Learner(c, policy, reference, t, s)::step;
                case Dpo.Config c -> new Dpo.Learner(c, policy, reference, offline, s)::step;
                case Hypo.Config c ->
                        new Hypo.Learner(c, policy, reference, offline, s)::step;
                case Srpo.Config c -> new Srpo.Learner(c, policy, reference, t,
                        PreferenceData.srpoExamples(t, offline), s)::step;
                default -> throw new AssertionError(config);
            };
            double win = 0.5, kl = 0, trainSeconds = 0;
            List<double[]> curve = new ArrayList<>();
            curve.add(new double[] {0, win, kl});
            Progress progress = new Progress(Streams.err(), m + " " + t.name(), Math.max(1, total));
            try (MetricsCsv csv = MetricsCsv.open(run.metricsFile(), List.of(), false)) {
                for (int i = 1; i <= total; i++) {
                    long t0 = System.nanoTime();
                    double loss = step.getAsDouble();
                    trainSeconds += (System.nanoTime() - t0) / 1e9;
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("step", i);
                    row.put("loss", loss);
                    if (i % every == 0 || i == total) {
                        var now = ExactDistribution.of(policy, space);
                        win = ExactMetrics.winRate(now, initial, space);
                        kl = ExactMetrics.klDivergence(now, initial);
                        curve.add(new double[] {i, win, kl});
                        row.put("win_rate", win);
                        row.put("kl_to_reference", kl);
                    } else {
                        row.put("win_rate", Double.NaN);
                        row.put("kl_to_reference", Double.NaN);
                    }
                    csv.append(row);
                    progress.update(i, String.format(Locale.ROOT, "win-rate %.3f | KL %.3f", win, kl));
                }
            }
            progress.finish();
            writePreferenceCurve(run, m + " on " + t.name(), "steps", curve);
            writePolicy(run, policy, t.name(), m);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("run_dir", run.path().toString());
            summary.put("method", m);
            summary.put("task", t.name());
            summary.put("steps", total);
            summary.put("win_rate", win);
            summary.put("kl_to_reference", kl);
            if (config instanceof Srpo.Config) {
                summary.put("revision_win_rate", Srpo.revisionWinRate(policy, t, SRPO_SEPARATOR, 64,
                        Rng.of(s).split().split()));
            }
            if (offline != null) {
                summary.put("pairs", offline.size());
            }
            summary.put("rl_step_s", total > 0 ? trainSeconds / total : 0.0);
            summary.put("wall_s", (System.nanoTime() - wallStart) / 1e9);
            Json.writeFile(run.resolve("summary.json"), summary);
            if (json) {
                JsonOut.print(summary);
            } else {
                Streams.err().printf(Locale.ROOT, "%s on %s: exact win-rate %.3f against the reference, KL %.3f; run folder %s%n",
                        m, t.name(), win, kl, run.path());
            }
            return 0;
        }

        /**
         * The methods that run in iterations, each ending with the exact win-rate against the initial
         * policy and the KL to it on PREF-BT or PREF-CYCLIC; {@code --steps} does not apply, the
         * iterations are the config's ({@code --set iterations=3}).
         * <ul>
         *   <li>{@code rlhf}, the online iterative RLHF workflow (spec §2.15): a Bradley–Terry reward
         *       model fitted to {@code --data} or to {@code --pairs} uniform response pairs labelled by
         *       the judge, then iterations of sampling, reward-model ranking and DPO.</li>
         *   <li>{@code selm} (spec §2.12): {@code --data} or {@code --pairs} comparisons drawn from the
         *       reference, cut into a DPO warm-up and one part per SELM iteration.</li>
         * </ul>
         */
        private int trainIterative(String m) throws java.io.IOException {
            PreferenceTask t = preferenceTask(task);
            long s = Parse.seed(seed);
            boolean rlhf = m.equals("rlhf");
            Record config = rlhf ? RecordOverrides.apply(IterativeRlhf.Config.defaults(), sets, m)
                    : RecordOverrides.apply(Selm.Config.toy(), sets, m);
            int iterations = config instanceof IterativeRlhf.Config c ? c.iterations()
                    : ((Selm.Config) config).iterations();
            int pairCount = Parse.positiveInt("--pairs", pairs != null ? pairs : rlhf ? "2000" : "4096");
            var space = new ResponseSpace(t);
            var sampler = new ComparisonSampler(space);
            Path dir = out != null ? out : Runs.freeFolder(m + "-" + t.name().toLowerCase(Locale.ROOT) + "-seed" + s);
            long wallStart = System.nanoTime();
            TinyTransformer.Config model = TinyTransformer.Config.tiny(t.vocabularySize(), CONTEXT);
            TransformerPolicy policy = new TransformerPolicy(new TinyTransformer(model, Rng.of(s)),
                    t.responseTokens());
            var initial = ExactDistribution.of(policy, space);
            Rng dataRng = Rng.of(s).split();
            List<Comparison> comparisons = data != null ? PreferenceData.read(data, t)
                    : rlhf ? sampler.uniform(pairCount, dataRng) : PreferenceData.sample(t, policy.frozenCopy(), pairCount, false, dataRng);
            if (!rlhf && comparisons.size() < iterations + 1) {
                throw new UsageException((data != null ? "--data" : "--pairs") + ": selm cuts the comparisons into iterations + 1 = "
                        + (iterations + 1) + " parts; " + comparisons.size() + " are too few");
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("data", data != null ? data.toString() : rlhf ? "uniform response pairs, labels drawn from the judge"
                    : "sampled from the reference, judge labels");
            extra.put("pairs", comparisons.size());
            if (rlhf) {
                extra.put("reward_model_training", RecordOverrides.toMap(JudgeTrainingConfig.defaults()));
            }
            RunDirectory run = openRun(dir, m, t.name(), iterations, s, model, config, extra);

            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("run_dir", run.path().toString());
            summary.put("method", m);
            summary.put("task", t.name());
            summary.put("iterations", iterations);
            List<double[]> curve = new ArrayList<>();
            curve.add(new double[] {0, 0.5, 0});
            Progress progress = new Progress(Streams.err(), m + " " + t.name(), iterations);
            try (MetricsCsv csv = MetricsCsv.open(run.metricsFile(), List.of(), false)) {
                java.util.function.IntConsumer record = iteration -> {
                    var now = ExactDistribution.of(policy, space);
                    double win = ExactMetrics.winRate(now, initial, space);
                    double kl = ExactMetrics.klDivergence(now, initial);
                    curve.add(new double[] {iteration, win, kl});
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("iteration", iteration);
                    row.put("win_rate", win);
                    row.put("kl_to_reference", kl);
                    try {
                        csv.append(row);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    progress.update(iteration, String.format(Locale.ROOT, "win-rate %.3f | KL %.3f", win, kl));
                };
                switch (config) {
                    case IterativeRlhf.Config c -> {
                        Streams.err().printf(Locale.ROOT, "rlhf %s: fitting the reward model to %d comparisons%n", t.name(),
                                comparisons.size());
                        var rewardModel = new RewardModel(model, dataRng.split());
                        RewardModelTrainer.train(rewardModel, comparisons,
                                JudgeTrainingConfig.defaults(), Rng.of(s + 1));
                        summary.put("reward_model_accuracy", RankingAccuracy.of(rewardModel,
                                sampler.uniformPairs(2000, Rng.of(s + 2)), space).accuracy());
                        IterativeRlhf.run(c, policy, rewardModel, t, s + 3, record);
                    }
                    case Selm.Config c -> {
                        List<List<Selm.Example>> splits = new ArrayList<>();
                        int parts = c.iterations() + 1, size = comparisons.size() / parts;
                        for (int part = 0; part < parts; part++) {
                            List<Selm.Example> split = new ArrayList<>(size);
                            for (var comparison : comparisons.subList(part * size, (part + 1) * size)) {
                                split.add(new Selm.Example(PreferenceData.promptIndex(t, comparison.prompt()),
                                        comparison.chosen(), comparison.rejected()));
                            }
                            splits.add(split);
                        }
                        Selm.train(c, policy, t, splits, s + 3, iteration -> {
                            if (iteration > 0) record.accept(iteration);
                        });
                    }
                    default -> throw new AssertionError(config);
                }
            }
            progress.finish();
            writePreferenceCurve(run, m + " on " + t.name(), "iterations", curve);
            double[] last = curve.get(curve.size() - 1);
            writePolicy(run, policy, t.name(), m);
            summary.put("win_rate", last[1]);
            summary.put("kl_to_reference", last[2]);
            summary.put("pairs", comparisons.size());
            summary.put("wall_s", (System.nanoTime() - wallStart) / 1e9);
            Json.writeFile(run.resolve("summary.json"), summary);
            if (json) {
                JsonOut.print(summary);
            } else {
                Streams.err().printf(Locale.ROOT, "%s on %s: exact win-rate %.3f against the initial policy, KL %.3f; run folder "
                        + "%s%n", m, t.name(), last[1], last[2], run.path());
            }
            return 0;
        }

        /**
         * Creates the run folder (refusing an existing one as an {@code --out} error) and writes its
         * manifest: method, task, steps, seed, model, the method's hyperparameters (when it has
         * any) and {@code extra}.
         */
        private static RunDirectory openRun(Path dir, String method, String task, int steps, long seed,
                                            TinyTransformer.Config model, Record hyperparameters, Map<String, Object> extra)
                throws java.io.IOException {
            RunDirectory run = Runs.create(dir);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("method", method);
            config.put("task", task);
            config.put("steps", steps);
            config.put("seed", seed);
            config.put("model", RecordOverrides.toMap(model));
            config.putAll(extra);
            if (hyperparameters != null) {
                config.put("hyperparameters", RecordOverrides.toMap(hyperparameters));
            }
            run.writeManifest(RunManifest.of(dir.getFileName().toString(), method, task, seed, config, Streams.commandLine(),
                    Runs.VERSION, Kernels.get().name(), GitRevision.detect(Path.of(".")), Instant.now().toString()));
            return run;
        }

        /** The preference task named by {@code --task}. */
        static PreferenceTask preferenceTask(String name) {
            try {
                return TextTasks.makePreference(name);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--task: " + e.getMessage(), e);
            }
        }

        /** {@code curve.png} of points {x, exact win-rate against the start, KL to the start}. */
        private static void writePreferenceCurve(RunDirectory run, String title, String xLabel, List<double[]> curve)
                throws java.io.IOException {
            double[] x = new double[curve.size()], w = new double[curve.size()], k = new double[curve.size()];
            for (int i = 0; i < curve.size(); i++) {
                x[i] = curve.get(i)[0];
                w[i] = curve.get(i)[1];
                k[i] = curve.get(i)[2];
            }
            LinePlot.builder().title(title).xLabel(xLabel).yLabel("exact win-rate against the start / KL to it")
                    .series("win-rate", x, w).series("KL to the start (nats, prompt mean)", x, k)
                    .referenceLine(0.5, "even").writePng(run.resolve("curve.png"));
        }

        /** The trained weights as {@code policy.safetensors}. */
        private static void writePolicy(RunDirectory run, TransformerPolicy policy, String task, String method)
                throws java.io.IOException {
            StateDict state = new StateDict();
            policy.model().saveState(state);
            Safetensors.write(run.resolve("policy.safetensors"), state, Map.of("task", task, "method", method));
        }

        /** One RL step and the scalars it leaves, whatever the method. */
        private record Learner(java.util.function.DoubleSupplier step, java.util.function.Supplier<Map<String, Double>> metrics) {}

        /** The k of {@code --pass-k}: distinct values in [1, samples]. */
        private static int[] parseKs(String raw, int samples) {
            String[] parts = raw.split(",");
            int[] ks = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                int k = Parse.positiveInt("--pass-k", parts[i].trim());
                if (k > samples) {
                    throw new UsageException("--pass-k: k=" + k + " exceeds --pass-samples " + samples
                            + "; every k must be in [1, " + samples + "]");
                }
                ks[i] = k;
            }
            if (java.util.Arrays.stream(ks).distinct().count() != ks.length) {
                throw new UsageException("--pass-k: '" + raw + "' repeats a value; give each k once");
            }
            return ks;
        }

        /** {k: pass@k} with string keys, in the order of {@code ks}. */
        private static Map<String, Double> byK(int[] ks, double[] values) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (int j = 0; j < ks.length; j++) out.put(Integer.toString(ks[j]), values[j]);
            return out;
        }

        /** step, greedy pass@1, then the sampled pass@k in the order of the k. */
        private static double[] curvePoint(int step, double greedy, double[] passAtK) {
            double[] point = new double[2 + passAtK.length];
            point[0] = step;
            point[1] = greedy;
            System.arraycopy(passAtK, 0, point, 2, passAtK.length);
            return point;
        }

        private static void writeCurve(RunDirectory run, String method, String task, List<double[]> curve, int[] ks,
                                       int samples, double reference) throws java.io.IOException {
            MetricsCsv.Table table = MetricsCsv.read(run.metricsFile());
            double[][] columns = new double[curve.get(0).length][curve.size()];
            for (int i = 0; i < curve.size(); i++) {
                for (int c = 0; c < columns.length; c++) columns[c][i] = curve.get(i)[c];
            }
            var plot = LinePlot.builder().title(method.toUpperCase(Locale.ROOT) + " on " + task).xLabel("RL steps")
                    .yLabel("held-out pass@k / batch reward")
                    .series("held-out pass@1 (greedy)", columns[0], columns[1]);
            for (int j = 0; j < ks.length; j++) {
                plot.series("held-out pass@" + ks[j] + " (n = " + samples + ", T = 1)", columns[0], columns[2 + j]);
            }
            plot.series("batch mean reward (sampled)", table.column("step"), table.column("reward"))
                    .referenceLine(reference, String.format(Locale.ROOT, "SFT reference pass@1 %.3f", reference))
                    .writePng(run.resolve("curve.png"));
            // KL lives on another scale than pass rates, so it gets its own figure.
            LinePlot.builder().title(method.toUpperCase(Locale.ROOT) + " on " + task + ": distance to the reference")
                    .xLabel("RL steps").yLabel("KL(π_old‖π_ref), nats per response")
                    .series("batch KL to the SFT reference (k1, sampled responses)", table.column("step"),
                            table.column("kl_to_reference"))
                    .writePng(run.resolve("kl.png"));
        }
    }

    @Command(name = "data", mixinStandardHelpOptions = true,
            description = "Write a preference dataset as JSON Lines (prompt/chosen/rejected): pairs of the seeded reference's "
                    + "samples on PREF-BT or PREF-CYCLIC, judged. prefs train --data reads it back.")
    static final class Data implements Callable<Integer> {
        @Option(names = "--task", required = true, description = "PREF-BT or PREF-CYCLIC")
        String task;

        @Option(names = "--pairs", description = "comparisons to write (default: ${DEFAULT-VALUE})", defaultValue = "1000")
        String pairs;

        @Option(names = "--seed", description = "seed of the reference model (as prefs train --seed) and of the draws "
                + "(default: ${DEFAULT-VALUE})", defaultValue = "0")
        String seed;

        @Option(names = "--sampled-labels", description = "draw each winner from P(y ≻ y') instead of taking the likelier one")
        boolean sampledLabels;

        @Option(names = "--out", required = true, description = "the JSON Lines file to write (an existing file is replaced)")
        Path out;

        @Override
        public Integer call() throws java.io.IOException {
            PreferenceTask t = Train.preferenceTask(task);
            long s = Parse.seed(seed);
            int count = Parse.positiveInt("--pairs", pairs);
            TransformerPolicy reference = new TransformerPolicy(new TinyTransformer(TinyTransformer.Config.tiny(t.vocabularySize(),
                    CONTEXT), Rng.of(s)), t.responseTokens());
            PreferenceData.write(out, PreferenceData.sample(t, reference, count, sampledLabels,
                    Rng.of(s).split()));
            Streams.err().printf(Locale.ROOT, "%d %s comparisons of the seed-%d reference's samples (%s labels) in %s%n", count,
                    t.name(), s, sampledLabels ? "sampled" : "judge", out);
            return 0;
        }
    }
}
