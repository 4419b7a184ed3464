package dev.proxima.bandits.lsd;

import dev.proxima.core.util.Checks;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * The block-pattern LP relaxation of an LSD bandit: an upper bound on the best long-run average
 * reward, and the plan the rounding policy ({@link VirtualScheduleRounding}) executes.
 *
 * <p>Paper: Foussoul, Goyal, Papadigenopoulos, Zeevi (2023), "Last Switch Dependent Bandits with
 * Monotone Payoff Functions", NeurIPS 2023. The abstract names a "higher-dimensional relaxation";
 * the concrete relaxation below is <b>a reconstruction</b> (spec seeds-control §5(a)), not the
 * paper's formulation.
 *
 * <h2>Relaxation</h2>
 * Each arm's timeline is cut into blocks: idle b rounds, then pulled a consecutive rounds. Block
 * (a, b) pays R_i(a, b) = μ_i(−b) + Σ_{q=1}^{a−1} μ_i(min(q, τ_max)). Variables, all ≥ 0:
 * x_i(a, b) blocks per round (a = 1..A_max, b = 1..τ_max), and y_i, the share of rounds arm i is
 * pulled in steady state at τ_max.
 * <pre>
 *   maximise   Σ_i [ Σ_{a,b} R_i(a,b)·x_i(a,b) + μ_i(τ_max)·y_i ]
 *   subject to Σ_i [ Σ_{a,b} a·x_i(a,b) + y_i ] ≤ 1                 (one pull per round)
 *              Σ_{a,b} (a+b)·x_i(a,b) + y_i ≤ 1   for every arm i   (each arm's own time)
 * </pre>
 * Any periodic schedule maps onto a feasible point with the same value: idle runs longer than τ_max
 * leave the arm at −τ_max, so the part beyond τ_max is own-time slack; pull runs longer than A_max
 * keep their first A_max pulls as a block and count the rest in y. Hence the value bounds the
 * optimum from above.
 *
 * <h2>Implementation details</h2>
 * <ol>
 *   <li>A_max = {@link Config#maxRunFactor()}·τ_max (spec: 3·τ_max).</li>
 *   <li>y can be switched off ({@link Config#steadyState()}) only to show why it is there: without
 *       it an arm is pulled at most A_max/(A_max+1) of the rounds, and "always pull the best arm"
 *       is no longer representable (spec §5(c) regression instance).</li>
 *   <li>Solved by commons-math3 {@link SimplexSolver} with Bland's rule, which cannot cycle on
 *       this very degenerate LP (1 + k rows, A_max·τ_max + 1 columns per arm).</li>
 *   <li>Solver round-off below {@link Config#zeroTolerance()} is set to zero in the solution, so
 *       the rounding never draws a pattern the LP did not choose.</li>
 * </ol>
 *
 * <p>Thread safety: stateless; {@link #solve} may be called from any thread.
 */
public final class BlockLp {
    private BlockLp() {}

    // ── 1. Configuration ─────────────────────────────────────────────────────

    /**
     * LP settings.
     *
     * @param maxRunFactor  A_max / τ_max, the longest pull run that is its own block; ≥ 1 (spec §5(a): 3)
     * @param steadyState   include the steady-state variables y_i (spec §5(a): yes; false only for
     *                      the regression test)
     * @param maxIterations simplex pivot budget (not in spec; the standard LP needs well under 1 000)
     * @param zeroTolerance solution entries below this are treated as zero; in [0, 1e-6] (not in spec)
     */
    public record Config(int maxRunFactor, boolean steadyState, int maxIterations, double zeroTolerance) {
        public Config {
            Checks.positive(maxRunFactor, "maxRunFactor");
            Checks.positive(maxIterations, "maxIterations");
            Checks.inClosed(zeroTolerance, 0, 1e-6, "zeroTolerance");
        }

        /** Spec §5(a): A_max = 3·τ_max, with the steady-state variable. */
        public static Config defaults() {
            return new Config(3, true, 100_000, 1e-12);
        }

        public Config withSteadyState(boolean steadyState) {
            return new Config(maxRunFactor, steadyState, maxIterations, zeroTolerance);
        }

        /** A_max for a given τ_max. */
        public int maxRun(int tauMax) {
            return maxRunFactor * tauMax;
        }
    }

    /**
     * An optimal LP point.
     *
     * @param value  the LP optimum (an upper bound on the optimal long-run average reward)
     * @param blocks {@code blocks[i][a−1][b−1]} = x_i(a, b)
     * @param steady {@code steady[i]} = y_i (all zero when the variable is switched off)
     * @param tauMax τ_max of the model solved
     */
    public record Solution(double value, double[][][] blocks, double[] steady, int tauMax) {
        public int arms() {
            return steady.length;
        }

        /** A_max, the longest block run. */
        public int maxRun() {
            return blocks[0].length;
        }

        /** x_arm(a, b). */
        public double block(int arm, int a, int b) {
            return blocks[arm][a - 1][b - 1];
        }

        /** y_arm. */
        public double steady(int arm) {
            return steady[arm];
        }

        /** Own-time slack s_i = 1 − Σ (a+b)·x_i(a,b) − y_i, clipped at 0 against round-off. */
        public double slack(int arm) {
            return Math.max(0, 1 - ownTime(arm));
        }

        /** Share of rounds the plan pulls {@code arm}: Σ a·x_i(a,b) + y_i. */
        public double pullRate(int arm) {
            double rate = steady[arm];
            for (int a = 1; a <= maxRun(); a++) {
                for (int b = 1; b <= tauMax; b++) rate += a * block(arm, a, b);
            }
            return rate;
        }

        private double ownTime(int arm) {
            double time = steady[arm];
            for (int a = 1; a <= maxRun(); a++) {
                for (int b = 1; b <= tauMax; b++) time += (a + b) * block(arm, a, b);
            }
            return time;
        }
    }

    // ── 2. Block reward (the only place R_i(a, b) is written) ────────────────

    /** R_arm(a, b) = μ(−b) + Σ_{q=1}^{a−1} μ(min(q, τ_max)): idle b rounds, then pull a rounds. */
    public static double blockReward(LsdModel model, int arm, int a, int b) {
        Checks.positive(a, "a");
        Checks.require(b >= 1 && b <= model.tauMax(), "b must be in [1, " + model.tauMax() + "], was " + b);
        double reward = model.idleMean(arm, b);
        for (int q = 1; q < a; q++) reward += model.playMean(arm, Math.min(q, model.tauMax()));
        return reward;
    }

    // ── 3. Solve ─────────────────────────────────────────────────────────────

    /** Builds and solves the relaxation of {@code model}. */
    public static Solution solve(LsdModel model, Config config) {
        int k = model.arms(), tauMax = model.tauMax(), maxRun = config.maxRun(tauMax);
        int perArm = maxRun * tauMax + (config.steadyState() ? 1 : 0);
        int n = k * perArm;
        double[] objective = new double[n];
        double[] pulls = new double[n];
        double[][] ownTime = new double[k][n];
        for (int i = 0; i < k; i++) {
            for (int a = 1; a <= maxRun; a++) {
                for (int b = 1; b <= tauMax; b++) {
                    int v = column(i, a, b, perArm, tauMax);
                    objective[v] = blockReward(model, i, a, b);
                    pulls[v] = a;
                    ownTime[i][v] = a + b;
                }
            }
            if (config.steadyState()) {
                int v = i * perArm + perArm - 1;
                objective[v] = model.playMean(i, tauMax);
                pulls[v] = 1;
                ownTime[i][v] = 1;
            }
        }
        List<LinearConstraint> rows = new ArrayList<>();
        rows.add(new LinearConstraint(pulls, Relationship.LEQ, 1.0));
        for (int i = 0; i < k; i++) rows.add(new LinearConstraint(ownTime[i], Relationship.LEQ, 1.0));
        PointValuePair optimum = new SimplexSolver().optimize(new MaxIter(config.maxIterations()),
                new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(rows),
                GoalType.MAXIMIZE, new NonNegativeConstraint(true), PivotSelectionRule.BLAND);
        return unpack(optimum.getPoint(), objective, k, tauMax, maxRun, perArm, config);
    }

    /** Solves with {@link Config#defaults()}. */
    public static Solution solve(LsdModel model) {
        return solve(model, Config.defaults());
    }

    // ── 4. Helpers ───────────────────────────────────────────────────────────

    private static int column(int arm, int a, int b, int perArm, int tauMax) {
        return arm * perArm + (a - 1) * tauMax + (b - 1);
    }

    private static Solution unpack(double[] point, double[] objective, int k, int tauMax, int maxRun,
                                   int perArm, Config config) {
        double[][][] blocks = new double[k][maxRun][tauMax];
        double[] steady = new double[k];
        double value = 0;
        for (int v = 0; v < point.length; v++) {
            // The simplex may return −1e-17 for a zero variable; such noise is not a plan.
            double x = point[v] < config.zeroTolerance() ? 0 : point[v];
            value += objective[v] * x;
            int arm = v / perArm, local = v % perArm;
            if (config.steadyState() && local == perArm - 1) {
                steady[arm] = x;
            } else {
                blocks[arm][local / tauMax][local % tauMax] = x;
            }
        }
        return new Solution(value, blocks, steady, tauMax);
    }
}
