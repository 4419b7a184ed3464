package dev.proxima.cli;

import dev.proxima.core.env.VectorEnv;
import dev.proxima.core.random.Rng;
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

    /** Named hyperparameter presets per algorithm; the first is the default of {@code proxima train}. */
    static List<String> presets(String algo) {
        return switch (check(algo)) {
            case "ppo" -> List.of("classic", "tuned-cartpole", "paper");
            case "mdpo" -> List.of("classic", "paper");
            default -> throw new AssertionError(algo);
        };
    }

    static Record preset(String algo) {
        return preset(algo, presets(algo).get(0));
    }

    static Record preset(String algo, String name) {
        if (!presets(algo).contains(name)) {
            throw new UsageException("--preset: unknown preset '" + name + "' for " + algo + "; allowed: "
                    + String.join(", ", presets(algo)));
        }
        return switch (algo + "/" + name) {
            case "ppo/classic" -> Ppo.Config.classicControl();
            case "ppo/tuned-cartpole" -> Ppo.Config.tunedCartPole();
            case "ppo/paper" -> Ppo.Config.defaults();
            case "mdpo/classic" -> Mdpo.Config.classicControl();
            case "mdpo/paper" -> Mdpo.Config.defaults();
            default -> throw new AssertionError(name);
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

    /** An agent of the shape {@code config} trains, for loading a checkpoint's weights into. */
    static ActorCritic agentShape(Record config, VectorEnv envs) {
        return switch (config) {
            case Ppo.Config c -> new ActorCritic(envs.singleObservationSpace().flatSize(), envs.singleActionSpace(),
                    c.hidden(), c.activation(), Rng.of(0));
            case Mdpo.Config c -> new ActorCritic(envs.singleObservationSpace().flatSize(), envs.singleActionSpace(),
                    c.hidden(), c.activation(), Rng.of(0));
            default -> throw new IllegalArgumentException("unknown config " + config);
        };
    }
}
