package dev.proxima.envs.games;

import dev.proxima.core.game.ChanceOutcome;
import dev.proxima.core.game.Game;
import dev.proxima.core.game.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kuhn poker (Kuhn 1950), as in OpenSpiel: a three-card deck (0 = jack, 1 = queen, 2 = king),
 * each player antes 1 and gets one private card, dealt by two chance nodes; player 0 acts first.
 * Actions: 0 = pass (check or fold), 1 = bet (bet or call), each bet 1 chip. The game value for
 * player 0 is −1/18.
 *
 * <p>Information-state key: the player's card followed by the public betting, e.g. {@code "2pb"}
 * for holding the king after "pass, bet".
 */
public final class KuhnPoker implements Game {
    public static final String NAME = "kuhn";
    static final int PASS = 0, BET = 1;

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
        return 2;
    }

    @Override
    public Utility utility() {
        return Utility.ZERO_SUM;
    }

    @Override
    public double minUtility() {
        return -2;
    }

    @Override
    public double maxUtility() {
        return 2;
    }

    @Override
    public State initialState() {
        return new KuhnState(new int[0]);
    }

    /** History = two dealt cards followed by the betting actions. */
    private static final class KuhnState implements State {
        private final int[] history;

        KuhnState(int[] history) {
            this.history = history;
        }

        private int bets() {
            return history.length - 2;
        }

        private String betting() {
            StringBuilder sb = new StringBuilder();
            for (int i = 2; i < history.length; i++) sb.append(history[i] == PASS ? 'p' : 'b');
            return sb.toString();
        }

        @Override
        public int currentPlayer() {
            if (history.length < 2) {
                return CHANCE;
            }
            return switch (betting()) {
                case "", "pb" -> 0;
                case "p", "b" -> 1;
                default -> TERMINAL;
            };
        }

        @Override
        public int[] legalActions() {
            int p = currentPlayer();
            if (p == TERMINAL) {
                return new int[0];
            }
            if (p == CHANCE) {
                return chanceOutcomes().stream().mapToInt(ChanceOutcome::action).toArray();
            }
            return new int[] {PASS, BET};
        }

        @Override
        public List<ChanceOutcome> chanceOutcomes() {
            if (!isChance()) {
                return List.of();
            }
            List<ChanceOutcome> outcomes = new ArrayList<>();
            for (int card = 0; card < 3; card++) {
                if (history.length == 0 || history[0] != card) {
                    outcomes.add(new ChanceOutcome(card, 1.0 / (3 - history.length)));
                }
            }
            return outcomes;
        }

        @Override
        public State child(int action) {
            GameChecks.requireLegal(this, action);
            int[] next = Arrays.copyOf(history, history.length + 1);
            next[history.length] = action;
            return new KuhnState(next);
        }

        @Override
        public double[] returns() {
            if (!isTerminal()) {
                return new double[2];
            }
            String b = betting();
            double p0 = switch (b) {
                case "bp" -> 1;           // player 1 folds to player 0's bet
                case "pbp" -> -1;         // player 0 folds to player 1's bet
                case "pp" -> showdown(1);
                default -> showdown(2);   // "bb" and "pbb": both put in 2
            };
            return new double[] {p0, -p0};
        }

        private double showdown(int stake) {
            return history[0] > history[1] ? stake : -stake;
        }

        @Override
        public String informationStateKey(int player) {
            if (player < 0 || player > 1) {
                throw new IllegalArgumentException("player must be 0 or 1, was " + player);
            }
            return history.length > player ? history[player] + betting() : "";
        }

        @Override
        public int[] history() {
            return history.clone();
        }

        @Override
        public String actionToString(int action) {
            if (isChance()) {
                return "deal " + "JQK".charAt(action);
            }
            return action == PASS ? "pass" : "bet";
        }

        @Override
        public String toString() {
            return history.length < 2 ? "deal " + Arrays.toString(history)
                    : "cards " + "JQK".charAt(history[0]) + "JQK".charAt(history[1]) + " betting '" + betting() + "'";
        }
    }
}
