package dev.proxima.envs.games;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.proxima.core.game.ChanceOutcome;
import dev.proxima.core.game.Game;
import dev.proxima.core.game.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The behaviour every game must show, checked on its whole tree (after OpenSpiel's basic game
 * tests):
 *
 * <ol>
 *   <li>the current player is a player index, {@link State#CHANCE} or {@link State#TERMINAL};
 *       {@code history()} is the path from the root and a copy;</li>
 *   <li>at decision nodes the legal actions are non-empty, strictly ascending and within
 *       {@code 0 .. numDistinctActions() - 1}, and there are no chance outcomes;</li>
 *   <li>at chance nodes the outcomes are non-empty, ascending, equal to the legal actions, with
 *       positive probabilities summing to 1 within 1e-12;</li>
 *   <li>terminals have no legal actions and no chance outcomes; {@code child} throws; returns lie
 *       within [min, max] utility, sum to 0 in zero-sum games and are equal in common-payoff
 *       games; non-terminal returns are zero;</li>
 *   <li>{@code child} leaves its parent unchanged (history, player, legal actions, keys, returns)
 *       and extends the history by the action;</li>
 *   <li>{@code child} with an illegal action throws {@link IllegalArgumentException} whose message
 *       names the action and the legal actions (checked at the first {@link #ILLEGAL_CHECKS}
 *       nodes and at the first node of every information set);</li>
 *   <li>every path ends within {@link #MAX_DEPTH} moves and the tree has at most
 *       {@link #MAX_NODES} nodes;</li>
 *   <li>information-state keys are consistent: a key seen at decision nodes always comes with the
 *       same player to act and the same legal actions;</li>
 *   <li>recall, as declared: with {@link Recall#PERFECT} the key determines the acting player's own
 *       earlier (key, action) sequence; with {@link Recall#POSITION} (perfect-information games
 *       whose key is the position) the key determines the rest of the game: the same legal
 *       actions lead to children with the same keys and returns.</li>
 * </ol>
 */
public final class GameContract {
    static final int MAX_DEPTH = 1_000;
    static final long MAX_NODES = 5_000_000;
    static final int ILLEGAL_CHECKS = 20_000;
    private static final double EPS = 1e-12;

    /** What the information-state key is expected to remember. */
    public enum Recall {
        /** The key determines the player's own past (key, action) sequence. */
        PERFECT,
        /** Perfect information, key = position: transpositions share a key, the future is a function of it. */
        POSITION
    }

    /** Counts from the enumeration. */
    public record Summary(long nodes, long terminals, long chanceNodes, long decisionNodes, int informationSets,
            int maxDepth) {}

    private GameContract() {}

    /** Runs every check with {@link Recall#PERFECT}. */
    public static Summary check(Game game) {
        return check(game, Recall.PERFECT);
    }

    public static Summary check(Game game, Recall recall) {
        assertTrue(game.numPlayers() >= 1, "numPlayers");
        assertTrue(game.numDistinctActions() >= 1, "numDistinctActions");
        assertTrue(game.minUtility() <= game.maxUtility(), "minUtility <= maxUtility");
        assertNotNull(game.utility(), "utility");
        Walk walk = new Walk(game, recall);
        walk.visit(game.initialState(), new int[0], new String[game.numPlayers()], 0);
        return new Summary(walk.nodes, walk.terminals, walk.chanceNodes, walk.decisionNodes, walk.infoSets.size(),
                walk.maxDepth);
    }

    /** What one information set (or position) looked like when first seen. */
    private record InfoSet(int player, int[] legal, String ownPast) {}

    private static final class Walk {
        final Game game;
        final Recall recall;
        final Map<String, InfoSet> infoSets = new HashMap<>();
        final Map<String, String> futures = new HashMap<>();
        final Set<String> illegalChecked = new HashSet<>();
        long nodes, terminals, chanceNodes, decisionNodes;
        int maxDepth;

        Walk(Game game, Recall recall) {
            this.game = game;
            this.recall = recall;
        }

        /**
         * @param path expected history
         * @param ownPast per player, the (key, action) pairs of their own earlier decisions
         */
        void visit(State state, int[] path, String[] ownPast, int depth) {
            nodes++;
            if (nodes > MAX_NODES) fail(game.name() + ": more than " + MAX_NODES + " nodes");
            if (depth > MAX_DEPTH) fail(game.name() + ": a path is longer than " + MAX_DEPTH + " at " + state);
            maxDepth = Math.max(maxDepth, depth);
            int n = game.numPlayers();
            int player = state.currentPlayer();
            assertTrue(player == State.CHANCE || player == State.TERMINAL || (player >= 0 && player < n),
                    () -> "current player " + player);
            int[] history = state.history();
            assertArrayEquals(path, history, "history");
            if (history.length > 0) {
                history[0] = -99;
                assertArrayEquals(path, state.history(), "history() must return a copy");
            }

            int[] legal = state.legalActions();
            List<ChanceOutcome> outcomes = state.chanceOutcomes();
            String[] keys = new String[n];
            for (int p = 0; p < n; p++) keys[p] = state.informationStateKey(p);
            double[] returns = state.returns();
            assertEquals(n, returns.length, "returns length");

            if (player == State.TERMINAL) {
                terminals++;
                checkTerminal(state, legal, outcomes, returns);
                return;
            }
            for (double r : returns) assertEquals(0.0, r, () -> "non-terminal returns must be zero at " + state);
            assertTrue(legal.length > 0, () -> "no legal actions at non-terminal " + state);
            for (int i = 1; i < legal.length; i++) {
                assertTrue(legal[i - 1] < legal[i], () -> "legal actions not strictly ascending: " + Arrays.toString(legal));
            }
            String infoKey = null;
            if (player == State.CHANCE) {
                chanceNodes++;
                checkChance(legal, outcomes, state);
            } else {
                decisionNodes++;
                assertTrue(outcomes.isEmpty(), () -> "chance outcomes at a decision node " + state);
                assertTrue(legal[0] >= 0 && legal[legal.length - 1] < game.numDistinctActions(),
                        () -> "legal actions " + Arrays.toString(legal) + " outside 0.." + (game.numDistinctActions() - 1));
                infoKey = keys[player];
                checkInfoSet(player, infoKey, legal, ownPast[player], state);
            }
            if (nodes <= ILLEGAL_CHECKS || (infoKey != null && illegalChecked.add(player + "\u0000" + infoKey))) {
                checkIllegal(state, legal);
            }

            StringBuilder future = recall == Recall.POSITION && infoKey != null ? new StringBuilder() : null;
            for (int action : legal) {
                State child = state.child(action);
                int[] childPath = Arrays.copyOf(path, path.length + 1);
                childPath[path.length] = action;
                String[] childPast = ownPast;
                if (player >= 0 && recall == Recall.PERFECT) {
                    childPast = ownPast.clone();
                    childPast[player] = (ownPast[player] == null ? "" : ownPast[player]) + "(" + infoKey + ")" + action;
                }
                if (future != null) {
                    int cp = child.currentPlayer();
                    future.append(action).append("->").append(cp).append(':')
                            .append(child.informationStateKey(cp >= 0 ? cp : player))
                            .append(Arrays.toString(child.returns())).append(';');
                }
                visit(child, childPath, childPast, depth + 1);
            }
            // The parent is unchanged after all its children were made and explored.
            assertArrayEquals(path, state.history(), "child() changed its parent's history");
            assertEquals(player, state.currentPlayer(), "child() changed its parent's player");
            assertArrayEquals(legal, state.legalActions(), "child() changed its parent's legal actions");
            for (int p = 0; p < n; p++) {
                assertEquals(keys[p], state.informationStateKey(p), "child() changed its parent's key");
            }
            assertArrayEquals(returns, state.returns(), "child() changed its parent's returns");
            if (future != null) {
                String previous = futures.putIfAbsent(infoKey, future.toString());
                if (previous != null) {
                    String key = infoKey;
                    assertEquals(previous, future.toString(), () -> "position key '" + key + "' has two different futures");
                }
            }
        }

        void checkTerminal(State state, int[] legal, List<ChanceOutcome> outcomes, double[] returns) {
            assertEquals(0, legal.length, () -> "legal actions at a terminal " + state);
            assertTrue(outcomes.isEmpty(), () -> "chance outcomes at a terminal " + state);
            double sum = 0;
            for (double r : returns) {
                assertTrue(r >= game.minUtility() - 1e-9 && r <= game.maxUtility() + 1e-9,
                        () -> "return " + r + " outside [" + game.minUtility() + ", " + game.maxUtility() + "] at " + state);
                sum += r;
            }
            switch (game.utility()) {
                case ZERO_SUM -> assertEquals(0.0, sum, 1e-9, () -> "zero-sum returns " + Arrays.toString(returns));
                case COMMON_PAYOFF -> {
                    for (double r : returns) assertEquals(returns[0], r, () -> "common-payoff returns " + Arrays.toString(returns));
                }
                case GENERAL_SUM -> { }
            }
            if (nodes <= ILLEGAL_CHECKS || terminals <= 100) {
                assertThrows(IllegalArgumentException.class, () -> state.child(0), "child() at a terminal");
            }
        }

        void checkChance(int[] legal, List<ChanceOutcome> outcomes, State state) {
            assertTrue(!outcomes.isEmpty(), () -> "no chance outcomes at " + state);
            int[] actions = outcomes.stream().mapToInt(ChanceOutcome::action).toArray();
            assertArrayEquals(legal, actions, "chance outcomes' actions must be the legal actions");
            double total = 0;
            for (ChanceOutcome o : outcomes) {
                assertTrue(o.probability() > 0, () -> "chance probability " + o.probability());
                total += o.probability();
            }
            assertEquals(1.0, total, EPS, () -> "chance probabilities sum at " + state);
        }

        void checkInfoSet(int player, String key, int[] legal, String ownPast, State state) {
            String past = ownPast == null ? "" : ownPast;
            InfoSet seen = infoSets.putIfAbsent(key, new InfoSet(player, legal, past));
            if (seen == null) {
                return;
            }
            assertEquals(seen.player(), player, () -> "key '" + key + "' is used by two acting players");
            assertArrayEquals(seen.legal(), legal, () -> "key '" + key + "' has two sets of legal actions, at " + state);
            if (recall == Recall.PERFECT) {
                assertEquals(seen.ownPast(), past,
                        () -> "perfect recall: key '" + key + "' is reached after two different own histories, at " + state);
            }
        }

        void checkIllegal(State state, int[] legal) {
            List<Integer> bad = new ArrayList<>(List.of(-1, legal[legal.length - 1] + 1));
            for (int a = 0; a < legal[legal.length - 1]; a++) {
                if (Arrays.binarySearch(legal, a) < 0) {
                    bad.add(a);
                    break;
                }
            }
            int[] before = state.history();
            for (int action : bad) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> state.child(action),
                        () -> "child(" + action + ") with legal " + Arrays.toString(legal) + " at " + state);
                String message = String.valueOf(e.getMessage());
                assertTrue(message.contains("action " + action) && message.contains(Arrays.toString(legal)),
                        () -> "the message must name the action and the legal ones: " + message);
            }
            assertArrayEquals(before, state.history(), "an illegal child() changed the state");
        }
    }
}
