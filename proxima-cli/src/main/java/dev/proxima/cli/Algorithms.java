package dev.proxima.cli;

import dev.proxima.core.env.VectorEnv;
import dev.proxima.core.random.Rng;
import dev.proxima.rl.common.ActorCritic;
import dev.proxima.rl.common.OnPolicyLearner;
import dev.proxima.core.env.Env;
import dev.proxima.rl.common.OffPolicyLearner;
import dev.proxima.rl.mdpo.Mdpo;
import dev.proxima.rl.mdpo.OffPolicyMdpo;
import dev.proxima.rl.mex.MexMf;
import dev.proxima.rl.ppo.Ppo;
import dev.proxima.rl.sac.Sac;
import dev.proxima.rl.td3.Td3;
import java.util.List;

/** The algorithms {@code proxima train} knows, their presets and how to build a learner. */
final class Algorithms {
    static final List<String> NAMES = List.of("ppo", "mdpo", "sac", "td3", "mdpo-off", "mex");
    /** The algorithms that learn from a replay buffer on one env, driven step by step. */
    static final List<String> OFF_POLICY = List.of("sac", "td3", "mdpo-off", "mex");

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
            case "sac", "mdpo-off" -> List.of("paper", "pendulum");
            case "mex" -> List.of("paper", "pendulum", "sparse");
            case "td3" -> List.of("paper", "cpu");
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
            case "sac/paper" -> Sac.Config.defaults();
            case "sac/pendulum" -> Sac.Config.pendulum();
            case "td3/paper" -> Td3.Config.defaults();
            case "td3/cpu" -> Td3.Config.cpu();
            case "mdpo-off/paper" -> OffPolicyMdpo.Config.mujoco();
            case "mdpo-off/pendulum" -> OffPolicyMdpo.Config.pendulum();
            case "mex/paper" -> MexMf.Config.mujoco();
            case "mex/pendulum" -> MexMf.Config.pendulum();
            case "mex/sparse" -> MexMf.Config.sparse();
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

    /** An off-policy learner on one continuous-control env. */
    static OffPolicyLearner createOffPolicy(String algo, Record config, Env<float[], float[]> env, long seed) {
        try {
            return switch (check(algo)) {
                case "sac" -> new Sac.Learner((Sac.Config) config, env, seed);
                case "td3" -> new Td3.Learner((Td3.Config) config, env, seed);
                case "mdpo-off" -> new OffPolicyMdpo.Learner((OffPolicyMdpo.Config) config, env, seed);
                case "mex" -> MexMf.learner((MexMf.Config) config, env, seed);
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
