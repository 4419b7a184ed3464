package dev.proxima.rl.common;

import dev.proxima.core.env.Env;
import dev.proxima.core.env.Step;
import dev.proxima.core.tensor.Graph;
import java.util.function.Supplier;

/**
 * Deterministic evaluation: the policy's mode (argmax or Gaussian mean) on fresh env instances;
 * episode i resets with seed {@code seed + i}, so evaluations are reproducible and independent of
 * the training streams.
 */
public final class Evaluation {
    private Evaluation() {}

    /** Summary of the evaluation episodes' undiscounted returns. */
    public record Result(double mean, double std, double min, double max, int episodes) {}

    /** Offset added to the run seed for evaluation episodes, far from the training envs' seeds. */
    public static final long SEED_OFFSET = 1_000_000L;

    /** A deterministic policy as evaluation sees it: one env step from an observation. */
    @FunctionalInterface
    public interface Policy {
        Step<float[]> step(Env<float[], ?> env, float[] observation);
    }

    /**
     * Runs {@code episodes} episodes, each on a new env from {@code envFactory} (which should apply
     * the task's time limit), reset with seeds {@code seed, seed + 1, ...}.
     */
    @SuppressWarnings("unchecked")
    public static Result run(ActorCritic agent, Supplier<? extends Env<float[], ?>> envFactory, int episodes, long seed) {
        Graph g = Graph.inference();
        float[] obsBuf = new float[agent.observationSize()];
        int[] discrete = new int[1];
        float[] continuous = new float[agent.isDiscrete() ? 1 : agent.actionSize()];
        return run((env, obs) -> {
            System.arraycopy(obs, 0, obsBuf, 0, obsBuf.length);
            agent.act(g, obsBuf, 1, null, true, discrete, continuous, null, null);
            return agent.isDiscrete()
                    ? ((Env<float[], Integer>) env).step(discrete[0])
                    : ((Env<float[], float[]>) env).step(clip(continuous, env));
        }, envFactory, episodes, seed);
    }

    /** The same for an off-policy learner's deterministic continuous actions. */
    @SuppressWarnings("unchecked")
    public static Result run(OffPolicyLearner learner, Supplier<? extends Env<float[], ?>> envFactory, int episodes, long seed) {
        return run((env, obs) -> ((Env<float[], float[]>) env).step(clip(learner.act(obs), env)), envFactory, episodes, seed);
    }

    /** Runs {@code episodes} episodes of {@code policy} as {@link #run(ActorCritic, Supplier, int, long)} does. */
    public static Result run(Policy policy, Supplier<? extends Env<float[], ?>> envFactory, int episodes, long seed) {
        if (episodes <= 0) {
            throw new IllegalArgumentException("episodes must be > 0, was " + episodes);
        }
        double[] returns = new double[episodes];
        for (int i = 0; i < episodes; i++) {
            try (Env<float[], ?> env = envFactory.get()) {
                float[] obs = env.reset(seed + i).observation();
                double total = 0;
                while (true) {
                    Step<float[]> s = policy.step(env, obs);
                    total += s.reward();
                    if (s.done()) {
                        break;
                    }
                    obs = s.observation();
                }
                returns[i] = total;
            }
        }
        double mean = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double r : returns) {
            mean += r;
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        mean /= episodes;
        double var = 0;
        for (double r : returns) var += (r - mean) * (r - mean);
        return new Result(mean, Math.sqrt(var / episodes), min, max, episodes);
    }

    private static float[] clip(float[] action, Env<float[], ?> env) {
        var box = (dev.proxima.core.space.Box) env.actionSpace();
        float[] a = action.clone();
        for (int j = 0; j < a.length; j++) a[j] = Math.max(box.low(j), Math.min(box.high(j), a[j]));
        return a;
    }
}
