package dev.proxima.envs.games;

import dev.proxima.core.game.ChanceOutcome;
import dev.proxima.core.game.Game;
import dev.proxima.core.game.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Exact tree computations used by the game tests: enumeration, policy values, best responses. */
final class GameTrees {
    private GameTrees() {}

    /** A behaviour policy: probabilities over {@code state.legalActions()}, in that order. */
    interface Policy {
        double[] probabilities(State state);
    }

    static final Policy UNIFORM = state -> {
        double[] p = new double[state.legalActions().length];
        Arrays.fill(p, 1.0 / p.length);
        return p;
    };

    /** Calls {@code visitor} on every node, depth first, parents before children. */
    static void forEachNode(State state, Consumer<State> visitor) {
        visitor.accept(state);
        for (int action : state.legalActions()) forEachNode(state.child(action), visitor);
    }

    /** Expected returns of all players when everyone plays {@code policy}. */
    static double[] expectedReturns(State state, Policy policy) {
        if (state.isTerminal()) {
            return state.returns();
        }
        int[] legal = state.legalActions();
        double[] probs = state.isChance()
                ? state.chanceOutcomes().stream().mapToDouble(ChanceOutcome::probability).toArray()
                : policy.probabilities(state);
        double[] value = null;
        for (int i = 0; i < legal.length; i++) {
            double[] child = expectedReturns(state.child(legal[i]), policy);
            if (value == null) value = new double[child.length];
            for (int p = 0; p < child.length; p++) value[p] += probs[i] * child[p];
        }
        return value;
    }

    /**
     * NashConv of {@code policy}: the sum over players of what a best response gains over playing
     * the policy. Exploitability is half of it in two-player zero-sum games.
     */
    static double nashConv(Game game, Policy policy) {
        double[] onPolicy = expectedReturns(game.initialState(), policy);
        double total = 0;
        for (int p = 0; p < game.numPlayers(); p++) {
            total += new BestResponse(game, p, policy).value() - onPolicy[p];
        }
        return total;
    }

    /** Value of the best response of one player to everyone else playing a fixed policy. */
    static final class BestResponse {
        private final int player;
        private final Policy policy;
        private final Map<String, List<State>> histories = new HashMap<>();
        private final Map<String, List<Double>> weights = new HashMap<>();
        private final Map<String, Integer> choice = new HashMap<>();
        private final State root;

        BestResponse(Game game, int player, Policy policy) {
            this.player = player;
            this.policy = policy;
            this.root = game.initialState();
            collect(root, 1.0);
        }

        /** Groups the player's decision nodes by key, weighted by the reach of chance and the others. */
        private void collect(State state, double reach) {
            if (state.isTerminal()) {
                return;
            }
            int[] legal = state.legalActions();
            if (state.currentPlayer() == player) {
                String key = state.informationStateKey(player);
                histories.computeIfAbsent(key, k -> new ArrayList<>()).add(state);
                weights.computeIfAbsent(key, k -> new ArrayList<>()).add(reach);
                for (int action : legal) collect(state.child(action), reach);
                return;
            }
            double[] probs = state.isChance()
                    ? state.chanceOutcomes().stream().mapToDouble(ChanceOutcome::probability).toArray()
                    : policy.probabilities(state);
            for (int i = 0; i < legal.length; i++) collect(state.child(legal[i]), reach * probs[i]);
        }

        double value() {
            return value(root);
        }

        private double value(State state) {
            if (state.isTerminal()) {
                return state.returns()[player];
            }
            int[] legal = state.legalActions();
            if (state.currentPlayer() == player) {
                return value(state.child(bestAction(state.informationStateKey(player))));
            }
            double[] probs = state.isChance()
                    ? state.chanceOutcomes().stream().mapToDouble(ChanceOutcome::probability).toArray()
                    : policy.probabilities(state);
            double v = 0;
            for (int i = 0; i < legal.length; i++) {
                if (probs[i] > 0) v += probs[i] * value(state.child(legal[i]));
            }
            return v;
        }

        private int bestAction(String key) {
            Integer known = choice.get(key);
            if (known != null) {
                return known;
            }
            List<State> states = histories.get(key);
            List<Double> w = weights.get(key);
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int action : states.get(0).legalActions()) {
                double v = 0;
                for (int i = 0; i < states.size(); i++) {
                    if (w.get(i) > 0) v += w.get(i) * value(states.get(i).child(action));
                }
                if (v > bestValue) {
                    bestValue = v;
                    best = action;
                }
            }
            choice.put(key, best);
            return best;
        }
    }
}
