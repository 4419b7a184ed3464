package dev.proxima.games.cfr;

import dev.proxima.core.game.State;
import dev.proxima.games.tree.GameTree;
import dev.proxima.games.tree.TabularPolicy;
import java.util.Arrays;

/**
 * Counterfactual regret minimisation and CFR+, the standard baselines for equilibrium finding.
 *
 * <p>Papers: Zinkevich, Johanson, Bowling, Piccione (2007), "Regret Minimization in Games with
 * Incomplete Information" (CFR); Tammelin (2014), "Solving Large Imperfect Information Games
 * Using CFR+", arXiv:1407.5042. Presets follow OpenSpiel's {@code CFRSolver} and
 * {@code CFRPlusSolver}.
 *
 * <h2>Update (iteration t, updating player p)</h2>
 * <pre>
 *   r_t(I, a)   = π_{−p}(h)·(v_p(h·a) − v_p(h))            summed over h ∈ I   (counterfactual regret)
 *   R(I, a)    += r_t(I, a);           CFR+: R(I, a) ← max(R(I, a), 0) after the pass
 *   S(I, a)    += w_t·π_p(h)·σ(I, a)   summed over h ∈ I,  w_t = 1 (uniform) or t (linear averaging)
 *   σ(I, ·)     ∝ max(R(I, ·), 0), uniform when no regret is positive           (regret matching)
 * </pre>
 * The reported solution is the average policy S normalised (uniform where S is zero).
 *
 * <h2>Implementation details</h2>
 * <ol>
 *   <li>Alternating updates (player 0's pass, then player 1's with player 0's new policy), as
 *       OpenSpiel's default; {@link Config#alternatingUpdates()} false updates both players from
 *       the same policy.</li>
 *   <li>The iteration counter starts at 1, so linear averaging weighs iteration t by t.</li>
 *   <li>Each pass is three sweeps over the flattened tree (reach top-down, values bottom-up,
 *       regret accumulation), allocation-free.</li>
 * </ol>
 */
public final class Cfr {
    /**
     * @param regretMatchingPlus clip cumulative regrets at 0 after every pass (CFR+)
     * @param linearAveraging    weigh iteration t's policy by t in the average (CFR+)
     * @param alternatingUpdates update players one after the other within an iteration
     */
    public record Config(boolean regretMatchingPlus, boolean linearAveraging, boolean alternatingUpdates) {
        /** Vanilla CFR: regret matching, uniform averaging, alternating updates (OpenSpiel's CFRSolver). */
        public static Config cfr() {
            return new Config(false, false, true);
        }

        /** CFR+: regret matching+, linear averaging, alternating updates (OpenSpiel's CFRPlusSolver). */
        public static Config cfrPlus() {
            return new Config(true, true, true);
        }
    }

    private final GameTree tree;
    private final Config config;
    private final TabularPolicy current;
    private final double[][] regret;
    private final double[][] policySum;
    private final double[] reachSelf;
    private final double[] reachOthers;
    private final double[] value;
    private int iteration;

    public Cfr(GameTree tree, Config config) {
        if (tree.numPlayers() != 2) {
            throw new IllegalArgumentException("CFR here solves two-player games; " + tree.game().name() + " has "
                    + tree.numPlayers() + " players");
        }
        this.tree = tree;
        this.config = config;
        this.current = TabularPolicy.uniform(tree);
        this.regret = new double[tree.numInfosets()][];
        this.policySum = new double[tree.numInfosets()][];
        for (int i = 0; i < regret.length; i++) {
            regret[i] = new double[tree.numActions(i)];
            policySum[i] = new double[tree.numActions(i)];
        }
        this.reachSelf = new double[tree.numNodes()];
        this.reachOthers = new double[tree.numNodes()];
        this.value = new double[tree.numNodes()];
    }

    /** One iteration: a regret pass for each player. */
    public void iterate() {
        iteration++;
        if (config.alternatingUpdates()) {
            for (int p = 0; p < 2; p++) {
                pass(p);
                finishPass(p);
            }
        } else {
            pass(0);
            pass(1);
            finishPass(0);
            finishPass(1);
        }
    }

    private void finishPass(int p) {
        for (int set = 0; set < regret.length; set++) {
            if (tree.infosetPlayer(set) != p) {
                continue;
            }
            if (config.regretMatchingPlus()) {
                for (int k = 0; k < regret[set].length; k++) regret[set][k] = Math.max(0, regret[set][k]);
            }
            regretMatching(regret[set], current.at(set));
        }
    }

    /** σ ∝ positive part of the regrets, uniform when none is positive. */
    static void regretMatching(double[] regrets, double[] out) {
        double sum = 0;
        for (double r : regrets) sum += Math.max(r, 0);
        for (int k = 0; k < out.length; k++) {
            out[k] = sum > 0 ? Math.max(regrets[k], 0) / sum : 1.0 / out.length;
        }
    }

    private void pass(int p) {
        int n = tree.numNodes();
        reachSelf[0] = 1;
        reachOthers[0] = 1;
        for (int node = 0; node < n; node++) {
            int q = tree.player(node);
            for (int k = 0; k < tree.numChildren(node); k++) {
                int c = tree.child(node, k);
                reachSelf[c] = reachSelf[node];
                reachOthers[c] = reachOthers[node];
                if (q == State.CHANCE) {
                    reachOthers[c] *= tree.chanceProbability(node, k);
                } else if (q == p) {
                    reachSelf[c] *= current.probability(tree.infoset(node), k);
                } else if (q >= 0) {
                    reachOthers[c] *= current.probability(tree.infoset(node), k);
                }
            }
        }
        double weight = config.linearAveraging() ? iteration : 1;
        for (int node = n - 1; node >= 0; node--) {
            int q = tree.player(node);
            if (q == State.TERMINAL) {
                value[node] = tree.returns(node)[p];
                continue;
            }
            double v = 0;
            for (int k = 0; k < tree.numChildren(node); k++) {
                double w = q == State.CHANCE ? tree.chanceProbability(node, k) : current.probability(tree.infoset(node), k);
                v += w * value[tree.child(node, k)];
            }
            value[node] = v;
            if (q == p) {
                int set = tree.infoset(node);
                double[] sigma = current.at(set), r = regret[set], s = policySum[set];
                for (int k = 0; k < r.length; k++) {
                    r[k] += reachOthers[node] * (value[tree.child(node, k)] - v);
                    s[k] += weight * reachSelf[node] * sigma[k];
                }
            }
        }
    }

    /** The normalised average policy, the quantity whose exploitability CFR drives to zero. */
    public TabularPolicy averagePolicy() {
        TabularPolicy avg = TabularPolicy.uniform(tree);
        for (int set = 0; set < policySum.length; set++) {
            double sum = Arrays.stream(policySum[set]).sum();
            if (sum > 0) {
                double[] p = avg.at(set);
                for (int k = 0; k < p.length; k++) p[k] = policySum[set][k] / sum;
            }
        }
        return avg;
    }

    /** A copy of the current (regret-matching) policy. */
    public TabularPolicy currentPolicy() {
        return current.copy();
    }

    public int iteration() {
        return iteration;
    }

    public Config config() {
        return config;
    }
}
