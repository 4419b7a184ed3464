package dev.proxima.envs;

import dev.proxima.core.env.AutoresetMode;
import dev.proxima.core.env.Env;
import dev.proxima.core.env.VectorEnv;
import dev.proxima.core.env.vector.SyncVectorEnv;
import dev.proxima.core.env.vector.ThreadedVectorEnv;
import dev.proxima.core.env.wrappers.RecordEpisodeStatistics;
import dev.proxima.core.env.wrappers.TimeLimit;
import dev.proxima.core.space.Box;
import dev.proxima.core.space.Discrete;
import dev.proxima.envs.classic.Acrobot;
import dev.proxima.envs.classic.CartPole;
import dev.proxima.envs.classic.MountainCar;
import dev.proxima.envs.classic.MountainCarContinuous;
import dev.proxima.envs.classic.Pendulum;
import dev.proxima.envs.mujoco.Ant;
import dev.proxima.envs.mujoco.HalfCheetah;
import dev.proxima.envs.mujoco.InvertedPendulum;
import dev.proxima.envs.mujoco.MjModel;
import dev.proxima.envs.mujoco.PlanarWalker;
import dev.proxima.envs.mujoco.Reacher;
import dev.proxima.envs.mujoco.Swimmer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds environments by id, with the time limit Gymnasium registers for each, so that
 * {@code Envs.make("CartPole-v1")} behaves like {@code gymnasium.make("CartPole-v1")} and returns
 * compare with published numbers.
 *
 * <p>The registry is a fixed table in code rather than entry-point strings: what an id builds is
 * visible here, and a typo fails with the list of known ids.
 */
public final class Envs {
    private record Spec(Supplier<Env<float[], ?>> factory, int maxEpisodeSteps, Double rewardThreshold) {}

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    static {
        SPECS.put(CartPole.ID, new Spec(CartPole::new, 500, 475.0));
        SPECS.put(Acrobot.ID, new Spec(Acrobot::new, 500, -100.0));
        SPECS.put(MountainCar.ID, new Spec(MountainCar::new, 200, -110.0));
        SPECS.put(MountainCarContinuous.ID, new Spec(MountainCarContinuous::new, 999, 90.0));
        SPECS.put(MountainCarContinuous.SPARSE_ID, new Spec(MountainCarContinuous::sparse, 999, null));
        SPECS.put(Pendulum.ID, new Spec(Pendulum::new, 200, null));
        // MuJoCo tasks (Gymnasium v4 definitions; need Debian's libmujoco2.2.2, see docs/mujoco.md).
        SPECS.put("Hopper-v4", new Spec(PlanarWalker::hopper, 1000, 3800.0));
        SPECS.put("Walker2d-v4", new Spec(PlanarWalker::walker2d, 1000, null));
        SPECS.put(HalfCheetah.ID, new Spec(HalfCheetah::new, 1000, 4800.0));
        SPECS.put(Ant.ID, new Spec(Ant::new, 1000, 6000.0));
        SPECS.put(Swimmer.ID, new Spec(Swimmer::new, 1000, 360.0));
        SPECS.put(Reacher.ID, new Spec(Reacher::new, 50, -3.75));
        SPECS.put("InvertedPendulum-v4", new Spec(InvertedPendulum::single, 1000, 950.0));
        SPECS.put("InvertedDoublePendulum-v4", new Spec(InvertedPendulum::twoPoles, 1000, 9100.0));
    }

    /** The MuJoCo tasks built on a given model, for {@link #makeMuJoCo}. */
    private static final Map<String, Function<MjModel, Env<float[], float[]>>> MUJOCO = new LinkedHashMap<>();

    static {
        MUJOCO.put("Hopper-v4", PlanarWalker::hopper);
        MUJOCO.put("Walker2d-v4", PlanarWalker::walker2d);
        MUJOCO.put(HalfCheetah.ID, HalfCheetah::new);
        MUJOCO.put(Ant.ID, Ant::new);
        MUJOCO.put(Swimmer.ID, Swimmer::new);
        MUJOCO.put(Reacher.ID, Reacher::new);
        MUJOCO.put("InvertedPendulum-v4", InvertedPendulum::single);
        MUJOCO.put("InvertedDoublePendulum-v4", InvertedPendulum::twoPoles);
    }

    private Envs() {}

    /** Whether {@code id} is one of the MuJoCo tasks. */
    public static boolean isMuJoCo(String id) {
        return MUJOCO.containsKey(id);
    }

    /**
     * The MuJoCo task {@code id} on the model in {@code xmlFile} instead of the shipped one
     * (Gymnasium's {@code xml_file}), inside its registered time limit.
     *
     * @throws IllegalArgumentException if {@code id} is not a MuJoCo task
     * @throws dev.proxima.envs.mujoco.MuJoCoException naming the file if the model does not load or
     *     does not fit the task
     */
    public static Env<float[], float[]> makeMuJoCo(String id, Path xmlFile) {
        Function<MjModel, Env<float[], float[]>> task = MUJOCO.get(id);
        if (task == null) {
            throw new IllegalArgumentException("a model file applies to the MuJoCo tasks only; '" + id
                    + "' is not one; allowed: " + String.join(", ", MUJOCO.keySet()));
        }
        MjModel model = MjModel.fromFile(xmlFile);
        try {
            return withTimeLimit(task.apply(model), spec(id).maxEpisodeSteps());
        } catch (RuntimeException e) {
            model.close();
            throw new dev.proxima.envs.mujoco.MuJoCoException("model file " + xmlFile + " does not fit " + id + ": "
                    + e.getMessage(), e);
        }
    }

    /** The registered ids, in a fixed order. */
    public static List<String> ids() {
        return List.copyOf(SPECS.keySet());
    }

    /** Gymnasium's {@code max_episode_steps} for {@code id}. */
    public static int maxEpisodeSteps(String id) {
        return spec(id).maxEpisodeSteps();
    }

    /**
     * Gymnasium's registered {@code reward_threshold} (the return at which the task counts as
     * solved), or null where Gymnasium registers none.
     */
    public static Double rewardThreshold(String id) {
        return spec(id).rewardThreshold();
    }

    /** The env registered as {@code id}, inside a {@link TimeLimit} of its registered length. */
    public static Env<float[], ?> make(String id) {
        Spec spec = spec(id);
        return withTimeLimit(spec.factory().get(), spec.maxEpisodeSteps());
    }

    /** {@link #make} for an env with a Discrete action space, typed for stepping with integers. */
    @SuppressWarnings("unchecked")
    public static Env<float[], Integer> makeDiscrete(String id) {
        Env<float[], ?> env = make(id);
        if (!(env.actionSpace() instanceof Discrete)) {
            throw new IllegalArgumentException(id + " has the continuous action space " + env.actionSpace()
                    + "; use makeContinuous");
        }
        return (Env<float[], Integer>) env;
    }

    /** {@link #make} for an env with a Box action space, typed for stepping with float arrays. */
    @SuppressWarnings("unchecked")
    public static Env<float[], float[]> makeContinuous(String id) {
        Env<float[], ?> env = make(id);
        if (!(env.actionSpace() instanceof Box)) {
            throw new IllegalArgumentException(id + " has the discrete action space " + env.actionSpace()
                    + "; use makeDiscrete");
        }
        return (Env<float[], float[]>) env;
    }

    /**
     * {@code numEnvs} copies of {@code make(id)}, each inside {@link RecordEpisodeStatistics} so the
     * vector steps report finished episodes' returns and lengths. With {@code threaded}, the copies
     * are stepped on up to one thread per available processor; results do not depend on it.
     */
    public static VectorEnv makeVector(String id, int numEnvs, AutoresetMode mode, boolean threaded) {
        spec(id); // fail on an unknown id before building anything
        if (!threaded) {
            return SyncVectorEnv.of(i -> recorded(make(id)), numEnvs, mode);
        }
        int threads = Math.min(numEnvs, Runtime.getRuntime().availableProcessors());
        return ThreadedVectorEnv.of(i -> recorded(make(id)), numEnvs, mode, threads);
    }

    private static <A> Env<float[], A> withTimeLimit(Env<float[], A> env, int maxEpisodeSteps) {
        return new TimeLimit<>(env, maxEpisodeSteps);
    }

    private static <A> Env<float[], A> recorded(Env<float[], A> env) {
        return new RecordEpisodeStatistics<>(env);
    }

    private static Spec spec(String id) {
        Spec spec = SPECS.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("unknown env '" + id + "'; allowed: " + String.join(", ", SPECS.keySet()));
        }
        return spec;
    }
}
