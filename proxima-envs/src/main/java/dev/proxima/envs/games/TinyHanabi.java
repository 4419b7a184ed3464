package dev.proxima.envs.games;

import dev.proxima.core.game.ChanceOutcome;
import dev.proxima.core.game.Game;
import dev.proxima.core.game.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tiny Hanabi: the two-player common-payoff card games A–F used as a cooperative testbed (after Burch
 * &amp; Bard; tables from the public {@code tiny_hanabi} package, as listed in the spec
 * {@code seeds-control.md} §0.3 E6 and §3(b)).
 *
 * <p>Chance deals card {@code c1} to player 0, then card {@code c2} to player 1, each uniform over
 * the {@code n} cards and independent (with replacement). Player 0 sees {@code c1} and picks
 * {@code a1}; player 1 sees {@code c2} and {@code a1} and picks {@code a2}. Both receive
 * {@code payoffs[c1][c2][a1][a2]}. Chance actions are card numbers.
 *
 * <p>Information-state key: the player, their card and the actions played so far (actions are
 * public), e.g. {@code "P1 c0 a2"} for player 1 holding card 0 after player 0 played action 2.
 *
 * <p>The presets and their optimal expected returns (the best joint policy; the expected return of
 * a policy averages the table over the {@code n²} deals):
 * <table>
 *   <caption>Tiny Hanabi presets</caption>
 *   <tr><th>game</th><th>cards</th><th>actions</th><th>optimum</th></tr>
 *   <tr><td>A</td><td>2</td><td>2</td><td>2.25</td></tr>
 *   <tr><td>B</td><td>2</td><td>2</td><td>1.0</td></tr>
 *   <tr><td>C</td><td>2</td><td>2</td><td>2.5</td></tr>
 *   <tr><td>D</td><td>2</td><td>2</td><td>2.5</td></tr>
 *   <tr><td>E</td><td>2</td><td>3</td><td>10</td></tr>
 *   <tr><td>F</td><td>3</td><td>2</td><td>7/3</td></tr>
 * </table>
 */
public final class TinyHanabi implements Game {
    /** Registry name prefix: presets are {@code tiny-hanabi-a} .. {@code tiny-hanabi-f}. */
    public static final String PREFIX = "tiny-hanabi-";

    private static final Map<String, TinyHanabi> PRESETS = new LinkedHashMap<>();

    static {
        preset("a", 2.25, new double[][][][] {
            {{{0, 1}, {0, 0}}, {{0, 1}, {3, 2}}},
            {{{3, 3}, {3, 2}}, {{2, 0}, {3, 3}}}});
        preset("b", 1.0, new double[][][][] {
            {{{1, 0}, {1, 0}}, {{0, 1}, {0, 1}}},
            {{{0, 1}, {0, 0}}, {{1, 0}, {1, 0}}}});
        preset("c", 2.5, new double[][][][] {
            {{{3, 0}, {0, 3}}, {{2, 0}, {3, 3}}},
            {{{2, 2}, {3, 0}}, {{0, 1}, {0, 2}}}});
        preset("d", 2.5, new double[][][][] {
            {{{3, 0}, {1, 3}}, {{3, 0}, {3, 0}}},
            {{{3, 2}, {0, 2}}, {{0, 1}, {0, 0}}}});
        preset("e", 10, new double[][][][] {
            {{{10, 0, 0}, {4, 8, 4}, {10, 0, 0}}, {{0, 0, 10}, {4, 8, 4}, {0, 0, 10}}},
            {{{0, 0, 10}, {4, 8, 4}, {0, 0, 0}}, {{10, 0, 0}, {4, 8, 4}, {10, 0, 0}}}});
        preset("f", 7.0 / 3, new double[][][][] {
            {{{0, 3}, {3, 2}}, {{0, 0}, {0, 1}}, {{3, 1}, {2, 1}}},
            {{{0, 2}, {0, 1}}, {{1, 2}, {1, 2}}, {{0, 1}, {0, 3}}},
            {{{1, 3}, {1, 2}}, {{0, 3}, {2, 2}}, {{3, 1}, {3, 0}}}});
    }

    private static void preset(String letter, double optimum, double[][][][] table) {
        PRESETS.put(PREFIX + letter, new TinyHanabi(PREFIX + letter, table, optimum));
    }

    private final String name;
    private final double[][][][] payoffs;
    private final int cards, actions;
    private final double optimalValue, min, max;

    /**
     * A game from its payoff table {@code [c1][c2][a1][a2]} (n cards, m actions, every dimension
     * full) and its known optimal expected return.
     */
    public TinyHanabi(String name, double[][][][] payoffs, double optimalValue) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be non-empty");
        }
        if (payoffs == null || payoffs.length == 0 || payoffs[0] == null || payoffs[0].length == 0
                || payoffs[0][0] == null || payoffs[0][0].length == 0) {
            throw new IllegalArgumentException("payoffs must have at least one card and one action");
        }
        this.name = name;
        this.cards = payoffs.length;
        this.actions = payoffs[0][0].length;
        this.payoffs = new double[cards][cards][actions][actions];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int c1 = 0; c1 < cards; c1++) {
            requireLength(payoffs[c1], cards, "payoffs[" + c1 + "]");
            for (int c2 = 0; c2 < cards; c2++) {
                requireLength(payoffs[c1][c2], actions, "payoffs[" + c1 + "][" + c2 + "]");
                for (int a1 = 0; a1 < actions; a1++) {
                    String field = "payoffs[" + c1 + "][" + c2 + "][" + a1 + "]";
                    double[] row = payoffs[c1][c2][a1];
                    if (row == null || row.length != actions) {
                        throw new IllegalArgumentException(field + " must have " + actions + " entries");
                    }
                    for (int a2 = 0; a2 < actions; a2++) {
                        if (!Double.isFinite(row[a2])) {
                            throw new IllegalArgumentException(field + "[" + a2 + "] must be finite, was " + row[a2]);
                        }
                        lo = Math.min(lo, row[a2]);
                        hi = Math.max(hi, row[a2]);
                    }
                    this.payoffs[c1][c2][a1] = row.clone();
                }
            }
        }
        this.optimalValue = optimalValue;
        this.min = lo;
        this.max = hi;
    }

    private static void requireLength(Object[] a, int n, String field) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException(field + " must have " + n + " entries, had " + (a == null ? "none" : a.length));
        }
    }

    /** The preset named {@code tiny-hanabi-a} .. {@code tiny-hanabi-f}. */
    public static TinyHanabi preset(String name) {
        TinyHanabi game = PRESETS.get(name);
        if (game == null) {
            throw new IllegalArgumentException("unknown Tiny Hanabi game '" + name + "'; allowed: "
                    + String.join(", ", PRESETS.keySet()));
        }
        return game;
    }

    /** Names of the presets, A to F. */
    public static List<String> presetNames() {
        return List.copyOf(PRESETS.keySet());
    }

    /** The best expected return any joint policy achieves (documented value for the presets). */
    public double optimalValue() {
        return optimalValue;
    }

    public int numCards() {
        return cards;
    }

    /** Actions per player (both players have the same number). */
    public int numActions() {
        return actions;
    }

    /** The common payoff for cards {@code c1, c2} and actions {@code a1, a2}. */
    public double payoff(int c1, int c2, int a1, int a2) {
        return payoffs[c1][c2][a1][a2];
    }

    /** The payoff table {@code [c1][c2][a1][a2]} (a copy). */
    public double[][][][] payoffs() {
        double[][][][] copy = new double[cards][cards][actions][];
        for (int c1 = 0; c1 < cards; c1++) {
            for (int c2 = 0; c2 < cards; c2++) {
                for (int a1 = 0; a1 < actions; a1++) copy[c1][c2][a1] = payoffs[c1][c2][a1].clone();
            }
        }
        return copy;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int numPlayers() {
        return 2;
    }

    @Override
    public int numDistinctActions() {
        return actions;
    }

    @Override
    public Utility utility() {
        return Utility.COMMON_PAYOFF;
    }

    @Override
    public double minUtility() {
        return min;
    }

    @Override
    public double maxUtility() {
        return max;
    }

    @Override
    public State initialState() {
        return new HanabiState(new int[0]);
    }

    /** History: {@code c1, c2, a1, a2}. */
    private final class HanabiState implements State {
        private final int[] history;

        HanabiState(int[] history) {
            this.history = history;
        }

        @Override
        public int currentPlayer() {
            return switch (history.length) {
                case 0, 1 -> CHANCE;
                case 2 -> 0;
                case 3 -> 1;
                default -> TERMINAL;
            };
        }

        @Override
        public int[] legalActions() {
            int n = switch (history.length) {
                case 0, 1 -> cards;
                case 2, 3 -> actions;
                default -> 0;
            };
            int[] legal = new int[n];
            for (int i = 0; i < n; i++) legal[i] = i;
            return legal;
        }

        @Override
        public List<ChanceOutcome> chanceOutcomes() {
            if (history.length >= 2) {
                return List.of();
            }
            List<ChanceOutcome> outcomes = new ArrayList<>(cards);
            for (int card = 0; card < cards; card++) outcomes.add(new ChanceOutcome(card, 1.0 / cards));
            return outcomes;
        }

        @Override
        public State child(int action) {
            GameChecks.requireLegal(this, action);
            int[] next = Arrays.copyOf(history, history.length + 1);
            next[history.length] = action;
            return new HanabiState(next);
        }

        @Override
        public double[] returns() {
            if (history.length < 4) {
                return new double[2];
            }
            double v = payoffs[history[0]][history[1]][history[2]][history[3]];
            return new double[] {v, v};
        }

        @Override
        public String informationStateKey(int player) {
            if (player < 0 || player > 1) {
                throw new IllegalArgumentException("player must be 0 or 1, was " + player);
            }
            StringBuilder key = new StringBuilder("P").append(player);
            if (history.length > player) {
                key.append(" c").append(history[player]);
            }
            for (int i = 2; i < history.length; i++) key.append(" a").append(history[i]);
            return key.toString();
        }

        @Override
        public int[] history() {
            return history.clone();
        }

        @Override
        public String actionToString(int action) {
            return history.length < 2 ? "deal card " + action : "action " + action;
        }

        @Override
        public String toString() {
            return name + " " + Arrays.toString(history);
        }
    }
}
