package dev.proxima.envs.games;

import dev.proxima.core.game.ChanceOutcome;
import dev.proxima.core.game.Game;
import dev.proxima.core.game.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two-player Leduc poker (Southey et al. 2005) with the rules of OpenSpiel's {@code leduc_poker}
 * at its default parameters (no suit isomorphism, no action mapping, player 0 starts).
 *
 * <p>The deck has six cards {@code 0..5}; a card's rank is {@code card / 2} (J, Q, K) and its
 * suit {@code card % 2}. Both players ante 1. Chance deals player 0's card (uniform over the
 * deck), then player 1's (uniform over the five left). A betting round follows; then chance deals
 * the public card (uniform over the four left) and a second betting round is played. Player 0
 * opens both rounds.
 *
 * <p>Actions: 0 = fold, 1 = call (or check), 2 = raise. Folding is legal only when facing a bet,
 * calling always, raising while the round has seen fewer than two raises. A raise first matches
 * the current stakes and then adds 2 (round 1) or 4 (round 2). A round ends when both players
 * have checked, or when a raise is called. At the showdown a card pairing the public card beats
 * any unpaired card; otherwise the higher rank wins and equal ranks split the pot. Returns are the
 * chips won or lost, so they lie in [−13, 13] (ante 1 plus two raises in each round).
 *
 * <p>Chance actions are the dealt card's number. The information-state key of player {@code p}
 * holds the player, their card, the public card once dealt and the betting of both rounds, e.g.
 * {@code "P1 Q2 K1 rc/c"}: player 1 holds the second queen, the public card is the first king,
 * round 1 went raise–call and round 2 check so far ({@code f}, {@code c}, {@code r} for fold,
 * call, raise). The game has 936 information sets (468 per player) and 5,520 terminal histories.
 */
public final class LeducPoker implements Game {
    public static final String NAME = "leduc";
    public static final int FOLD = 0, CALL = 1, RAISE = 2;
    static final int DECK = 6, MAX_RAISES = 2;
    private static final int ANTE = 1, FIRST_RAISE = 2, SECOND_RAISE = 4;

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
        return 3;
    }

    @Override
    public Utility utility() {
        return Utility.ZERO_SUM;
    }

    @Override
    public double minUtility() {
        return -maxUtility();
    }

    @Override
    public double maxUtility() {
        return ANTE + MAX_RAISES * FIRST_RAISE + MAX_RAISES * SECOND_RAISE;
    }

    @Override
    public State initialState() {
        return new LeducState();
    }

    /** Card name: rank letter and suit number, e.g. {@code "Q2"} for card 3. */
    static String cardName(int card) {
        return "JQK".charAt(card / 2) + String.valueOf(card % 2 + 1);
    }

    /**
     * The state keeps the full history plus the betting bookkeeping derived from it, so that
     * {@link #child} is a copy and one update rather than a replay.
     */
    private static final class LeducState implements State {
        private final int[] history;
        private final int[] cards;       // private card of each player, −1 until dealt
        private final int publicCard;    // −1 until dealt
        private final int round;         // 1 or 2
        private final int stakes;        // contribution required to stay in
        private final int[] contributed; // chips each player has put in
        private final int raises;        // raises in the current round
        private final int calls;         // calls (checks) since the last raise in the current round
        private final int folder;        // player who folded, or −1
        private final String round1, round2;
        private final int player;

        LeducState() {
            this(new int[0], new int[] {-1, -1}, -1, 1, ANTE, new int[] {ANTE, ANTE}, 0, 0, -1, "", "", CHANCE);
        }

        private LeducState(int[] history, int[] cards, int publicCard, int round, int stakes, int[] contributed,
                int raises, int calls, int folder, String round1, String round2, int player) {
            this.history = history;
            this.cards = cards;
            this.publicCard = publicCard;
            this.round = round;
            this.stakes = stakes;
            this.contributed = contributed;
            this.raises = raises;
            this.calls = calls;
            this.folder = folder;
            this.round1 = round1;
            this.round2 = round2;
            this.player = player;
        }

        @Override
        public int currentPlayer() {
            return player;
        }

        @Override
        public int[] legalActions() {
            if (player == TERMINAL) {
                return new int[0];
            }
            if (player == CHANCE) {
                return chanceOutcomes().stream().mapToInt(ChanceOutcome::action).toArray();
            }
            boolean facingBet = stakes > contributed[player];
            boolean canRaise = raises < MAX_RAISES;
            if (facingBet) {
                return canRaise ? new int[] {FOLD, CALL, RAISE} : new int[] {FOLD, CALL};
            }
            return canRaise ? new int[] {CALL, RAISE} : new int[] {CALL};
        }

        private boolean dealt(int card) {
            return card == cards[0] || card == cards[1] || card == publicCard;
        }

        @Override
        public List<ChanceOutcome> chanceOutcomes() {
            if (player != CHANCE) {
                return List.of();
            }
            int left = 0;
            for (int card = 0; card < DECK; card++) {
                if (!dealt(card)) left++;
            }
            List<ChanceOutcome> outcomes = new ArrayList<>(left);
            for (int card = 0; card < DECK; card++) {
                if (!dealt(card)) outcomes.add(new ChanceOutcome(card, 1.0 / left));
            }
            return outcomes;
        }

        @Override
        public State child(int action) {
            GameChecks.requireLegal(this, action);
            int[] next = Arrays.copyOf(history, history.length + 1);
            next[history.length] = action;
            if (player == CHANCE) {
                return deal(next, action);
            }
            return bet(next, action);
        }

        private State deal(int[] next, int card) {
            if (cards[0] < 0) {
                return new LeducState(next, new int[] {card, -1}, -1, round, stakes, contributed, raises, calls, folder,
                        round1, round2, CHANCE);
            }
            if (cards[1] < 0) {
                return new LeducState(next, new int[] {cards[0], card}, -1, round, stakes, contributed, raises, calls,
                        folder, round1, round2, 0);
            }
            return new LeducState(next, cards, card, round, stakes, contributed, raises, calls, folder, round1, round2, 0);
        }

        private State bet(int[] next, int action) {
            int[] paid = contributed.clone();
            String r1 = round1, r2 = round2;
            String symbol = String.valueOf("fcr".charAt(action));
            if (round == 1) {
                r1 += symbol;
            } else {
                r2 += symbol;
            }
            if (action == FOLD) {
                return new LeducState(next, cards, publicCard, round, stakes, paid, raises, calls, player, r1, r2,
                        TERMINAL);
            }
            if (action == RAISE) {
                int newStakes = stakes + (round == 1 ? FIRST_RAISE : SECOND_RAISE);
                paid[player] = newStakes;
                return new LeducState(next, cards, publicCard, round, newStakes, paid, raises + 1, 0, -1, r1, r2,
                        1 - player);
            }
            paid[player] = stakes;
            int newCalls = calls + 1;
            boolean roundOver = raises == 0 ? newCalls == 2 : newCalls == 1;
            if (!roundOver) {
                return new LeducState(next, cards, publicCard, round, stakes, paid, raises, newCalls, -1, r1, r2,
                        1 - player);
            }
            if (round == 2) {
                return new LeducState(next, cards, publicCard, round, stakes, paid, raises, newCalls, -1, r1, r2,
                        TERMINAL);
            }
            return new LeducState(next, cards, publicCard, 2, stakes, paid, 0, 0, -1, r1, r2, CHANCE);
        }

        @Override
        public double[] returns() {
            if (player != TERMINAL) {
                return new double[2];
            }
            if (folder >= 0) {
                double lost = contributed[folder];
                return folder == 0 ? new double[] {-lost, lost} : new double[] {lost, -lost};
            }
            // Both stayed in, so both contributed the stakes.
            int strength0 = strength(cards[0]), strength1 = strength(cards[1]);
            double p0 = Integer.compare(strength0, strength1) * (double) stakes;
            return new double[] {p0, 0.0 - p0}; // 0.0 − x avoids a negative zero on a split
        }

        /** Hand strength at the showdown: a pair with the public card beats every unpaired rank. */
        private int strength(int card) {
            int rank = card / 2;
            return rank == publicCard / 2 ? 3 + rank : rank;
        }

        @Override
        public String informationStateKey(int p) {
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("player must be 0 or 1, was " + p);
            }
            return "P" + p + " " + (cards[p] < 0 ? "--" : cardName(cards[p])) + " "
                    + (publicCard < 0 ? "--" : cardName(publicCard)) + " " + round1 + "/" + round2;
        }

        @Override
        public int[] history() {
            return history.clone();
        }

        @Override
        public String actionToString(int action) {
            if (player == CHANCE) {
                return "deal " + cardName(action);
            }
            return switch (action) {
                case FOLD -> "fold";
                case CALL -> "call";
                case RAISE -> "raise";
                default -> "action " + action;
            };
        }

        @Override
        public String toString() {
            return "cards " + (cards[0] < 0 ? "--" : cardName(cards[0])) + " " + (cards[1] < 0 ? "--" : cardName(cards[1]))
                    + " public " + (publicCard < 0 ? "--" : cardName(publicCard)) + " betting '" + round1 + "/" + round2
                    + "' pot " + (contributed[0] + contributed[1]);
        }
    }
}
