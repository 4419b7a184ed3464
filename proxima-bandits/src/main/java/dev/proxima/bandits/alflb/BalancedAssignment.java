package dev.proxima.bandits.alflb;

import dev.proxima.core.util.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * The exact optimum of the balanced assignment LP of spec §14(a), the reference the balancers are
 * measured against:
 * <pre>
 *   max Σ_{t,i} s_{t,i}·x_{t,i}   s.t.  Σ_i x_{t,i} = K,  Σ_t x_{t,i} ≤ L,  0 ≤ x ≤ 1.
 * </pre>
 * By LP duality its value equals min_b D(b), so D(b) ≥ optimum for every bias b.
 *
 * <p>{@link #solve} computes it as a min-cost flow (the spec's preferred route; the constraint
 * matrix is totally unimodular, so the optimum is integral). It starts from unbiased greedy
 * routing, which is optimal for its own loads, and repeatedly moves one unit of load from an
 * overloaded to an underloaded expert along a cheapest chain of token moves (successive shortest
 * paths). A chain step "token t leaves expert i for expert j" costs s_{t,i} − s_{t,j}; the cheapest
 * such move for every expert pair gives a dense N-node graph, searched by Bellman–Ford since costs
 * can be negative. The work is (total overload)·O(B·K·N + N³), so a 1024-token batch takes
 * milliseconds. {@link #linearProgram} solves the same LP with commons-math3's
 * {@link SimplexSolver}; it is slow beyond a few dozen tokens and serves as a cross-check.
 */
public final class BalancedAssignment {
    private BalancedAssignment() {}

    /**
     * @param selected the K experts of each token, {@code selected[t·K + j]}
     * @param score    Σ of s over the assignment (the LP value)
     * @param loads    c_i, each equal to L
     */
    public record Assignment(int[] selected, double score, int[] loads) {}

    /** The balanced optimum by min-cost flow; needs K·B divisible by N so that L is an integer. */
    public static Assignment solve(Routing.Batch batch, int topK) {
        int n = batch.experts(), b = batch.tokens();
        Checks.require((long) topK * b % n == 0,
                "K·B must be divisible by N for an integral balanced load, were K=" + topK + ", B=" + b + ", N=" + n);
        int target = topK * b / n;
        int[] selected = Routing.select(batch, null, topK, new int[b * topK]);
        int[] loads = Routing.loads(selected, n, new int[n]);
        boolean[] member = new boolean[b * n];
        for (int k = 0; k < selected.length; k++) member[(k / topK) * n + selected[k]] = true;
        double[][] cost = new double[n][n];
        int[][] via = new int[n][n];
        while (true) {
            boolean anyOver = false;
            for (int i = 0; i < n; i++) anyOver |= loads[i] > target;
            if (!anyOver) break;
            cheapestMoves(batch, topK, selected, member, cost, via);
            augment(batch, topK, selected, member, loads, target, cost, via);
        }
        return new Assignment(selected, Routing.selectedScore(batch, selected, topK), loads);
    }

    /** For every expert pair (i, j): the token whose move from i to j loses the least score. */
    private static void cheapestMoves(Routing.Batch batch, int topK, int[] selected, boolean[] member,
                                      double[][] cost, int[][] via) {
        int n = batch.experts();
        for (double[] row : cost) Arrays.fill(row, Double.POSITIVE_INFINITY);
        double[] s = batch.raw();
        for (int t = 0; t < batch.tokens(); t++) {
            for (int k = 0; k < topK; k++) {
                int i = selected[t * topK + k];
                double si = s[t * n + i];
                for (int j = 0; j < n; j++) {
                    if (member[t * n + j]) continue;
                    double c = si - s[t * n + j];
                    if (c < cost[i][j]) {
                        cost[i][j] = c;
                        via[i][j] = t;
                    }
                }
            }
        }
    }

    /** One unit along the cheapest chain from any overloaded expert to an underloaded one. */
    private static void augment(Routing.Batch batch, int topK, int[] selected, boolean[] member, int[] loads,
                                int target, double[][] cost, int[][] via) {
        int n = batch.experts();
        double[] dist = new double[n];
        int[] pred = new int[n];
        Arrays.fill(pred, -1);
        for (int i = 0; i < n; i++) dist[i] = loads[i] > target ? 0 : Double.POSITIVE_INFINITY;
        for (int round = 0; round < n; round++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                if (dist[i] == Double.POSITIVE_INFINITY) continue;
                for (int j = 0; j < n; j++) {
                    double d = dist[i] + cost[i][j];
                    if (d < dist[j] - 1e-15) {
                        dist[j] = d;
                        pred[j] = i;
                        changed = true;
                    }
                }
            }
            if (!changed) break;
            if (round == n - 1) throw new IllegalStateException("negative cycle: the assignment lost optimality");
        }
        int end = -1;
        for (int j = 0; j < n; j++) {
            if (loads[j] < target && dist[j] < Double.POSITIVE_INFINITY && (end < 0 || dist[j] < dist[end])) end = j;
        }
        if (end < 0) throw new IllegalStateException("no underloaded expert is reachable");
        // Walk back to the root of the shortest-path tree, an overloaded expert that was never
        // relaxed. Experts in between keep their load: each passes one token on and receives one.
        int j = end;
        while (pred[j] >= 0) {
            int i = pred[j];
            move(n, topK, selected, member, via[i][j], i, j);
            j = i;
        }
        loads[end]++;
        loads[j]--;
    }

    private static void move(int n, int topK, int[] selected, boolean[] member, int token, int from, int to) {
        for (int k = 0; k < topK; k++) {
            if (selected[token * topK + k] == from) {
                selected[token * topK + k] = to;
                member[token * n + from] = false;
                member[token * n + to] = true;
                return;
            }
        }
        throw new IllegalStateException("token " + token + " is not on expert " + from);
    }

    /**
     * The LP value by commons-math3's simplex method: B·N variables, B + N + B·N constraints.
     * Use it for small batches only (64 tokens × 16 experts already takes seconds).
     */
    public static double linearProgram(Routing.Batch batch, int topK) {
        int n = batch.experts(), b = batch.tokens(), vars = b * n;
        double target = Routing.targetLoad(topK, b, n);
        double[] objective = new double[vars];
        for (int t = 0; t < b; t++) {
            for (int i = 0; i < n; i++) objective[t * n + i] = batch.score(t, i);
        }
        List<LinearConstraint> constraints = new ArrayList<>();
        for (int t = 0; t < b; t++) {
            double[] row = new double[vars];
            for (int i = 0; i < n; i++) row[t * n + i] = 1;
            constraints.add(new LinearConstraint(row, Relationship.EQ, topK));
        }
        for (int i = 0; i < n; i++) {
            double[] row = new double[vars];
            for (int t = 0; t < b; t++) row[t * n + i] = 1;
            constraints.add(new LinearConstraint(row, Relationship.LEQ, target));
        }
        for (int v = 0; v < vars; v++) {
            double[] row = new double[vars];
            row[v] = 1;
            constraints.add(new LinearConstraint(row, Relationship.LEQ, 1));
        }
        PointValuePair solution = new SimplexSolver().optimize(new MaxIter(1_000_000),
                new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints),
                GoalType.MAXIMIZE, new NonNegativeConstraint(true));
        return solution.getValue();
    }
}
