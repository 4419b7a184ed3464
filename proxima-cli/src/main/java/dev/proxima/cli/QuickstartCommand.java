package dev.proxima.cli;

import dev.proxima.rl.ppo.Ppo;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Train PPO on CartPole-v1, evaluate it and write a run folder with a learning curve.")
final class QuickstartCommand implements Callable<Integer> {
    static final long STEPS = 100_000;
    static final int NUM_ENVS = 8;

    @Option(names = "--out", description = "run folder (default: the first free runs/quickstart[-N])")
    Path out;

    @Option(names = "--seed", description = "seed (default: ${DEFAULT-VALUE})", defaultValue = "1")
    String seed;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : Runs.freeFolder("quickstart");
        Runs.Spec spec = new Runs.Spec("ppo", "CartPole-v1", STEPS, Parse.seed(seed), NUM_ENVS, 10_000, 20,
                Ppo.Config.tunedCartPole());
        Streams.err().println("quickstart: PPO on CartPole-v1, " + STEPS + " steps, " + NUM_ENVS + " envs (RL Zoo tuned hyperparameters), seed " + spec.seed()
                + ", into " + dir);
        Runs.Outcome o = Runs.train(spec, dir, false, 10, 0, Streams.commandLine(), Streams.err());
        TrainCommand.report(o, json, "quickstart");
        if (!json) {
            Streams.err().println("quickstart: learning curve in " + dir.resolve("curve.png")
                    + "; evaluate again with: ./proxima eval " + dir);
        }
        return 0;
    }
}
