package dev.proxima.cli;

import dev.proxima.core.env.VectorEnv;
import dev.proxima.core.io.Safetensors;
import dev.proxima.core.run.RunDirectory;
import dev.proxima.envs.Envs;
import dev.proxima.rl.common.Evaluation;
import dev.proxima.rl.common.ActorCritic;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "eval", description = "Evaluate a run folder's policy deterministically.", mixinStandardHelpOptions = true)
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "run folder written by proxima train")
    Path dir;

    @Option(names = "--episodes", description = "episodes (default: ${DEFAULT-VALUE})", defaultValue = "20")
    String episodes;

    @Option(names = "--seed", description = "seed of the first episode (default: the run's seed + 1000000)")
    String seed;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @Override
    public Integer call() {
        int n = Parse.positiveInt("--episodes", episodes);
        try {
            RunDirectory.open(dir);
        } catch (IllegalArgumentException e) {
            throw new UsageException("eval: " + e.getMessage(), e);
        }
        Path ckpt = dir.resolve(Runs.CHECKPOINT);
        if (!java.nio.file.Files.exists(ckpt)) {
            throw new UsageException("eval: no checkpoint at " + ckpt + "; allowed: a run folder written by proxima train");
        }
        Safetensors.Contents contents = Runs.readCheckpoint(ckpt);
        Runs.Spec spec = Runs.specOf(contents);
        ActorCritic agent;
        try (VectorEnv envs = Runs.vectorEnv(spec)) {
            agent = Algorithms.agentShape(spec.config(), envs);
        }
        try {
            agent.loadState(contents.state(), "");
        } catch (IllegalArgumentException e) {
            throw new UsageException("eval: checkpoint " + ckpt + " does not fit the run's network: " + e.getMessage(), e);
        }
        long s = seed == null ? spec.seed() + Evaluation.SEED_OFFSET : Parse.seed(seed);
        Evaluation.Result r = Evaluation.run(agent, () -> Envs.make(spec.envId()), n, s);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("run_dir", dir.toString());
        result.put("env", spec.envId());
        result.put("eval_return_mean", r.mean());
        result.put("eval_return_std", r.std());
        result.put("eval_return_min", r.min());
        result.put("eval_return_max", r.max());
        result.put("eval_episodes", r.episodes());
        if (json) {
            JsonOut.print(result);
        } else {
            Streams.err().printf(Locale.ROOT, "eval: %s on %s over %d episodes: %.1f ± %.1f (min %.1f, max %.1f)%n",
                    dir, spec.envId(), n, r.mean(), r.std(), r.min(), r.max());
        }
        return 0;
    }
}
