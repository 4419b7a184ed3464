package dev.proxima.cli;

import dev.proxima.core.env.VectorEnv;
import dev.proxima.rl.common.ActorCritic;
import dev.proxima.rl.common.OnPolicyLearner;
import dev.proxima.rl.mdpo.Mdpo;
import dev.proxima.rl.ppo.Ppo;
import java.util.List;

/** The algorithms {@code proxima train} knows, their presets and how to build a learner. */
final class Algorithms {
    static final List<String> NAMES = List.of("ppo", "mdpo");

    private Algorithms() {}

    static String check(String algo) {
        if (algo == null || !NAMES.contains(algo)) {
            throw new UsageException("--algo: unknown algorithm '" + algo + "'; allowed: " + String.join(", ", NAMES));
        }
        return algo;
    }

    /** The preset a new run starts from: the classic-control setting for every env we ship today. */
    static Record preset(String algo) {
        return switch (check(algo)) {
            case "ppo" -> Ppo.Config.classicControl();
            case "mdpo" -> Mdpo.Config.classicControl();
            default -> throw new AssertionError(algo);
        };
    }

    static OnPolicyLearner create(String algo, Record config, VectorEnv envs, long totalSteps, long seed) {
        try {
            return switch (check(algo)) {
                case "ppo" -> new Ppo.Learner((Ppo.Config) config, envs, totalSteps, seed);
                case "mdpo" -> new Mdpo.Learner((Mdpo.Config) config, envs, totalSteps, seed);
                default -> throw new AssertionError(algo);
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** Builds an agent of the right shape for loading a checkpoint's weights. */
    static ActorCritic agentShape(String algo, Record config, VectorEnv envs) {
        return create(algo, config, envs, Long.MAX_VALUE / 2, 0).agent();
    }
}
