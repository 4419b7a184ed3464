package dev.proxima.bandits.lsd;

import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;
import java.util.Arrays;

/**
 * The LSD testbed of spec §5(b): random monotone instances, and the hand-made instance that
 * needs the LP's steady-state variable (§5(c)).
 *
 * <h2>Generator (per arm, in arm order)</h2>
 * <pre>
 *   base ~ U(0.2, 1)
 *   idle means: τ_max draws U(0,1), sorted ascending, times base   → μ(−1) ≤ μ(−2) ≤ … ≤ μ(−τ_max)
 *   play means: τ_max draws U(0,1), sorted descending, times μ(−1) → μ(1) ≥ μ(2) ≥ … ≥ μ(τ_max)
 * </pre>
 * All draws come from {@code Rng.of(seed)} in exactly that order: base, the τ_max idle draws, the
 * τ_max play draws, then the next arm. The spec does not fix a draw order (its prototype was NumPy),
 * so our instance with seed s is not the prototype's; only the distribution is the same.
 */
public final class LsdInstances {
    /** Arms of the standard testbed (spec §5(b)). */
    public static final int STANDARD_ARMS = 3;
    /** τ_max of the standard testbed (spec §5(b)). */
    public static final int STANDARD_TAU_MAX = 3;
    /** Number of standard instances; their seeds are 0 … 14 (spec §5(b)). */
    public static final int STANDARD_COUNT = 15;

    private LsdInstances() {}

    /** The random monotone instance with the given seed, k arms and cap τ_max. */
    public static LsdModel generate(long seed, int arms, int tauMax) {
        Checks.positive(arms, "arms");
        Checks.positive(tauMax, "tauMax");
        Rng rng = Rng.of(seed);
        double[][] idle = new double[arms][tauMax];
        double[][] play = new double[arms][tauMax];
        for (int i = 0; i < arms; i++) {
            double base = rng.uniform(0.2, 1.0);
            double[] u = draws(rng, tauMax);
            for (int b = 0; b < tauMax; b++) idle[i][b] = u[b] * base;
            double[] v = draws(rng, tauMax);
            // Sorted ascending, so reading it backwards gives the descending satiation profile.
            for (int q = 0; q < tauMax; q++) play[i][q] = v[tauMax - 1 - q] * idle[i][0];
        }
        return LsdModel.of(idle, play);
    }

    /** Standard instance number {@code index}: seed = index, k = 3, τ_max = 3. */
    public static LsdModel standard(int index) {
        Checks.nonNegative(index, "index");
        return generate(index, STANDARD_ARMS, STANDARD_TAU_MAX);
    }

    /**
     * The steady-pattern regression instance of spec §5(c): k = 2, τ_max = 3, arm 0 pays 1 in every
     * state and arm 1 pays 0. Always pulling arm 0 earns 1 per round; without the steady-state
     * variable y the block LP can only reach 0.9 and stops being an upper bound.
     */
    public static LsdModel steadyPatternRegression() {
        return LsdModel.constant(3, 1.0, 0.0);
    }

    private static double[] draws(Rng rng, int n) {
        double[] u = new double[n];
        for (int j = 0; j < n; j++) u[j] = rng.nextDouble();
        Arrays.sort(u);
        return u;
    }
}
