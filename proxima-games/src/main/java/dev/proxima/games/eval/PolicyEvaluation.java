package dev.proxima.games.eval;

import dev.proxima.core.game.State;
import dev.proxima.games.tree.GameTree;
import dev.proxima.games.tree.TabularPolicy;
import java.util.Arrays;

/**
 * Exact evaluation of tabular policies by sweeps over a {@link GameTree}: reach probabilities,
 * expected values, information-state action values, best responses and NashConv.
 *
 * <p><b>Exploitability</b> is NashConv divided by the number of players; for two-player zero-sum
 * games this is {@code (BR₀(π₁) + BR₁(π₀)) / 2}, the convention of OpenSpiel and of our specs.
 */
public final class PolicyEvaluation {
    private PolicyEvaluation() {}

    /**
     * Reach probabilities: {@code reach[node][p]} is the product of player p's action probabilities
     * on the path to the node, {@code reach[node][numPlayers]} the product of chance probabilities.
     */
    public static double[][] reach(GameTree tree, TabularPolicy policy) {
        int n = tree.numNodes(), players = tree.numPlayers();
        double[][] reach = new double[n][];
        reach[0] = new double[players + 1];
        Arrays.fill(reach[0], 1.0);
        for (int node = 0; node < n; node++) {
            int p = tree.player(node);
            for (int k = 0; k < tree.numChildren(node); k++) {
                double[] r = reach[node].clone();
                if (p == State.CHANCE) {
                    r[players] *= tree.chanceProbability(node, k);
                } else {
                    r[p] *= policy.probability(tree.infoset(node), k);
                }
                reach[tree.child(node, k)] = r;
            }
        }
        return reach;
    }

    /** Expected returns of every player from every node under {@code policy}: {@code [node][player]}. */
    public static double[][] values(GameTree tree, TabularPolicy policy) {
        int n = tree.numNodes(), players = tree.numPlayers();
        double[][] v = new double[n][];
        for (int node = n - 1; node >= 0; node--) {
            int p = tree.player(node);
            if (p == State.TERMINAL) {
                v[node] = tree.returns(node).clone();
                continue;
            }
            double[] sum = new double[players];
            for (int k = 0; k < tree.numChildren(node); k++) {
                double w = p == State.CHANCE ? tree.chanceProbability(node, k) : policy.probability(tree.infoset(node), k);
                double[] c = v[tree.child(node, k)];
                for (int q = 0; q < players; q++) sum[q] += w * c[q];
            }
            v[node] = sum;
        }
        return v;
    }

    /** Expected return of every player at the root. */
    public static double[] expectedReturns(GameTree tree, TabularPolicy policy) {
        return values(tree, policy)[0];
    }

    /** Weight of a node in its information set's belief: chance reach times the other players' reach. */
    public static double beliefWeight(double[] reach, int player) {
        double w = reach[reach.length - 1];
        for (int q = 0; q < reach.length - 1; q++) {
            if (q != player) {
                w *= reach[q];
            }
        }
        return w;
    }

    /**
     * Information-state action values {@code q(s, a) = Σ_{h∈s} P(h|s)·v_player(h·a)}: the acting
     * player's expected return after each action, averaged over the histories of the information
     * set with belief weights {@code P(h|s) ∝} chance reach × other players' reach (uniform over
     * the histories when the set is unreachable by the others). Returns {@code [set][action]}.
     */
    public static double[][] infosetActionValues(GameTree tree, TabularPolicy policy) {
        double[][] reach = reach(tree, policy);
        double[][] v = values(tree, policy);
        double[][] q = new double[tree.numInfosets()][];
        for (int set = 0; set < q.length; set++) {
            int p = tree.infosetPlayer(set);
            int[] nodes = tree.infosetNodes(set);
            double[] qs = new double[tree.numActions(set)];
            double total = 0;
            for (int h : nodes) total += beliefWeight(reach[h], p);
            for (int h : nodes) {
                double w = total > 0 ? beliefWeight(reach[h], p) / total : 1.0 / nodes.length;
                for (int k = 0; k < qs.length; k++) qs[k] += w * v[tree.child(h, k)][p];
            }
            q[set] = qs;
        }
        return q;
    }

    /** Value for {@code player} of a best response against the other players' parts of {@code policy}. */
    public static double bestResponseValue(GameTree tree, TabularPolicy policy, int player) {
        return new BestResponse(tree, policy, player).value(0);
    }

    /** The best response's action index per information set of {@code player} (−1 where never needed). */
    public static int[] bestResponseActions(GameTree tree, TabularPolicy policy, int player) {
        BestResponse br = new BestResponse(tree, policy, player);
        br.value(0);
        for (int set = 0; set < tree.numInfosets(); set++) {
            if (tree.infosetPlayer(set) == player && br.decision[set] < 0) {
                br.decide(set);
            }
        }
        return br.decision.clone();
    }

    /** Σ_p (BR_p value − value of p under the policy). Zero exactly at a Nash equilibrium. */
    public static double nashConv(GameTree tree, TabularPolicy policy) {
        double[] on = expectedReturns(tree, policy);
        double sum = 0;
        for (int p = 0; p < tree.numPlayers(); p++) {
            sum += bestResponseValue(tree, policy, p) - on[p];
        }
        return sum;
    }

    /** NashConv divided by the number of players. */
    public static double exploitability(GameTree tree, TabularPolicy policy) {
        return nashConv(tree, policy) / tree.numPlayers();
    }

    /**
     * Best response by memoised recursion: a node's value for the responder follows the policy at
     * other players' nodes and the responder's decision at its own; the decision of an information
     * set maximises the belief-weighted action values over its nodes. Perfect recall makes every
     * decision depend only on deeper information sets, so the recursion is well founded.
     */
    private static final class BestResponse {
        final GameTree tree;
        final TabularPolicy policy;
        final int player;
        final double[][] reach;
        final double[] value;
        final boolean[] known;
        final int[] decision;

        BestResponse(GameTree tree, TabularPolicy policy, int player) {
            this.tree = tree;
            this.policy = policy;
            this.player = player;
            this.reach = reach(tree, policy);
            this.value = new double[tree.numNodes()];
            this.known = new boolean[tree.numNodes()];
            this.decision = new int[tree.numInfosets()];
            Arrays.fill(decision, -1);
        }

        double value(int node) {
            if (known[node]) {
                return value[node];
            }
            int p = tree.player(node);
            double v;
            if (p == State.TERMINAL) {
                v = tree.returns(node)[player];
            } else if (p == player) {
                int set = tree.infoset(node);
                if (decision[set] < 0) {
                    decide(set);
                }
                v = value(tree.child(node, decision[set]));
            } else {
                v = 0;
                for (int k = 0; k < tree.numChildren(node); k++) {
                    double w = p == State.CHANCE ? tree.chanceProbability(node, k) : policy.probability(tree.infoset(node), k);
                    if (w > 0) {
                        v += w * value(tree.child(node, k));
                    }
                }
            }
            value[node] = v;
            known[node] = true;
            return v;
        }

        void decide(int set) {
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < tree.numActions(set); k++) {
                double q = 0;
                for (int h : tree.infosetNodes(set)) {
                    double w = beliefWeight(reach[h], player);
                    if (w > 0) {
                        q += w * value(tree.child(h, k));
                    }
                }
                if (q > bestValue) {
                    bestValue = q;
                    best = k;
                }
            }
            decision[set] = best;
        }
    }
}
