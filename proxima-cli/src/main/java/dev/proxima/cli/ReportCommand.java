package dev.proxima.cli;

import dev.proxima.core.io.Json;
import dev.proxima.core.plot.LinePlot;
import dev.proxima.core.run.MetricsCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Compares finished training runs across seeds: for every environment, one PNG with each
 * algorithm's mean evaluation return over its seeds and the band between the worst and the best
 * seed; and a Markdown table of the returns at the last evaluation step all runs of a group
 * reached.
 */
@Command(name = "report", description = "Curves (PNG) and a table over the run folders in a directory, grouped by "
        + "environment and algorithm across seeds.", mixinStandardHelpOptions = true)
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--runs", required = true, description = "directory whose sub-folders are run folders")
    Path runs;

    @Option(names = "--out", description = "prefix of the written files: <prefix>-<env>.png and <prefix>.md "
            + "(default: <runs>/report)")
    String out;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    /** One run's evaluation curve. */
    record Curve(String algo, String env, long seed, double[] steps, double[] returns) {}

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(runs)) {
            throw new UsageException("--runs: " + runs + " is not a directory");
        }
        Map<String, Map<String, List<Curve>>> byEnv = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path d : dirs.sorted().toList()) {
                Curve c = read(d);
                if (c != null) {
                    byEnv.computeIfAbsent(c.env(), k -> new LinkedHashMap<>()).computeIfAbsent(c.algo(), k -> new ArrayList<>()).add(c);
                }
            }
        }
        if (byEnv.isEmpty()) {
            throw new UsageException("--runs: no finished run folder (manifest.json, eval.csv, summary.json) under " + runs);
        }
        String prefix = out != null ? out : runs.resolve("report").toString();
        Path parent = Path.of(prefix).toAbsolutePath().getParent();
        Files.createDirectories(parent);
        StringBuilder md = new StringBuilder("| environment | algorithm | seeds | env steps | mean eval return | per seed |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var env : byEnv.entrySet()) {
            LinePlot.Builder plot = LinePlot.builder().title(env.getKey() + ": deterministic evaluation")
                    .xLabel("environment steps").yLabel("mean return of the evaluation episodes");
            for (var algo : env.getValue().entrySet()) {
                List<Curve> seeds = algo.getValue();
                int points = seeds.stream().mapToInt(c -> c.steps().length).min().orElse(0);
                if (points == 0) {
                    continue;
                }
                double[] x = java.util.Arrays.copyOf(seeds.get(0).steps(), points), mean = new double[points],
                        lo = new double[points], hi = new double[points];
                for (int i = 0; i < points; i++) {
                    lo[i] = Double.POSITIVE_INFINITY;
                    hi[i] = Double.NEGATIVE_INFINITY;
                    for (Curve c : seeds) {
                        mean[i] += c.returns()[i] / seeds.size();
                        lo[i] = Math.min(lo[i], c.returns()[i]);
                        hi[i] = Math.max(hi[i], c.returns()[i]);
                    }
                }
                plot.series(algo.getKey() + " (" + seeds.size() + " seeds, min–max)", x, mean, lo, hi);
                StringBuilder perSeed = new StringBuilder();
                List<Double> finals = new ArrayList<>();
                for (Curve c : seeds) {
                    double v = c.returns()[points - 1];
                    finals.add(v);
                    perSeed.append(perSeed.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", v));
                }
                long steps = (long) x[points - 1];
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %,d | %.1f | %s |%n", env.getKey(), algo.getKey(),
                        seeds.size(), steps, mean[points - 1], perSeed));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("env", env.getKey());
                row.put("algo", algo.getKey());
                row.put("seeds", seeds.stream().map(Curve::seed).toList());
                row.put("env_steps", steps);
                row.put("eval_return_mean", mean[points - 1]);
                row.put("eval_returns", finals);
                rows.add(row);
            }
            Path png = Path.of(prefix + "-" + env.getKey().toLowerCase(Locale.ROOT) + ".png");
            plot.writePng(png);
        }
        Files.writeString(Path.of(prefix + ".md"), md.toString());
        if (json) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("rows", rows);
            r.put("table", prefix + ".md");
            JsonOut.print(r);
        } else {
            Streams.err().print(md);
            Streams.err().println("report: " + prefix + ".md and " + prefix + "-<env>.png");
        }
        return 0;
    }

    /**
     * The run in {@code dir}, or null when it is not a finished run folder (one still training
     * would cut every curve of its group short, since a group's curve ends where its shortest run
     * does).
     */
    private static Curve read(Path dir) throws IOException {
        Path manifest = dir.resolve("manifest.json"), evals = dir.resolve(Runs.EVAL_CSV);
        if (!Files.isRegularFile(manifest) || !Files.isRegularFile(evals) || !Files.isRegularFile(dir.resolve("summary.json"))) {
            return null;
        }
        Object parsed = Json.parse(Files.readString(manifest));
        if (!(parsed instanceof Map<?, ?> m) || !(m.get("algorithm") instanceof String algo)
                || !(m.get("env_id") instanceof String env) || !(m.get("seed") instanceof Number seed)) {
            throw new UsageException("--runs: " + manifest + " lacks algorithm, env_id or seed");
        }
        MetricsCsv.Table t = MetricsCsv.read(evals);
        if (t.size() == 0) {
            return null;
        }
        return new Curve(algo, env, seed.longValue(), t.column("env_steps"), t.column("eval_return_mean"));
    }
}
