package dev.proxima.cli;

import dev.proxima.bandits.BanditPolicy;
import dev.proxima.bandits.Experiment;
import dev.proxima.bandits.Policies;
import dev.proxima.bandits.ope.DecisionLog;
import dev.proxima.bandits.ope.LoggedDecision;
import dev.proxima.core.bandit.BanditProblem;
import dev.proxima.core.io.Json;
import dev.proxima.core.plot.LinePlot;
import dev.proxima.core.random.Rng;
import dev.proxima.core.run.GitRevision;
import dev.proxima.core.run.MetricsCsv;
import dev.proxima.core.run.RunDirectory;
import dev.proxima.core.run.RunManifest;
import dev.proxima.core.tensor.Kernels;
import dev.proxima.envs.bandit.ArmsProblem;
import dev.proxima.envs.bandit.ClassificationBandit;
import dev.proxima.envs.bandit.ClusterRecommender;
import dev.proxima.envs.bandit.Datasets;
import dev.proxima.envs.bandit.LinearProblem;
import java.io.IOException;
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

@Command(name = "bandit", mixinStandardHelpOptions = true,
        description = "Run bandit policies on a synthetic problem or a real data set; prints cumulative reward and "
                + "regret per policy and writes a regret-curve PNG and a run folder.")
final class BanditCommand implements Callable<Integer> {
    static final List<String> PROBLEMS = List.of("bernoulli", "linear", "recommender", "recommender-k1",
            "recommender-large");

    @Option(names = "--problem", description = "synthetic problem: ${COMPLETION-CANDIDATES}")
    String problem;

    @Option(names = "--data", description = "real data set (Debian weka package): iris, glass, segment, soybean, vote, "
            + "ionosphere")
    String data;

    @Option(names = "--policy", required = true, split = ",", description = "policies to compare, comma-separated")
    List<String> policies;

    @Option(names = "--rounds", description = "rounds per policy (default: ${DEFAULT-VALUE})", defaultValue = "10000")
    String rounds;

    @Option(names = "--seed", description = "seed of the problem instance and streams (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    String seed;

    @Option(names = "--set", description = "policy hyperparameter, key=value (alpha, lambda, epsilon, temperature, "
            + "exp3Gamma, squareCbGamma, tsScale, draws)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--log-out", description = "write the first policy's decisions as JSON Lines for proxima ope")
    Path logOut;

    @Option(names = "--out", description = "run folder (default: the first free runs/bandit-<problem>[-N])")
    Path out;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if ((problem == null) == (data == null)) {
            throw new UsageException("bandit: give exactly one of --problem (" + String.join(", ", PROBLEMS)
                    + ") or --data (" + String.join(", ", Datasets.names()) + ")");
        }
        int t = Parse.positiveInt("--rounds", rounds);
        long s = Parse.seed(seed);
        BanditProblem p = problem != null ? synthetic(problem, s) : dataset(data);
        Policies.Settings settings = RecordOverrides.apply(Policies.Settings.defaults(), sets, "bandit");
        for (String name : policies) {
            if (!Policies.NAMES.contains(name)) {
                throw new UsageException("--policy: unknown policy '" + name + "'; allowed: " + String.join(", ", Policies.NAMES));
            }
        }
        String label = problem != null ? problem : data;
        Path dir = out != null ? out : Runs.freeFolder("bandit-" + label);
        RunDirectory run = Runs.create(dir);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("problem", label);
        config.put("policies", new ArrayList<Object>(policies));
        config.put("rounds", t);
        config.put("settings", RecordOverrides.toMap(settings));
        run.writeManifest(RunManifest.of(dir.getFileName().toString(), String.join(",", policies), label, s, config,
                Streams.commandLine(), Runs.VERSION, Kernels.get().name(), GitRevision.detect(Path.of(".")),
                Instant.now().toString()));

        Map<String, Experiment.Result> results = new LinkedHashMap<>();
        List<LoggedDecision> logged = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            String name = policies.get(i);
            BanditPolicy policy;
            try {
                policy = Policies.create(name, p.numActions(), p.contextDimension(), settings, Rng.of(s).split());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--policy: " + e.getMessage(), e);
            }
            boolean logThis = i == 0 && logOut != null;
            results.put(name, Experiment.run(p, policy, t, s, logThis ? r -> logged.add(new LoggedDecision(
                    r.context().toArray(), r.decision().action(), r.decision().probability(),
                    r.decision().probabilities(), r.reward())) : null));
            Streams.err().printf(Locale.ROOT, "bandit: %-18s average reward %.4f, regret %.1f%n", name,
                    results.get(name).averageReward(), results.get(name).totalRegret());
        }
        if (logOut != null) {
            DecisionLog.write(logOut, logged);
        }
        writeMetrics(run, results, t);
        writeCurve(run.resolve("regret.png"), results, label);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("run_dir", dir.toString());
        r.put("problem", label);
        r.put("rounds", t);
        Map<String, Object> perPolicy = new LinkedHashMap<>();
        results.forEach((name, res) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cumulative_reward", res.totalReward());
            m.put("average_reward", res.averageReward());
            m.put("cumulative_regret", res.totalRegret());
            perPolicy.put(name, m);
        });
        r.put("policies", perPolicy);
        Json.writeFile(run.resolve("summary.json"), r);
        if (json) {
            JsonOut.print(r);
        }
        return 0;
    }

    static BanditProblem synthetic(String name, long seed) {
        Rng instance = Rng.of(seed ^ 0x5DEECE66DL);
        return switch (name) {
            case "bernoulli" -> ArmsProblem.randomBernoulli(10, instance);
            case "linear" -> new LinearProblem(5, 10, instance);
            case "recommender" -> ClusterRecommender.standard(3, instance);
            case "recommender-k1" -> ClusterRecommender.standard(1, instance);
            case "recommender-large" -> new ClusterRecommender(100, 200, 3, 8, instance);
            default -> throw new UsageException("--problem: unknown problem '" + name + "'; allowed: "
                    + String.join(", ", PROBLEMS));
        };
    }

    static BanditProblem dataset(String name) {
        try {
            return new ClassificationBandit(Datasets.load(name));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--data: " + e.getMessage(), e);
        }
    }

    private static void writeMetrics(RunDirectory run, Map<String, Experiment.Result> results, int rounds)
            throws IOException {
        List<String> columns = new ArrayList<>(List.of("round"));
        for (String name : results.keySet()) {
            columns.add(name + "/cumulative_reward");
            columns.add(name + "/cumulative_regret");
        }
        try (MetricsCsv csv = MetricsCsv.open(run.metricsFile(), columns, false)) {
            for (int t = 1; t <= rounds; t = t < 100 ? t + 1 : Math.max(t + 1, (int) (t * 1.02))) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("round", t);
                for (var e : results.entrySet()) {
                    row.put(e.getKey() + "/cumulative_reward", e.getValue().cumulativeReward()[t - 1]);
                    row.put(e.getKey() + "/cumulative_regret", e.getValue().cumulativeRegret()[t - 1]);
                }
                csv.append(row);
            }
        }
    }

    private static void writeCurve(Path file, Map<String, Experiment.Result> results, String label) throws IOException {
        LinePlot.Builder plot = LinePlot.builder().title("Cumulative regret on " + label).xLabel("round")
                .yLabel("cumulative regret");
        for (var e : results.entrySet()) {
            double[] regret = e.getValue().cumulativeRegret();
            int n = Math.min(regret.length, 400), step = Math.max(1, regret.length / n);
            List<double[]> points = new ArrayList<>();
            for (int t = step - 1; t < regret.length; t += step) points.add(new double[] {t + 1, regret[t]});
            plot.series(e.getKey(), points.stream().mapToDouble(q -> q[0]).toArray(),
                    points.stream().mapToDouble(q -> q[1]).toArray());
        }
        plot.writePng(file);
    }
}
