package dev.proxima.prefs.tabular;

import dev.proxima.core.rl.MirrorDescent;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.game.PreferenceMatrix;
import dev.proxima.prefs.game.Simplex;

/**
 * SPO in its tabular idealisation: self-play multiplicative weights on the preference game, whose
 * average iterate converges to the minimax winner (the symmetric Nash equilibrium of P − ½).
 *
 * <p>Paper: Swamy, Dann, Kidambi, Wu, Agarwal (2024), "A Minimaximalist Approach to Reinforcement
 * Learning from Human Feedback", arXiv:2401.04056; spec §2.14.
 *
 * <pre>
 *   sample reward (sequence version): r_i = (1/(K−1))·Σ_{j≠i} P(y_i ≻ y_j)   ({@link #winRateRewards})
 *   tabular:  π_0 uniform,  π_{t+1} ∝ π_t·exp(η·P(· ≻ π_t))   ({@link MirrorDescent#tabularStep}, α = 0)
 *   output:   π̄_T = (1/T)·Σ_{t=0}^{T−1} π_t
 *   Hedge bound with η = √(8·ln n / T):  max_y P(y ≻ π̄_T) − ½ ≤ √(ln n / (2T))
 * </pre>
 * The reward of a sample is its win-rate against the other samples; the tabular step is the exact
 * expectation of that reward, so self-play is Hedge against itself. The ln n term in the bound needs
 * the uniform start.
 *
 * <p>Departures: none for the tabular method. Not thread-safe.
 */
public final class Spo {
    /**
     * @param stepSize η > 0
     * @param samples  K ≥ 2 samples per prompt for {@link #winRateRewards} (ours: 8)
     */
    public record Config(double stepSize, int samples) {
        public Config {
            Checks.positive(stepSize, "stepSize");
            if (samples < 2) {
                throw new IllegalArgumentException("samples must be >= 2 (a win-rate needs opponents), was " + samples);
            }
        }

        /** η = √(8·ln n / T), the Hedge step for horizon T (spec §2.14), K = 8. */
        public static Config hedge(int n, int horizon) {
            Checks.positive(n, "n");
            Checks.positive(horizon, "horizon");
            return new Config(Math.sqrt(8 * Math.log(n) / horizon), 8);
        }
    }

    private final PreferenceMatrix p;
    private final Config config;
    private final double[] logPi, pi, values, sum;
    private int t;

    public Spo(PreferenceMatrix p, Config config) {
        int n = p.size();
        this.p = p;
        this.config = config;
        this.logPi = new double[n];
        java.util.Arrays.fill(logPi, -Math.log(n));
        this.pi = new double[n];
        this.values = new double[n];
        this.sum = new double[n];
    }

    /** Adds π_t to the average, then takes one self-play step. */
    public void iterate() {
        for (int i = 0; i < pi.length; i++) {
            pi[i] = Math.exp(logPi[i]);
            sum[i] += pi[i];
        }
        p.against(pi, values);
        MirrorDescent.tabularStep(logPi.clone(), values, config.stepSize(), 0, null, logPi);
        t++;
    }

    /** Runs {@code iterations} steps. */
    public void run(int iterations) {
        for (int i = 0; i < iterations; i++) iterate();
    }

    /** π̄_T = (1/T)·Σ_{t<T} π_t; requires at least one step. */
    public double[] averagePolicy() {
        if (t == 0) throw new IllegalStateException("averagePolicy needs at least one iterate() call");
        double[] avg = new double[sum.length];
        for (int i = 0; i < avg.length; i++) avg[i] = sum[i] / t;
        return avg;
    }

    /** The last iterate π_T. */
    public double[] policy() {
        return Simplex.exp(logPi);
    }

    /**
     * Win-rate rewards of K samples: r_i = (1/(K−1))·Σ_{j≠i} P(y_i ≻ y_j). A repeated response
     * counts as an opponent (tie, ½).
     */
    public static double[] winRateRewards(PreferenceMatrix p, int[] samples) {
        int k = samples.length;
        if (k < 2) throw new IllegalArgumentException("samples must hold >= 2 responses, had " + k);
        double[] r = new double[k];
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) if (j != i) s += p.get(samples[i], samples[j]);
            r[i] = s / (k - 1);
        }
        return r;
    }
}
