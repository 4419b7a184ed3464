package dev.proxima.bandits.lsd;

import dev.proxima.core.util.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact optimal long-run average reward of a small LSD instance with known means: the
 * baseline the LP bound and the rounding are measured against (spec seeds-control §5(a), "Exact
 * baseline").
 *
 * <h2>Method</h2>
 * With known means the problem is a deterministic graph: a node is the vector of arm states
 * reachable from the all-rested start, an edge is a pull, weighted by the mean it pays. The best
 * long-run average is the maximum mean cycle reachable from the start, computed two ways that must
 * agree to {@link Config#agreementTolerance()}:
 * <pre>
 *   Karp (1978):  D_j(v) = heaviest walk of exactly j edges from the start to v
 *                 λ* = max_v min_{0≤j&lt;n} (D_n(v) − D_j(v)) / (n − j)
 *   relative value iteration, damped by ½ because LSD chains are periodic:
 *                 (Th)(s) = max_i [ μ_i(τ_i(s)) + h(next(s, i)) ]
 *                 h ← ½·h + ½·(Th − (Th)(s₀))   until span(Th − h) &lt; tolerance; gain = mid-range of Th − h
 * </pre>
 * Planning is NP-hard in general, so the graph is only built for tiny instances; a model whose
 * reachable graph exceeds {@link Config#maxStates()} is rejected.
 *
 * <h2>Implementation details</h2>
 * <ol>
 *   <li>The optimal cycle is read off by following the policy greedy in the converged h from the
 *       start until a state repeats.</li>
 *   <li>Disagreement between the two methods beyond the tolerance throws
 *       {@link IllegalStateException}: it means a bug, not a property of the instance.</li>
 * </ol>
 *
 * <p>Thread safety: stateless; {@link #solve} may be called from any thread.
 */
public final class LsdOptimum {
    private LsdOptimum() {}

    /**
     * Exact-solver settings.
     *
     * @param damping            weight of the old h in the damped update h ← d·h + (1−d)·(Th − Th(s₀));
     *                           in (0, 1) (spec: 0.5)
     * @param spanTolerance      stop relative value iteration once span(Th − h) is below it (spec: 1e-10)
     * @param agreementTolerance Karp and value iteration must agree to this (spec: 1e-8)
     * @param maxIterations      value-iteration sweeps before giving up (not in spec)
     * @param maxStates          largest reachable graph accepted; Karp stores (n+1)·n doubles (not in spec)
     */
    public record Config(double damping, double spanTolerance, double agreementTolerance, int maxIterations,
                         int maxStates) {
        public Config {
            Checks.require(damping > 0 && damping < 1, "damping must be in (0, 1), was " + damping);
            Checks.positive(spanTolerance, "spanTolerance");
            Checks.positive(agreementTolerance, "agreementTolerance");
            Checks.positive(maxIterations, "maxIterations");
            Checks.positive(maxStates, "maxStates");
        }

        /** Spec §5(a): damping ½, span &lt; 1e-10, agreement to 1e-8. */
        public static Config defaults() {
            return new Config(0.5, 1e-10, 1e-8, 1_000_000, 2_000);
        }
    }

    /**
     * The exact optimum.
     *
     * @param gain            the optimal long-run average reward (Karp's value)
     * @param valueIterationGain the same quantity by damped relative value iteration
     * @param reachableStates number of joint states reachable from the all-rested start
     * @param cycle           arms pulled around one optimal cycle, in order
     */
    public record Result(double gain, double valueIterationGain, int reachableStates, int[] cycle) {}

    /** The reachable joint-state graph: states, successors and edge rewards; node 0 is the start. */
    record Graph(int[][] states, int[][] next, double[][] reward) {
        int size() {
            return states.length;
        }
    }

    // ── 1. Solve ─────────────────────────────────────────────────────────────

    /** Solves {@code model} exactly. */
    public static Result solve(LsdModel model, Config config) {
        Graph graph = reachableGraph(model, config.maxStates());
        double karp = karp(graph);
        double[] h = new double[graph.size()];
        double rvi = relativeValueIteration(graph, h, config);
        if (Math.abs(karp - rvi) > config.agreementTolerance()) {
            throw new IllegalStateException("Karp gain " + karp + " and value-iteration gain " + rvi
                    + " differ by more than " + config.agreementTolerance() + " on " + model);
        }
        return new Result(karp, rvi, graph.size(), optimalCycle(graph, h));
    }

    /** Solves with {@link Config#defaults()}. */
    public static Result solve(LsdModel model) {
        return solve(model, Config.defaults());
    }

    // ── 2. The graph ─────────────────────────────────────────────────────────

    static Graph reachableGraph(LsdModel model, int maxStates) {
        int k = model.arms(), base = 2 * model.tauMax();
        // States are packed base 2·τ_max into a long key.
        Checks.require(k * Math.log(base) < 62 * Math.log(2), "too many arms to encode a joint state: " + k);
        Map<Long, Integer> index = new HashMap<>();
        List<int[]> states = new ArrayList<>();
        List<int[]> next = new ArrayList<>();
        List<double[]> reward = new ArrayList<>();
        int[] start = model.restedStates();
        index.put(key(start, model.tauMax()), 0);
        states.add(start);
        for (int s = 0; s < states.size(); s++) {
            int[] from = states.get(s);
            int[] succ = new int[k];
            double[] pay = new double[k];
            for (int i = 0; i < k; i++) {
                int[] to = model.next(from, i);
                Integer known = index.putIfAbsent(key(to, model.tauMax()), states.size());
                if (known == null) {
                    if (states.size() >= maxStates) {
                        throw new IllegalArgumentException("the reachable state graph exceeds maxStates = "
                                + maxStates + "; the exact optimum is only for tiny instances");
                    }
                    states.add(to);
                }
                succ[i] = known == null ? states.size() - 1 : known;
                pay[i] = model.mean(i, from[i]);
            }
            next.add(succ);
            reward.add(pay);
        }
        return new Graph(states.toArray(int[][]::new), next.toArray(int[][]::new), reward.toArray(double[][]::new));
    }

    private static long key(int[] states, int tauMax) {
        long key = 0;
        for (int s : states) key = key * (2L * tauMax) + (s < 0 ? tauMax + s : tauMax + s - 1);
        return key;
    }

    // ── 3. Karp's maximum mean cycle ─────────────────────────────────────────

    static double karp(Graph graph) {
        int n = graph.size();
        double[][] d = new double[n + 1][n];
        for (double[] row : d) Arrays.fill(row, Double.NEGATIVE_INFINITY);
        d[0][0] = 0;
        for (int j = 1; j <= n; j++) {
            for (int u = 0; u < n; u++) {
                if (d[j - 1][u] == Double.NEGATIVE_INFINITY) continue;
                for (int i = 0; i < graph.next()[u].length; i++) {
                    int v = graph.next()[u][i];
                    d[j][v] = Math.max(d[j][v], d[j - 1][u] + graph.reward()[u][i]);
                }
            }
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < n; v++) {
            if (d[n][v] == Double.NEGATIVE_INFINITY) continue;
            double worst = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (d[j][v] != Double.NEGATIVE_INFINITY) worst = Math.min(worst, (d[n][v] - d[j][v]) / (n - j));
            }
            best = Math.max(best, worst);
        }
        return best;
    }

    // ── 4. Damped relative value iteration ───────────────────────────────────

    /** Runs value iteration on {@code h} in place; returns the gain. */
    static double relativeValueIteration(Graph graph, double[] h, Config config) {
        int n = graph.size();
        double[] th = new double[n];
        for (int iteration = 0; iteration < config.maxIterations(); iteration++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < n; s++) {
                th[s] = backup(graph, h, s);
                lo = Math.min(lo, th[s] - h[s]);
                hi = Math.max(hi, th[s] - h[s]);
            }
            if (hi - lo < config.spanTolerance()) return 0.5 * (lo + hi);
            double offset = th[0];
            for (int s = 0; s < n; s++) h[s] = config.damping() * h[s] + (1 - config.damping()) * (th[s] - offset);
        }
        throw new IllegalStateException("relative value iteration did not reach span "
                + config.spanTolerance() + " in " + config.maxIterations() + " sweeps");
    }

    private static double backup(Graph graph, double[] h, int s) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < graph.next()[s].length; i++) best = Math.max(best, actionValue(graph, h, s, i));
        return best;
    }

    private static double actionValue(Graph graph, double[] h, int s, int arm) {
        return graph.reward()[s][arm] + h[graph.next()[s][arm]];
    }

    private static int[] optimalCycle(Graph graph, double[] h) {
        int[] firstVisit = new int[graph.size()];
        Arrays.fill(firstVisit, -1);
        List<Integer> arms = new ArrayList<>();
        int s = 0;
        while (firstVisit[s] < 0) {
            firstVisit[s] = arms.size();
            int choice = 0;
            for (int i = 1; i < graph.next()[s].length; i++) {
                if (actionValue(graph, h, s, i) > actionValue(graph, h, s, choice)) choice = i;
            }
            arms.add(choice);
            s = graph.next()[s][choice];
        }
        return arms.subList(firstVisit[s], arms.size()).stream().mapToInt(Integer::intValue).toArray();
    }
}
