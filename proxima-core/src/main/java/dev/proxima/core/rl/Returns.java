package dev.proxima.core.rl;

/**
 * Return and advantage estimators over rollouts stored time-major: index {@code t * numEnvs + e}
 * is step t of sub-env e. Conventions (after rlax): {@code nextValues[i]} is V of the state that
 * followed step i — for a truncated episode the value of its final observation, for a terminated
 * one anything (it is multiplied by zero); {@code terminated[i]} stops bootstrapping,
 * {@code episodeEnded[i]} (terminated or truncated) stops the recursion from reaching into the
 * next episode.
 */
public final class Returns {
    private Returns() {}

    /**
     * Generalised advantage estimation (Schulman et al. 2016, eq. 16):
     * {@code δ_t = r_t + γ(1 − term_t)V(s_{t+1}) − V(s_t)},
     * {@code Â_t = δ_t + γλ(1 − end_t)Â_{t+1}}. The last step bootstraps through
     * {@code nextValues} only, i.e. Â_T = 0.
     *
     * @param advantages output {@code [T * numEnvs]}
     */
    public static void gae(float[] rewards, float[] values, float[] nextValues, boolean[] terminated,
                           boolean[] episodeEnded, int steps, int numEnvs, double gamma, double lambda,
                           float[] advantages) {
        int n = steps * numEnvs;
        check(rewards.length >= n && values.length >= n && nextValues.length >= n && terminated.length >= n
                && episodeEnded.length >= n && advantages.length >= n, steps, numEnvs);
        for (int e = 0; e < numEnvs; e++) {
            double next = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int i = t * numEnvs + e;
                double bootstrap = terminated[i] ? 0 : gamma * nextValues[i];
                double delta = rewards[i] + bootstrap - values[i];
                next = delta + (episodeEnded[i] ? 0 : gamma * lambda * next);
                advantages[i] = (float) next;
            }
        }
    }

    /**
     * Discounted return {@code G_t = r_t + γ(1 − end_t)G_{t+1}}, bootstrapped at the end of the
     * rollout and at truncations with {@code nextValues}: {@code G_t = r_t + γ·V(s_{t+1})} when
     * the episode was truncated at t, {@code r_t} when it terminated.
     */
    public static void discounted(float[] rewards, float[] nextValues, boolean[] terminated, boolean[] episodeEnded,
                                  int steps, int numEnvs, double gamma, float[] returns) {
        int n = steps * numEnvs;
        check(rewards.length >= n && nextValues.length >= n && terminated.length >= n && episodeEnded.length >= n
                && returns.length >= n, steps, numEnvs);
        for (int e = 0; e < numEnvs; e++) {
            double g = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int i = t * numEnvs + e;
                boolean lastOfRollout = t == steps - 1;
                double tail;
                if (terminated[i]) {
                    tail = 0;
                } else if (episodeEnded[i] || lastOfRollout) {
                    tail = nextValues[i];
                } else {
                    tail = g;
                }
                g = rewards[i] + gamma * tail;
                returns[i] = (float) g;
            }
        }
    }

    /** Discounted return of one finished episode, {@code Σ_t γ^t r_t}. */
    public static double discountedSum(double[] rewards, double gamma) {
        double g = 0;
        for (int t = rewards.length - 1; t >= 0; t--) {
            g = rewards[t] + gamma * g;
        }
        return g;
    }

    /** Standardises {@code x[0..n)} in place to mean 0 and standard deviation 1 (ε = 1e-8). */
    public static void standardize(float[] x, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) mean += x[i];
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) var += (x[i] - mean) * (x[i] - mean);
        // Sample standard deviation (n − 1), as torch.Tensor.std computes it in the reference PPO.
        double std = Math.sqrt(var / Math.max(1, n - 1));
        float m = (float) mean, inv = (float) (1 / (std + 1e-8));
        for (int i = 0; i < n; i++) x[i] = (x[i] - m) * inv;
    }

    /** Fraction of the variance of {@code targets} that {@code predictions} explain (1 − Var[y−ŷ]/Var[y]). */
    public static double explainedVariance(float[] predictions, float[] targets, int n) {
        double my = 0, mr = 0;
        for (int i = 0; i < n; i++) {
            my += targets[i];
            mr += targets[i] - predictions[i];
        }
        my /= n;
        mr /= n;
        double vy = 0, vr = 0;
        for (int i = 0; i < n; i++) {
            vy += (targets[i] - my) * (targets[i] - my);
            double r = targets[i] - predictions[i] - mr;
            vr += r * r;
        }
        return vy == 0 ? Double.NaN : 1 - vr / vy;
    }

    private static void check(boolean ok, int steps, int numEnvs) {
        if (!ok) {
            throw new IllegalArgumentException("rollout arrays must hold steps * numEnvs = " + steps + " * " + numEnvs
                    + " values");
        }
    }
}
