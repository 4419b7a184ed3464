package dev.proxima.envs.games;

import dev.proxima.core.game.ChanceOutcome;
import dev.proxima.core.game.Game;
import dev.proxima.core.game.State;
import java.util.Arrays;
import java.util.List;

/**
 * Tic-tac-toe: a perfect-information game on a 3×3 board. Player 0 plays X and moves first,
 * player 1 plays O. Action {@code i} marks cell {@code i}, numbered row by row from the top left
 * ({@code 0 1 2 / 3 4 5 / 6 7 8}). Three marks in a row, column or diagonal win: the winner gets
 * +1, the loser −1; a full board without a line is a draw (0 each). The game tree has 549,946
 * nodes (255,168 terminal).
 *
 * <p>The information-state key is the board followed by the player to move, e.g.
 * {@code "x.o.x..../1"} ({@code .} empty, {@code x}, {@code o}; the player to move, or {@code -}
 * once the game is over). It is the same for both players. Unlike the key of the imperfect
 * information games, it does not record the order of the moves: histories that reach the same
 * position (transpositions) share a key. The position is all that matters for the rest of the
 * game, so a policy or value keyed by it is well defined, but the key does not determine the
 * player's own past actions (no perfect recall in the sequence sense).
 */
public final class TicTacToe implements Game {
    public static final String NAME = "tic-tac-toe";
    private static final int[][] LINES = {
        {0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {0, 3, 6}, {1, 4, 7}, {2, 5, 8}, {0, 4, 8}, {2, 4, 6}
    };

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int numPlayers() {
        return 2;
    }

    @Override
    public int numDistinctActions() {
        return 9;
    }

    @Override
    public Utility utility() {
        return Utility.ZERO_SUM;
    }

    @Override
    public double minUtility() {
        return -1;
    }

    @Override
    public double maxUtility() {
        return 1;
    }

    @Override
    public State initialState() {
        return new Board(new int[0], new char[] {'.', '.', '.', '.', '.', '.', '.', '.', '.'}, -1);
    }

    private static final class Board implements State {
        private final int[] history;
        private final char[] cells;
        private final int winner; // −1 while no line is complete

        Board(int[] history, char[] cells, int winner) {
            this.history = history;
            this.cells = cells;
            this.winner = winner;
        }

        @Override
        public int currentPlayer() {
            if (winner >= 0 || history.length == 9) {
                return TERMINAL;
            }
            return history.length % 2;
        }

        @Override
        public int[] legalActions() {
            if (isTerminal()) {
                return new int[0];
            }
            int[] legal = new int[9 - history.length];
            int n = 0;
            for (int cell = 0; cell < 9; cell++) {
                if (cells[cell] == '.') legal[n++] = cell;
            }
            return legal;
        }

        @Override
        public List<ChanceOutcome> chanceOutcomes() {
            return List.of();
        }

        @Override
        public State child(int action) {
            GameChecks.requireLegal(this, action);
            int mover = currentPlayer();
            char[] next = cells.clone();
            next[action] = mover == 0 ? 'x' : 'o';
            int[] h = Arrays.copyOf(history, history.length + 1);
            h[history.length] = action;
            return new Board(h, next, completesLine(next, action) ? mover : -1);
        }

        private static boolean completesLine(char[] board, int cell) {
            for (int[] line : LINES) {
                if ((line[0] == cell || line[1] == cell || line[2] == cell)
                        && board[line[0]] == board[line[1]] && board[line[1]] == board[line[2]]) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public double[] returns() {
            if (winner < 0) {
                return new double[2];
            }
            return winner == 0 ? new double[] {1, -1} : new double[] {-1, 1};
        }

        @Override
        public String informationStateKey(int player) {
            if (player < 0 || player > 1) {
                throw new IllegalArgumentException("player must be 0 or 1, was " + player);
            }
            int toMove = currentPlayer();
            return new String(cells) + "/" + (toMove == TERMINAL ? "-" : String.valueOf(toMove));
        }

        @Override
        public int[] history() {
            return history.clone();
        }

        @Override
        public String actionToString(int action) {
            return (history.length % 2 == 0 ? "x" : "o") + "(" + action / 3 + "," + action % 3 + ")";
        }

        @Override
        public String toString() {
            String s = new String(cells);
            return s.substring(0, 3) + "\n" + s.substring(3, 6) + "\n" + s.substring(6, 9);
        }
    }
}
