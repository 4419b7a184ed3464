package dev.proxima.bandits.lsd;

import dev.proxima.core.util.Checks;
import java.util.Arrays;

/**
 * A last-switch-dependent (LSD) bandit instance with known mean payoffs: k arms, each with a
 * last-switch state and a mean payoff for every state (spec seeds-control §5(a), "Model").
 *
 * <h2>States</h2>
 * An arm's state τ lies in {−τ_max, …, −1} ∪ {1, …, τ_max}:
 * <ul>
 *   <li>τ &gt; 0: the arm has been pulled τ consecutive rounds (capped at τ_max);</li>
 *   <li>τ &lt; 0: the arm has been idle |τ| rounds (capped at τ_max).</li>
 * </ul>
 * Every round exactly one arm is pulled. Pulling arm i in state τ pays mean μ_i(τ). Then the
 * pulled arm moves τ → (τ &gt; 0 ? min(τ+1, τ_max) : 1) and every other arm moves
 * τ → (τ &lt; 0 ? max(τ−1, −τ_max) : −1). Play starts with every arm fully rested at −τ_max.
 *
 * <h2>Monotonicity</h2>
 * The spec's reading of the paper's monotone payoffs [reconstructed]: deprivation
 * μ(−1) ≤ … ≤ μ(−τ_max) and satiation μ(1) ≥ … ≥ μ(τ_max). The planners do not need it, so the
 * model accepts any means in [0, 1] and reports {@link #isMonotone()}; the testbed generator only
 * produces monotone instances.
 *
 * <p>Immutable and thread-safe. Means are stored as {@code idle[i][b−1] = μ_i(−b)} and
 * {@code play[i][q−1] = μ_i(q)}.
 */
public final class LsdModel {
    private final int tauMax;
    private final double[][] idle;
    private final double[][] play;

    private LsdModel(double[][] idle, double[][] play) {
        this.idle = idle;
        this.play = play;
        this.tauMax = idle[0].length;
    }

    /**
     * A model from its mean tables, copied.
     *
     * @param idle {@code idle[i][b−1]} = μ_i(−b), b = 1..τ_max; every row the same length τ_max ≥ 1
     * @param play {@code play[i][q−1]} = μ_i(q), q = 1..τ_max; one row per arm, length τ_max
     * @throws IllegalArgumentException naming the arm and state of a mean outside [0, 1], or on
     *         ragged or empty tables
     */
    public static LsdModel of(double[][] idle, double[][] play) {
        Checks.require(idle != null && play != null, "idle and play mean tables must not be null");
        Checks.require(idle.length >= 1, "arms must be >= 1, was " + idle.length);
        Checks.require(play.length == idle.length,
                "play has " + play.length + " arms but idle has " + idle.length);
        int tauMax = idle[0] == null ? 0 : idle[0].length;
        Checks.positive(tauMax, "tauMax");
        double[][] idleCopy = new double[idle.length][];
        double[][] playCopy = new double[idle.length][];
        for (int i = 0; i < idle.length; i++) {
            Checks.require(idle[i] != null && idle[i].length == tauMax && play[i] != null
                    && play[i].length == tauMax, "arm " + i + " must have " + tauMax + " idle and play means");
            idleCopy[i] = idle[i].clone();
            playCopy[i] = play[i].clone();
            for (int s = 0; s < tauMax; s++) {
                Checks.inClosed(idleCopy[i][s], 0, 1, "mean of arm " + i + " in state " + (-(s + 1)));
                Checks.inClosed(playCopy[i][s], 0, 1, "mean of arm " + i + " in state " + (s + 1));
            }
        }
        return new LsdModel(idleCopy, playCopy);
    }

    /** A model whose every arm pays {@code mean[i]} in every state. */
    public static LsdModel constant(int tauMax, double... mean) {
        Checks.positive(tauMax, "tauMax");
        double[][] idle = new double[mean.length][tauMax];
        double[][] play = new double[mean.length][tauMax];
        for (int i = 0; i < mean.length; i++) {
            Arrays.fill(idle[i], mean[i]);
            Arrays.fill(play[i], mean[i]);
        }
        return of(idle, play);
    }

    public int arms() {
        return idle.length;
    }

    public int tauMax() {
        return tauMax;
    }

    /** μ_arm(state) for a state in ±{1..τ_max}. */
    public double mean(int arm, int state) {
        checkState(state);
        return state < 0 ? idle[arm][-state - 1] : play[arm][state - 1];
    }

    /** μ_arm(−b), b = 1..τ_max. */
    public double idleMean(int arm, int b) {
        return idle[arm][b - 1];
    }

    /** μ_arm(q), q = 1..τ_max. */
    public double playMean(int arm, int q) {
        return play[arm][q - 1];
    }

    /** Deprivation (non-decreasing in idle time) and satiation (non-increasing in play time) hold for every arm. */
    public boolean isMonotone() {
        for (int i = 0; i < arms(); i++) {
            for (int s = 1; s < tauMax; s++) {
                if (idle[i][s] < idle[i][s - 1] || play[i][s] > play[i][s - 1]) return false;
            }
        }
        return true;
    }

    /** The start of play: every arm fully rested, at −τ_max. */
    public int[] restedStates() {
        int[] states = new int[arms()];
        Arrays.fill(states, -tauMax);
        return states;
    }

    /** The state an arm moves to from {@code state} after a round in which it was or was not pulled. */
    public static int nextState(int state, boolean pulled, int tauMax) {
        if (pulled) return state > 0 ? Math.min(state + 1, tauMax) : 1;
        return state < 0 ? Math.max(state - 1, -tauMax) : -1;
    }

    /** Advances every arm's state in place after a round in which {@code pulled} was played. */
    public void advance(int[] states, int pulled) {
        for (int i = 0; i < states.length; i++) states[i] = nextState(states[i], i == pulled, tauMax);
    }

    /** The states after playing {@code pulled} from {@code states}; the argument is not changed. */
    public int[] next(int[] states, int pulled) {
        int[] out = states.clone();
        advance(out, pulled);
        return out;
    }

    /** The arm with the highest current mean; ties go to the lowest index. */
    public int greedyArm(int[] states) {
        int best = 0;
        for (int i = 1; i < states.length; i++) {
            if (mean(i, states[i]) > mean(best, states[best])) best = i;
        }
        return best;
    }

    private void checkState(int state) {
        if (state == 0 || Math.abs(state) > tauMax) {
            throw new IllegalArgumentException("state must be in ±{1.." + tauMax + "}, was " + state);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LsdModel[tauMax=" + tauMax);
        for (int i = 0; i < arms(); i++) {
            sb.append(", arm ").append(i).append(": idle ").append(Arrays.toString(idle[i]))
                    .append(" play ").append(Arrays.toString(play[i]));
        }
        return sb.append(']').toString();
    }
}
