package dev.proxima.envs.games;

import dev.proxima.core.game.ChanceOutcome;
import dev.proxima.core.game.Game;
import dev.proxima.core.game.State;
import java.util.Arrays;
import java.util.List;

/**
 * A two-player normal-form (matrix) game written as an extensive-form game: player 0 (the row
 * player) picks a row, then player 1 (the column player) picks a column without seeing it. The
 * history is {@code [row, column]}; player 1's information-state key is the same whatever row was
 * played, so the game is simultaneous in effect.
 *
 * <p>Payoffs are given as two matrices indexed {@code [row][column]}, one per player; the getters
 * return copies, so solvers (e.g. for quantal response equilibria) can read the game directly. The
 * {@link Game.Utility} is derived from the matrices: {@code ZERO_SUM} when every pair of payoffs
 * sums to exactly 0, {@code COMMON_PAYOFF} when the two matrices are equal, {@code GENERAL_SUM}
 * otherwise.
 *
 * <p>Presets (action order as listed):
 * <ul>
 *   <li>{@link #rps()} ({@code rps}): rock, paper, scissors; the winner gets +1, the loser −1. The
 *       unique equilibrium is uniform for both players, value 0.</li>
 *   <li>{@link #biasedRps()} ({@code biased-rps}): the biased rock–paper–scissors of OpenSpiel's
 *       {@code matrix_brps} (used by Hennes et al. 2020, "Neural Replicator Dynamics"). Row
 *       payoffs, rows and columns ordered rock, paper, scissors:
 *       <pre>
 *               R     P     S
 *         R     0   −25    50
 *         P    25     0    −5
 *         S   −50     5     0
 *       </pre>
 *       and the column player gets the negative. The matrix is antisymmetric, so the game is
 *       symmetric; its unique equilibrium has both players play (1/16, 10/16, 5/16), value 0:
 *       against that mix every pure action earns exactly 0 (e.g. rock: −25·10/16 + 50·5/16 = 0).</li>
 *   <li>{@link #matchingPennies()} ({@code matching-pennies}): heads, tails; the row player wins +1
 *       when the coins match and loses 1 otherwise. Equilibrium: both uniform, value 0.</li>
 * </ul>
 */
public final class MatrixGame implements Game {
    private final String name;
    private final String[] rowActions, columnActions;
    private final double[][] rowPayoffs, columnPayoffs;
    private final Utility utility;
    private final double min, max;

    /**
     * A game from the two payoff matrices, indexed {@code [row][column]}.
     *
     * @param rowActions names of player 0's actions, one per row
     * @param columnActions names of player 1's actions, one per column
     * @param rowPayoffs player 0's payoffs
     * @param columnPayoffs player 1's payoffs
     */
    public MatrixGame(String name, List<String> rowActions, List<String> columnActions, double[][] rowPayoffs,
            double[][] columnPayoffs) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be non-empty");
        }
        if (rowActions.isEmpty() || columnActions.isEmpty()) {
            throw new IllegalArgumentException("rowActions and columnActions must be non-empty, were " + rowActions
                    + " and " + columnActions);
        }
        this.name = name;
        this.rowActions = rowActions.toArray(String[]::new);
        this.columnActions = columnActions.toArray(String[]::new);
        this.rowPayoffs = copyChecked("rowPayoffs", rowPayoffs, this.rowActions.length, this.columnActions.length);
        this.columnPayoffs = copyChecked("columnPayoffs", columnPayoffs, this.rowActions.length,
                this.columnActions.length);
        boolean zeroSum = true, common = true;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < this.rowActions.length; r++) {
            for (int c = 0; c < this.columnActions.length; c++) {
                double a = this.rowPayoffs[r][c], b = this.columnPayoffs[r][c];
                zeroSum &= a + b == 0;
                common &= a == b;
                lo = Math.min(lo, Math.min(a, b));
                hi = Math.max(hi, Math.max(a, b));
            }
        }
        this.utility = zeroSum ? Utility.ZERO_SUM : common ? Utility.COMMON_PAYOFF : Utility.GENERAL_SUM;
        this.min = lo;
        this.max = hi;
    }

    /**
     * A zero-sum game: the column player's payoffs are the negated row payoffs (computed as
     * {@code 0.0 - x}, so a 0 stays +0.0).
     */
    public static MatrixGame zeroSum(String name, List<String> rowActions, List<String> columnActions,
            double[][] rowPayoffs) {
        double[][] negated = new double[rowPayoffs.length][];
        for (int r = 0; r < rowPayoffs.length; r++) {
            negated[r] = rowPayoffs[r] == null ? null : Arrays.stream(rowPayoffs[r]).map(x -> 0.0 - x).toArray();
        }
        return new MatrixGame(name, rowActions, columnActions, rowPayoffs, negated);
    }

    /** Rock–paper–scissors, payoffs ±1; uniform equilibrium. */
    public static MatrixGame rps() {
        return zeroSum("rps", List.of("rock", "paper", "scissors"), List.of("rock", "paper", "scissors"),
                new double[][] {{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}});
    }

    /** Biased rock–paper–scissors (OpenSpiel's {@code matrix_brps}); equilibrium (1/16, 10/16, 5/16). */
    public static MatrixGame biasedRps() {
        return zeroSum("biased-rps", List.of("rock", "paper", "scissors"), List.of("rock", "paper", "scissors"),
                new double[][] {{0, -25, 50}, {25, 0, -5}, {-50, 5, 0}});
    }

    /** Matching pennies: the row player wins 1 when the coins match; uniform equilibrium. */
    public static MatrixGame matchingPennies() {
        return zeroSum("matching-pennies", List.of("heads", "tails"), List.of("heads", "tails"),
                new double[][] {{1, -1}, {-1, 1}});
    }

    private static double[][] copyChecked(String field, double[][] m, int rows, int columns) {
        if (m == null || m.length != rows) {
            throw new IllegalArgumentException(field + " must have " + rows + " rows (one per row action), had "
                    + (m == null ? "none" : m.length));
        }
        double[][] copy = new double[rows][];
        for (int r = 0; r < rows; r++) {
            if (m[r] == null || m[r].length != columns) {
                throw new IllegalArgumentException(field + "[" + r + "] must have " + columns
                        + " entries (one per column action), had " + (m[r] == null ? "none" : m[r].length));
            }
            for (int c = 0; c < columns; c++) {
                if (!Double.isFinite(m[r][c])) {
                    throw new IllegalArgumentException(field + "[" + r + "][" + c + "] must be finite, was " + m[r][c]);
                }
            }
            copy[r] = m[r].clone();
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
        return Math.max(rowActions.length, columnActions.length);
    }

    @Override
    public Utility utility() {
        return utility;
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
        return new MatrixState(new int[0]);
    }

    public int numRows() {
        return rowActions.length;
    }

    public int numColumns() {
        return columnActions.length;
    }

    /** Player 0's payoffs, {@code [row][column]} (a copy). */
    public double[][] rowPayoffs() {
        return deepCopy(rowPayoffs);
    }

    /** Player 1's payoffs, {@code [row][column]} (a copy). */
    public double[][] columnPayoffs() {
        return deepCopy(columnPayoffs);
    }

    /** Payoff of {@code player} when the row player plays {@code row} and the column player {@code column}. */
    public double payoff(int player, int row, int column) {
        return switch (player) {
            case 0 -> rowPayoffs[row][column];
            case 1 -> columnPayoffs[row][column];
            default -> throw new IllegalArgumentException("player must be 0 or 1, was " + player);
        };
    }

    public List<String> rowActions() {
        return List.of(rowActions);
    }

    public List<String> columnActions() {
        return List.of(columnActions);
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] copy = new double[m.length][];
        for (int i = 0; i < m.length; i++) copy[i] = m[i].clone();
        return copy;
    }

    private static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    /** History: the row, then the column. */
    private final class MatrixState implements State {
        private final int[] history;

        MatrixState(int[] history) {
            this.history = history;
        }

        @Override
        public int currentPlayer() {
            return history.length < 2 ? history.length : TERMINAL;
        }

        @Override
        public int[] legalActions() {
            return switch (history.length) {
                case 0 -> range(rowActions.length);
                case 1 -> range(columnActions.length);
                default -> new int[0];
            };
        }

        @Override
        public List<ChanceOutcome> chanceOutcomes() {
            return List.of();
        }

        @Override
        public State child(int action) {
            GameChecks.requireLegal(this, action);
            int[] next = Arrays.copyOf(history, history.length + 1);
            next[history.length] = action;
            return new MatrixState(next);
        }

        @Override
        public double[] returns() {
            if (history.length < 2) {
                return new double[2];
            }
            return new double[] {rowPayoffs[history[0]][history[1]], columnPayoffs[history[0]][history[1]]};
        }

        /** {@code "P0"} or {@code "P1"}, followed by the player's own action once taken. */
        @Override
        public String informationStateKey(int player) {
            if (player < 0 || player > 1) {
                throw new IllegalArgumentException("player must be 0 or 1, was " + player);
            }
            String[] names = player == 0 ? rowActions : columnActions;
            return history.length > player ? "P" + player + " " + names[history[player]] : "P" + player;
        }

        @Override
        public int[] history() {
            return history.clone();
        }

        @Override
        public String actionToString(int action) {
            String[] names = history.length == 0 ? rowActions : columnActions;
            return action >= 0 && action < names.length ? names[action] : "action " + action;
        }

        @Override
        public String toString() {
            return name + " " + Arrays.toString(history);
        }
    }
}
