package dev.proxima.games.tree;

import dev.proxima.core.game.ChanceOutcome;
import dev.proxima.core.game.Game;
import dev.proxima.core.game.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A game's whole tree flattened into arrays, built once so that solvers iterate over indices
 * instead of allocating states. Nodes are numbered in depth-first preorder: a node's children
 * have larger indices than the node, so a descending sweep visits children before parents and an
 * ascending sweep parents before children.
 *
 * <p>Information sets are numbered per game (over all players) in order of first visit; each
 * records its player, its key, its legal actions (the same at all its nodes) and its nodes.
 *
 * <p>Immutable after construction and safe to share between threads.
 */
public final class GameTree {
    private final Game game;
    private final int numPlayers;
    // Per node.
    private final int[] player;
    private final int[] infoset;
    private final int[] childStart;
    private final int[] childCount;
    private final int[] children;
    private final int[] childAction;
    private final double[] childChanceProbability;
    private final double[][] terminalReturns;
    private final int[] depth;
    // Per information set.
    private final int[] infosetPlayer;
    private final String[] infosetKey;
    private final int[][] infosetActions;
    private final int[][] infosetNodes;
    private final Map<String, Integer> infosetIndex;

    private GameTree(Game game, Builder b) {
        this.game = game;
        this.numPlayers = game.numPlayers();
        int n = b.player.size();
        player = b.player.stream().mapToInt(Integer::intValue).toArray();
        infoset = b.infoset.stream().mapToInt(Integer::intValue).toArray();
        depth = b.depth.stream().mapToInt(Integer::intValue).toArray();
        childStart = new int[n];
        childCount = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            childStart[i] = total;
            childCount[i] = b.kids.get(i).length;
            total += childCount[i];
        }
        children = new int[total];
        childAction = new int[total];
        childChanceProbability = new double[total];
        for (int i = 0; i < n; i++) {
            System.arraycopy(b.kids.get(i), 0, children, childStart[i], childCount[i]);
            System.arraycopy(b.kidActions.get(i), 0, childAction, childStart[i], childCount[i]);
            System.arraycopy(b.kidProbabilities.get(i), 0, childChanceProbability, childStart[i], childCount[i]);
        }
        terminalReturns = b.returns.toArray(new double[0][]);
        int m = b.infosetKeys.size();
        infosetPlayer = b.infosetPlayers.stream().mapToInt(Integer::intValue).toArray();
        infosetKey = b.infosetKeys.toArray(new String[0]);
        infosetActions = b.infosetActions.toArray(new int[0][]);
        infosetNodes = new int[m][];
        for (int i = 0; i < m; i++) {
            infosetNodes[i] = b.infosetNodes.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        infosetIndex = Map.copyOf(b.index);
    }

    /** Enumerates the whole tree of {@code game}. */
    public static GameTree of(Game game) {
        Builder b = new Builder();
        b.visit(game.initialState(), 0);
        return new GameTree(game, b);
    }

    private static final class Builder {
        final List<Integer> player = new ArrayList<>(), infoset = new ArrayList<>(), depth = new ArrayList<>();
        final List<int[]> kids = new ArrayList<>(), kidActions = new ArrayList<>();
        final List<double[]> kidProbabilities = new ArrayList<>();
        final List<double[]> returns = new ArrayList<>();
        final List<Integer> infosetPlayers = new ArrayList<>();
        final List<String> infosetKeys = new ArrayList<>();
        final List<int[]> infosetActions = new ArrayList<>();
        final List<List<Integer>> infosetNodes = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();

        int visit(State s, int d) {
            int id = player.size();
            int p = s.currentPlayer();
            player.add(p);
            depth.add(d);
            kids.add(null);
            kidActions.add(null);
            kidProbabilities.add(null);
            returns.add(s.isTerminal() ? s.returns() : null);
            int set = -1;
            int[] actions = s.legalActions();
            double[] probabilities = new double[actions.length];
            if (p >= 0) {
                String key = p + "|" + s.informationStateKey(p);
                Integer known = index.get(key);
                if (known == null) {
                    known = infosetKeys.size();
                    index.put(key, known);
                    infosetPlayers.add(p);
                    infosetKeys.add(s.informationStateKey(p));
                    infosetActions.add(actions);
                    infosetNodes.add(new ArrayList<>());
                } else if (!Arrays.equals(infosetActions.get(known), actions)) {
                    throw new IllegalStateException("information set " + key + " has different legal actions at "
                            + Arrays.toString(s.history()));
                }
                infosetNodes.get(known).add(id);
                set = known;
            } else if (p == State.CHANCE) {
                List<ChanceOutcome> outcomes = s.chanceOutcomes();
                for (int i = 0; i < actions.length; i++) {
                    actions[i] = outcomes.get(i).action();
                    probabilities[i] = outcomes.get(i).probability();
                }
            }
            infoset.add(set);
            int[] ids = new int[actions.length];
            for (int i = 0; i < actions.length; i++) {
                ids[i] = visit(s.child(actions[i]), d + 1);
            }
            kids.set(id, ids);
            kidActions.set(id, actions);
            kidProbabilities.set(id, probabilities);
            return id;
        }
    }

    public Game game() {
        return game;
    }

    public int numPlayers() {
        return numPlayers;
    }

    public int numNodes() {
        return player.length;
    }

    public int numInfosets() {
        return infosetPlayer.length;
    }

    /** Player to act at {@code node}: a player index, {@link State#CHANCE} or {@link State#TERMINAL}. */
    public int player(int node) {
        return player[node];
    }

    /** Information set of a decision node, −1 for chance and terminal nodes. */
    public int infoset(int node) {
        return infoset[node];
    }

    public int depth(int node) {
        return depth[node];
    }

    public int numChildren(int node) {
        return childCount[node];
    }

    /** The k-th child; for decision nodes, k indexes the infoset's actions. */
    public int child(int node, int k) {
        return children[childStart[node] + k];
    }

    public int childAction(int node, int k) {
        return childAction[childStart[node] + k];
    }

    /** Probability of the k-th outcome of a chance node. */
    public double chanceProbability(int node, int k) {
        return childChanceProbability[childStart[node] + k];
    }

    /** Returns of a terminal node (do not modify). */
    public double[] returns(int node) {
        return terminalReturns[node];
    }

    public int infosetPlayer(int set) {
        return infosetPlayer[set];
    }

    public String infosetKey(int set) {
        return infosetKey[set];
    }

    public int numActions(int set) {
        return infosetActions[set].length;
    }

    public int[] infosetActions(int set) {
        return infosetActions[set].clone();
    }

    /** Nodes of an information set (do not modify). */
    public int[] infosetNodes(int set) {
        return infosetNodes[set];
    }

    /** Index of {@code player}'s information set with {@code key}, or −1. */
    public int infosetIndex(int player, String key) {
        return infosetIndex.getOrDefault(player + "|" + key, -1);
    }

    @Override
    public String toString() {
        return "GameTree(" + game.name() + ": " + numNodes() + " nodes, " + numInfosets() + " information sets)";
    }
}
