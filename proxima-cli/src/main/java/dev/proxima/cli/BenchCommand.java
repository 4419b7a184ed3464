package dev.proxima.cli;

import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Kernels;
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
                + "(single-thread kernel GFLOP/s), cfr-leduc or mmd-leduc (solver iterations per second), diag-linucb "
                + "or linucb (bandit decisions per second), mujoco-hopper (raw Hopper-v4 env steps per second), sac-hopper (SAC training steps per second on Hopper-v4), grpo-add (GRPO on two-digit ADD: sampling and "
                + "training tokens per second, seconds per RL step of 16 prompts × 8 responses).")
final class BenchCommand implements Callable<Integer> {
    static final List<String> SCENARIOS = List.of("ppo-cartpole", "mdpo-cartpole", "matmul", "cfr-leduc", "mmd-leduc",
            "diag-linucb", "linucb", "mujoco-hopper", "sac-hopper", "grpo-add");

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
            case "diag-linucb", "linucb" -> bandit();
            case "mujoco-hopper" -> mujoco();
            case "sac-hopper" -> sacHopper();
            case "grpo-add" -> grpoAdd();
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
     * Raw env steps per second of Hopper-v4 on one thread: uniform random actions from a seeded
     * generator, reset when an episode ends (time limit 1000), observation and reward built every
     * step. 20,000 warm-up steps, then the timed steps (default 200,000); the rate is in thread CPU
     * time, which a busy shared machine disturbs far less than wall time (reported too).
     */
    private Map<String, Object> mujoco() {
        long n = steps == null ? 200_000 : Parse.positiveLong("--steps", steps);
        var rng = dev.proxima.core.random.Rng.of(Parse.seed(seed));
        try (var env = dev.proxima.envs.Envs.makeContinuous("Hopper-v4")) {
            var space = (dev.proxima.core.space.Box) env.actionSpace();
            env.reset(Parse.seed(seed));
            int episodes = 0;
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long wall0 = 0, cpu0 = 0;
            for (long t = -20_000; t < n; t++) {
                if (t == 0) {
                    wall0 = System.nanoTime();
                    cpu0 = mx.getCurrentThreadCpuTime();
                    episodes = 0;
                }
                if (env.step(space.sample(rng)).done()) {
                    env.reset();
                    episodes++;
                }
            }
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9, wall = (System.nanoTime() - wall0) / 1e9;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("scenario", scenario);
            r.put("env_steps", n);
            r.put("env_steps_per_s", n / cpu);
            r.put("wall_env_steps_per_s", n / wall);
            r.put("episodes", episodes);
            r.put("mujoco_version", dev.proxima.envs.mujoco.MuJoCo.version());
            return r;
        }
    }

    /**
     * SAC training throughput on Hopper-v4 with the paper's networks (256-256, batch 256) and one
     * gradient update per env step, one thread: 1,000 random steps fill the buffer, 200 learning
     * steps warm up, then the timed steps (default 2,000), in thread CPU time.
     */
    private Map<String, Object> sacHopper() {
        long n = steps == null ? 2_000 : Parse.positiveLong("--steps", steps);
        var base = dev.proxima.rl.sac.Sac.Config.defaults();
        var config = new dev.proxima.rl.sac.Sac.Config(base.hiddenSize(), base.batchSize(), base.learningRate(), base.gamma(),
                base.tau(), 100_000, 1_000, base.alpha(), base.autotuneAlpha());
        var sac = new dev.proxima.rl.sac.Sac.Learner(config, dev.proxima.envs.Envs.makeContinuous("Hopper-v4"), Parse.seed(seed));
        while (sac.envSteps() < 1_200) sac.step();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long wall0 = System.nanoTime(), cpu0 = mx.getCurrentThreadCpuTime();
        for (long t = 0; t < n; t++) sac.step();
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9, wall = (System.nanoTime() - wall0) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scenario", scenario);
        r.put("env_steps", n);
        r.put("env_steps_per_s", n / cpu);
        r.put("wall_env_steps_per_s", n / wall);
        r.put("hidden", config.hiddenSize());
        r.put("batch", config.batchSize());
        r.put("kernels", Kernels.get().name());
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

    /**
     * Decisions per second on the spec §4 scale test (C 100 clusters, J 200 items, K 3): one
     * decision scores every candidate and applies one update. Each learner runs 2,000 warm-up
     * requests, then 5,000 timed requests, three times; the median rate in thread CPU time is
     * reported. Both learners run in the same JVM so their ratio is fair.
     */
    private Map<String, Object> bandit() {
        var problem = new dev.proxima.envs.bandit.ClusterRecommender(100, 200, 3, 8, dev.proxima.core.random.Rng.of(1));
        var diag = new dev.proxima.bandits.linear.DiagLinUcb(200, 100, 1.0, 1.0);
        var lin = new dev.proxima.bandits.linear.LinUcb(200, 100, 1.0, 1.0);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scenario", scenario);
        r.put("clusters", 100);
        r.put("items", 200);
        r.put("top_k", 3);
        double linRate = decisionsPerSecond(problem, lin);
        if (scenario.equals("diag-linucb")) {
            double diagRate = decisionsPerSecond(problem, diag);
            r.put("decisions_per_s", diagRate);
            r.put("linucb_decisions_per_s", linRate);
            r.put("speedup", diagRate / linRate);
            r.put("memory_ratio", (double) lin.stateBytes() / diag.stateBytes());
            r.put("diag_state_bytes", diag.stateBytes());
            r.put("linucb_state_bytes", lin.stateBytes());
        } else {
            r.put("linucb_decisions_per_s", linRate);
            r.put("linucb_state_bytes", lin.stateBytes());
        }
        return r;
    }

    private static double decisionsPerSecond(dev.proxima.core.bandit.BanditProblem problem,
                                             dev.proxima.bandits.BanditPolicy policy) {
        dev.proxima.core.random.Rng contexts = dev.proxima.core.random.Rng.of(2), rewards = dev.proxima.core.random.Rng.of(3),
                acting = dev.proxima.core.random.Rng.of(4);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] rates = new double[3];
        for (int w = 0; w < 2000; w++) step(problem, policy, contexts, rewards, acting);
        for (int rep = 0; rep < rates.length; rep++) {
            var xs = new dev.proxima.core.bandit.Context[5000];
            for (int i = 0; i < xs.length; i++) xs[i] = problem.nextContext(contexts);
            long t0 = mx.getCurrentThreadCpuTime();
            for (var x : xs) {
                var d = policy.decide(x, acting);
                policy.update(x, d.action(), problem.reward(x, d.action(), rewards));
            }
            rates[rep] = xs.length / ((mx.getCurrentThreadCpuTime() - t0) / 1e9);
        }
        Arrays.sort(rates);
        return rates[1];
    }

    private static void step(dev.proxima.core.bandit.BanditProblem problem, dev.proxima.bandits.BanditPolicy policy,
                             dev.proxima.core.random.Rng contexts, dev.proxima.core.random.Rng rewards,
                             dev.proxima.core.random.Rng acting) {
        var x = problem.nextContext(contexts);
        var d = policy.decide(x, acting);
        policy.update(x, d.action(), problem.reward(x, d.action(), rewards));
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

    /**
     * GRPO on two-digit ADD with the spec's model (d 32, 2 layers, 2 heads) on one thread, in thread
     * CPU time: sampling (16 prompts × 8 responses with the key/value cache), training (forward,
     * backward and Adam on such a batch) and whole RL steps. The SFT reference is the seed-0 one of
     * the ADD learning check, from the cache under runs/cache (built on first use); {@code --seed}
     * seeds prompts and sampling. 5 warm-up steps, then the timed repetitions (default 20).
     */
    private Map<String, Object> grpoAdd() {
        int reps = steps == null ? 20 : Parse.positiveInt("--steps", steps);
        long s = Parse.seed(seed);
        var task = dev.proxima.envs.text.Addition.twoDigits();
        var model = dev.proxima.core.nn.TinyTransformer.Config.tiny(task.vocabularySize(), PrefsCommand.CONTEXT);
        var reference = dev.proxima.prefs.sft.SftReference.load(task, model, dev.proxima.prefs.sft.Sft.Config.defaults(1300), 0,
                Path.of("runs", "cache"));
        var policy = new dev.proxima.prefs.policy.TransformerPolicy(reference.model().snapshot());
        var config = dev.proxima.prefs.grpo.Grpo.Config.defaults();
        var grpo = new dev.proxima.prefs.grpo.Grpo.Learner(config, policy, reference.frozenCopy(), task, s);
        for (int i = 0; i < 5; i++) grpo.step();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();

        Rng rng = Rng.of(s + 1);
        List<int[]> prompts = new java.util.ArrayList<>();
        for (int p = 0; p < config.promptsPerStep(); p++) {
            int[] prompt = task.train(rng).prompt();
            for (int i = 0; i < config.groupSize(); i++) prompts.add(prompt);
        }
        var sampling = dev.proxima.core.nn.TokenSampling.standard();
        long sampled = 0, cpu0 = mx.getCurrentThreadCpuTime();
        dev.proxima.prefs.policy.SequenceBatch batch = null;
        for (int i = 0; i < reps; i++) {
            batch = policy.generate(prompts, task.maxResponseLength(), sampling, rng);
            sampled += batch.responseTokens();
        }
        double sampleSeconds = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;

        var optimizer = dev.proxima.prefs.policy.Training.adam(policy.model().parameters(), 1e-6, 1.0);
        var graph = new dev.proxima.core.tensor.Graph();
        long trained = 0;
        cpu0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
            graph.reset();
            optimizer.zeroGrad();
            graph.backward(dev.proxima.prefs.sft.Sft.loss(graph, policy, batch));
            optimizer.step();
            for (int b = 0; b < batch.size; b++) trained += batch.promptLength[b] + batch.responseLength[b];
        }
        double trainSeconds = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;

        long wall0 = System.nanoTime();
        cpu0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) grpo.step();
        double stepSeconds = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9 / reps, stepWall = (System.nanoTime() - wall0) / 1e9 / reps;

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scenario", scenario);
        r.put("prompts_per_step", config.promptsPerStep());
        r.put("group_size", config.groupSize());
        r.put("parameters", policy.model().parameterCount());
        r.put("sample_tokens_per_s", sampled / sampleSeconds);
        r.put("train_tokens_per_s", trained / trainSeconds);
        r.put("rl_step_s", stepSeconds);
        r.put("wall_rl_step_s", stepWall);
        r.put("repetitions", reps);
        r.put("kernels", Kernels.get().name());
        return r;
    }
}
