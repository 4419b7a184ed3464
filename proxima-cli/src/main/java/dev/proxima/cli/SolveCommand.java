package dev.proxima.cli;

import dev.proxima.core.game.Game;
import dev.proxima.core.io.Json;
import dev.proxima.core.plot.LinePlot;
import dev.proxima.core.run.GitRevision;
import dev.proxima.core.run.MetricsCsv;
import dev.proxima.core.run.RunDirectory;
import dev.proxima.core.run.RunManifest;
import dev.proxima.core.tensor.Kernels;
import dev.proxima.envs.games.Games;
import dev.proxima.games.Solvers;
import dev.proxima.games.eval.PolicyEvaluation;
import dev.proxima.games.tree.GameTree;
import dev.proxima.games.tree.TabularPolicy;
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

@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Solve a game with CFR, CFR+, magnetic mirror descent or iterated mirror descent; "
                + "writes the exploitability (zero-sum) or return (cooperative) curve and the final policy.")
final class SolveCommand implements Callable<Integer> {
    @Option(names = "--game", required = true, description = "game name, e.g. kuhn, leduc, rps, tiny-hanabi-b")
    String game;

    @Option(names = "--algo", description = "cfr, cfr+, mmd, mmd-anneal or md (default: ${DEFAULT-VALUE})",
            defaultValue = "cfr+")
    String algo;

    @Option(names = "--iters", description = "iterations (default: ${DEFAULT-VALUE})", defaultValue = "1000")
    String iters;

    @Option(names = "--set", description = "override a solver setting, key=value (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", description = "run folder (default: the first free runs/solve-<game>-<algo>[-N])")
    Path out;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Game g = makeGame(game);
        String a;
        try {
            a = Solvers.check(algo);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--algo: " + e.getMessage());
        }
        int n = Parse.positiveInt("--iters", iters);
        Record config = RecordOverrides.apply(Solvers.defaultConfig(a), sets, a);
        Path dir = out != null ? out : Runs.freeFolder("solve-" + game + "-" + a);
        RunDirectory run = Runs.create(dir);
        Map<String, Object> manifestConfig = new LinkedHashMap<>();
        manifestConfig.put("game", game);
        manifestConfig.put("algo", a);
        manifestConfig.put("iterations", n);
        manifestConfig.put("settings", RecordOverrides.toMap(config));
        run.writeManifest(RunManifest.of(dir.getFileName().toString(), a, game, 0, manifestConfig, Streams.commandLine(),
                Runs.VERSION, Kernels.get().name(), GitRevision.detect(Path.of(".")), Instant.now().toString()));

        GameTree tree = GameTree.of(g);
        Solvers.Solver solver = Solvers.create(a, tree, config);
        boolean zeroSum = Solvers.reportsExploitability(g);
        String measure = zeroSum ? "exploitability" : "return";
        Progress progress = new Progress(Streams.err(), "solve " + game + " " + a, n);
        long start = System.nanoTime();
        List<double[]> curve = new ArrayList<>();
        try (MetricsCsv csv = MetricsCsv.open(run.metricsFile(), List.of("iteration", measure, "nash_conv", "value_p0"), false)) {
            int next = 1;
            for (int i = 1; i <= n; i++) {
                solver.iterate();
                if (i == next || i == n) {
                    TabularPolicy pi = solver.solution();
                    double nashConv = zeroSum ? PolicyEvaluation.nashConv(tree, pi) : Double.NaN;
                    double value = PolicyEvaluation.expectedReturns(tree, pi)[0];
                    double score = zeroSum ? nashConv / tree.numPlayers() : value;
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("iteration", i);
                    row.put(measure, score);
                    row.put("nash_conv", nashConv);
                    row.put("value_p0", value);
                    csv.append(row);
                    curve.add(new double[] {i, score});
                    next = Math.max(i + 1, (int) Math.ceil(i * 1.05));
                    progress.update(i, String.format(Locale.ROOT, "%s %.3g", measure, score));
                }
            }
        }
        progress.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        TabularPolicy solution = solver.solution();
        writePolicy(run.resolve("policy.json"), tree, solution);
        writeCurve(run.resolve("curve.png"), curve, game, a, zeroSum);
        double finalScore = curve.get(curve.size() - 1)[1];
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("run_dir", dir.toString());
        r.put("game", game);
        r.put("algo", a);
        r.put("iterations", n);
        r.put(measure, finalScore);
        if (zeroSum) {
            r.put("nash_conv", finalScore * tree.numPlayers());
        }
        r.put("value_p0", PolicyEvaluation.expectedReturns(tree, solution)[0]);
        r.put("information_sets", tree.numInfosets());
        r.put("solve_s", seconds);
        Json.writeFile(run.resolve("summary.json"), r);
        if (json) {
            JsonOut.print(r);
        } else {
            Streams.err().printf(Locale.ROOT, "solve: %s with %s, %d iterations: %s %.6g (%d information sets, %.2f s); run folder %s%n",
                    game, a, n, measure, finalScore, tree.numInfosets(), seconds, dir);
        }
        return 0;
    }

    static Game makeGame(String name) {
        try {
            return Games.make(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--game: " + e.getMessage());
        }
    }

    private static void writePolicy(Path file, GameTree tree, TabularPolicy policy) throws IOException {
        Map<String, Object> sets = new LinkedHashMap<>();
        for (int s = 0; s < tree.numInfosets(); s++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("player", tree.infosetPlayer(s));
            List<Object> actions = new ArrayList<>();
            for (int act : tree.infosetActions(s)) actions.add(act);
            entry.put("actions", actions);
            List<Object> probs = new ArrayList<>();
            for (double p : policy.at(s)) probs.add(p);
            entry.put("probabilities", probs);
            sets.put(tree.infosetPlayer(s) + ":" + tree.infosetKey(s), entry);
        }
        Json.writeFile(file, sets);
    }

    private static void writeCurve(Path file, List<double[]> curve, String game, String algo, boolean zeroSum)
            throws IOException {
        double[] x = new double[curve.size()], y = new double[curve.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = curve.get(i)[0];
            y[i] = zeroSum ? Math.log10(Math.max(curve.get(i)[1], 1e-16)) : curve.get(i)[1];
        }
        LinePlot.builder().title(algo.toUpperCase(Locale.ROOT) + " on " + game).xLabel("iteration")
                .yLabel(zeroSum ? "log10 exploitability (NashConv / 2)" : "expected return")
                .series(algo, x, y).writePng(file);
    }
}
