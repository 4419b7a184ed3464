package dev.proxima.cli;

import dev.proxima.core.env.Env;
import dev.proxima.core.env.Step;
import dev.proxima.core.tensor.Graph;
import dev.proxima.envs.Envs;
import dev.proxima.rl.common.ActorCritic;

/**
 * Deterministic evaluation: the policy's mode (argmax or Gaussian mean) on fresh env instances;
 * episode i resets with seed {@code seed + i}, so evaluations are reproducible and independent of
 * the training streams.
 */
final class Evaluation {
    private Evaluation() {}

    record Result(double mean, double std, double min, double max, int episodes) {}

    /** Offset added to the run seed for evaluation episodes, far from the training envs' seeds. */
    static final long SEED_OFFSET = 1_000_000L;

    @SuppressWarnings("unchecked")
    static Result run(ActorCritic agent, String envId, int episodes, long seed) {
        double[] returns = new double[episodes];
        Graph g = Graph.inference();
        float[] obsBuf = new float[agent.observationSize()];
        int[] discrete = new int[1];
        float[] continuous = new float[agent.isDiscrete() ? 1 : agent.actionSize()];
        for (int i = 0; i < episodes; i++) {
            try (Env<float[], ?> env = Envs.make(envId)) {
                float[] obs = env.reset(seed + i).observation();
                double total = 0;
                while (true) {
                    System.arraycopy(obs, 0, obsBuf, 0, obsBuf.length);
                    agent.act(g, obsBuf, 1, null, true, discrete, continuous, null, null);
                    Step<float[]> s = agent.isDiscrete()
                            ? ((Env<float[], Integer>) env).step(discrete[0])
                            : ((Env<float[], float[]>) env).step(clip(continuous, env));
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
