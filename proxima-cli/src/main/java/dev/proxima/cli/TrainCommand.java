package dev.proxima.cli;

import dev.proxima.core.run.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", description = "Train an agent and write a run folder.", mixinStandardHelpOptions = true)
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--algo", description = "ppo, mdpo (on-policy); sac, td3, mdpo-off, mex (off-policy, continuous "
            + "actions) (default: ${DEFAULT-VALUE})", defaultValue = "ppo")
    String algo;

    @Option(names = "--env", description = "environment id, e.g. CartPole-v1 (default: ${DEFAULT-VALUE})",
            defaultValue = "CartPole-v1")
    String env;

    @Option(names = "--steps", description = "environment steps (default: ${DEFAULT-VALUE})", defaultValue = "100000")
    String steps;

    @Option(names = "--seed", description = "seed of every random stream (default: ${DEFAULT-VALUE})", defaultValue = "1")
    String seed;

    @Option(names = "--num-envs", description = "parallel sub-environments of on-policy runs (default: 4; off-policy "
            + "runs step one env)")
    String numEnvs;

    @Option(names = "--model", description = "MJCF file replacing a MuJoCo task's shipped model (Gymnasium's "
            + "xml_file); off-policy algorithms")
    Path model;

    @Option(names = "--out", description = "run folder (default: runs/<algo>-<env>-seed<seed>)")
    Path out;

    @Option(names = "--preset", description = "hyperparameter preset: ppo/mdpo: classic (CleanRL classic control, "
            + "default), tuned-cartpole (RL Zoo, ppo only), paper; sac/mdpo-off/mex: paper (default), pendulum; "
            + "td3: paper (default), cpu")
    String preset;

    @Option(names = "--set", description = "override a hyperparameter, key=value (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--resume", description = "continue the run in --out from its checkpoint")
    boolean resume;

    @Option(names = "--checkpoint-every", description = "iterations between checkpoints (default: ${DEFAULT-VALUE})",
            defaultValue = "10")
    String checkpointEvery;

    @Option(names = "--stop-after", description = "stop after this many iterations, leaving a resumable checkpoint",
            defaultValue = "0", hidden = true)
    int stopAfter;

    @Option(names = "--eval-episodes", description = "deterministic evaluation episodes (default: ${DEFAULT-VALUE})",
            defaultValue = "20")
    String evalEpisodes;

    @Option(names = "--eval-every", description = "environment steps between deterministic evaluations written to "
            + "eval.csv (default: ${DEFAULT-VALUE})", defaultValue = "10000")
    String evalEvery;

    @Option(names = "--threaded", description = "step the sub-environments on worker threads (same results)")
    boolean threaded;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int every = Parse.positiveInt("--checkpoint-every", checkpointEvery);
        int episodes = Parse.positiveInt("--eval-episodes", evalEpisodes);
        Runs.Spec spec;
        Path dir;
        if (resume) {
            if (out == null) {
                throw new UsageException("--resume: needs --out DIR, the run folder to continue");
            }
            RunDirectory.open(out);
            spec = Runs.specOf(Runs.readCheckpoint(out.resolve(Runs.CHECKPOINT)));
            dir = out;
        } else {
            String a = Algorithms.check(algo);
            String e = Parse.env(env);
            long s = Parse.seed(seed);
            Record base = preset == null ? Algorithms.preset(a) : Algorithms.preset(a, preset);
            Record config = RecordOverrides.apply(base, sets, a);
            boolean offPolicy = Algorithms.OFF_POLICY.contains(a);
            int envs = numEnvs == null ? (offPolicy ? 1 : 4) : Parse.positiveInt("--num-envs", numEnvs);
            if (offPolicy && envs != 1) {
                throw new UsageException("--num-envs: " + a + " steps one env with one update per step; got " + envs + ", allowed: 1");
            }
            if (model != null && !offPolicy) {
                throw new UsageException("--model: a model file is supported with the off-policy algorithms ("
                        + String.join(", ", Algorithms.OFF_POLICY) + "); got --algo " + a);
            }
            spec = new Runs.Spec(a, e, Parse.positiveLong("--steps", steps), s, envs,
                    Parse.positiveLong("--eval-every", evalEvery), episodes, config, model);
            dir = out != null ? out : Path.of("runs", a + "-" + e.toLowerCase(Locale.ROOT) + "-seed" + s);
        }
        Runs.threadedEnvs = threaded;
        if (Algorithms.OFF_POLICY.contains(spec.algo())) {
            if (stopAfter > 0) {
                throw new UsageException("--stop-after: off-policy runs cannot be resumed (their replay buffer is not checkpointed)");
            }
            report(Runs.trainOffPolicy(spec, dir, Streams.commandLine(), Streams.err()), json, "train");
            return 0;
        }
        Runs.Outcome o = Runs.train(spec, dir, resume, every, stopAfter, Streams.commandLine(), Streams.err());
        report(o, json, "train");
        return 0;
    }

    static void report(Runs.Outcome o, boolean json, String what) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("run_dir", o.runDir().toString());
        r.put("env_steps", o.envSteps());
        r.put("finished", o.finished());
        if (o.eval() != null) {
            r.put("eval_return_mean", o.eval().mean());
            r.put("eval_return_std", o.eval().std());
            r.put("eval_episodes", o.eval().episodes());
        }
        r.put("train_s", o.trainSeconds());
        r.put("wall_s", o.wallSeconds());
        if (json) {
            JsonOut.print(r);
        } else {
            var err = Streams.err();
            err.println(what + ": run folder " + o.runDir());
            if (o.eval() != null) {
                err.printf(Locale.ROOT, "%s: deterministic evaluation over %d episodes: %.1f ± %.1f (min %.1f, max %.1f)%n",
                        what, o.eval().episodes(), o.eval().mean(), o.eval().std(), o.eval().min(), o.eval().max());
            } else {
                err.println(what + ": stopped after " + o.envSteps() + " steps; continue with --resume --out " + o.runDir());
            }
            err.printf(Locale.ROOT, "%s: %d env steps in %.1f s of training (%.0f steps/s), %.1f s in all%n", what,
                    o.envSteps(), o.trainSeconds(), o.envSteps() / o.trainSeconds(), o.wallSeconds());
        }
    }

}
