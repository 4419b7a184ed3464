package dev.proxima.cli;

import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Kernels;
import dev.proxima.rl.ppo.Ppo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark scenario: ppo-cartpole or mdpo-cartpole (training throughput), matmul "
                + "(single-thread kernel GFLOP/s), cfr-leduc or mmd-leduc (solver iterations per second).")
final class BenchCommand implements Callable<Integer> {
    static final List<String> SCENARIOS = List.of("ppo-cartpole", "mdpo-cartpole", "matmul", "cfr-leduc", "mmd-leduc");

    @Parameters(index = "0", description = "scenario: ${COMPLETION-CANDIDATES}")
    String scenario;

    @Option(names = "--steps", description = "environment steps for training scenarios (default: 500000), iterations for solver scenarios (default: 1000)")
    String steps;

    @Option(names = "--seed", description = "seed (default: ${DEFAULT-VALUE})", defaultValue = "1")
    String seed;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!SCENARIOS.contains(scenario)) {
            throw new UsageException("bench: unknown scenario '" + scenario + "'; allowed: " + String.join(", ", SCENARIOS));
        }
        Map<String, Object> r = switch (scenario) {
            case "matmul" -> matmul();
            case "cfr-leduc", "mmd-leduc" -> solver();
            default -> training();
        };
        if (json) {
            JsonOut.print(r);
        } else {
            r.forEach((k, v) -> Streams.err().println(String.format(Locale.ROOT, "%-22s %s", k, v)));
        }
        return 0;
    }

    /**
     * PPO (or MDPO) on CartPole-v1 with the common settings: 4 envs × 128 steps, 4 epochs × 4
     * minibatches, two 64-64 tanh MLPs, 500k steps; throughput = env steps / training seconds
     * (rollouts and updates, without the final evaluation).
     */
    private Map<String, Object> training() throws Exception {
        String algo = scenario.startsWith("ppo") ? "ppo" : "mdpo";
        long n = steps == null ? 500_000 : Parse.positiveLong("--steps", steps);
        Runs.Spec spec = new Runs.Spec(algo, "CartPole-v1", n, Parse.seed(seed), 4, 0, 20, Algorithms.preset(algo));
        Path dir = Runs.freeFolder("bench-" + scenario);
        Runs.Outcome o = Runs.train(spec, dir, false, Integer.MAX_VALUE, 0, Streams.commandLine(),
                Streams.err());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scenario", scenario);
        r.put("env_steps", o.envSteps());
        r.put("env_steps_per_s", o.envSteps() / o.trainSeconds());
        r.put("eval_return_mean", o.eval().mean());
        r.put("wall_s", o.wallSeconds());
        r.put("train_s", o.trainSeconds());
        r.put("kernels", Kernels.get().name());
        r.put("run_dir", o.runDir().toString());
        return r;
    }

    /**
     * Solver iterations per second on Leduc poker (936 information sets), one thread: CFR+ (alternating
     * updates, the reference) or MMD (simultaneous updates, Leduc annealing). Tree
     * construction and the final exploitability evaluation are excluded from the rate.
     */
    private Map<String, Object> solver() {
        String algo = scenario.equals("cfr-leduc") ? "cfr+" : "mmd-anneal";
        dev.proxima.games.tree.GameTree tree = dev.proxima.games.tree.GameTree.of(SolveCommand.makeGame("leduc"));
        Record config = algo.equals("cfr+") ? dev.proxima.games.cfr.Cfr.Config.cfrPlus()
                : dev.proxima.games.mmd.Mmd.Config.leducAnnealing();
        dev.proxima.games.Solvers.Solver solver = dev.proxima.games.Solvers.create(algo, tree, config);
        int n = steps == null ? 1000 : Parse.positiveInt("--steps", steps);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long wall0 = System.nanoTime(), cpu0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) solver.iterate();
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9, wall = (System.nanoTime() - wall0) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scenario", scenario);
        r.put("iterations", n);
        r.put("iterations_per_s", n / cpu);
        r.put("wall_iterations_per_s", n / wall);
        r.put("exploitability", dev.proxima.games.eval.PolicyEvaluation.exploitability(tree, solver.solution()));
        r.put("information_sets", tree.numInfosets());
        return r;
    }

    /** Single-thread GFLOP/s of C = A·B, median of 7 timed repetitions measured in thread CPU time. */
    private Map<String, Object> matmul() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scenario", "matmul");
        r.put("kernels", Kernels.get().name());
        for (int size : new int[] {64, 256}) {
            r.put("gflops_" + size, gflops(Kernels.get(), size));
        }
        r.put("scalar_gflops_64", gflops(Kernels.scalar(), 64));
        return r;
    }

    static double gflops(Kernels k, int n) {
        Rng rng = Rng.of(n);
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.uniform(-1, 1);
            b[i] = (float) rng.uniform(-1, 1);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long flopsPerCall = 2L * n * n * n;
        int calls = (int) Math.max(1, 200_000_000L / flopsPerCall);
        for (int w = 0; w < 5; w++) {
            for (int i = 0; i < calls; i++) k.matmul(a, b, c, n, n, n, false);
        }
        double[] rates = new double[7];
        for (int rep = 0; rep < rates.length; rep++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) k.matmul(a, b, c, n, n, n, false);
            long t1 = mx.getCurrentThreadCpuTime();
            rates[rep] = flopsPerCall * (double) calls / (t1 - t0);
        }
        Arrays.sort(rates);
        return Math.round(rates[rates.length / 2] * 10) / 10.0;
    }
}
