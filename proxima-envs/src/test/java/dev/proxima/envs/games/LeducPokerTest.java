package dev.proxima.envs.games;

import static dev.proxima.envs.games.LeducPoker.CALL;
import static dev.proxima.envs.games.LeducPoker.FOLD;
import static dev.proxima.envs.games.LeducPoker.RAISE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.game.ChanceOutcome;
import dev.proxima.core.game.State;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeducPokerTest {
    private final LeducPoker game = new LeducPoker();

    private State play(int... actions) {
        State s = game.initialState();
        for (int a : actions) s = s.child(a);
        return s;
    }

    /**
     * Counts by hand. Round 1 betting from player 0: the round ends in cc, crc, crrc, rc, rrc
     * (5 ways on to round 2) or in a fold after cr, crr, r, rr (4 ways). Round 2 is the same, so
     * there are 4 + 5·(5 + 4) = 49 betting sequences. Deals: 6·5 = 30 private pairs, times 4 public
     * cards in round 2: 30·4 + 120·45 = 5,520 terminal histories.
     *
     * <p>Decision points per round: player 0 at "", cr, rr; player 1 at c, r, crr (3 each). Player
     * p's information sets: 6 cards × 3 in round 1, plus 6·5 (own card, public card) × 5 round-1
     * endings × 3 in round 2 = 18 + 450 = 468; both players 936, as in OpenSpiel.
     */
    @Test
    void passesTheContractWithOpenSpielsCounts() {
        GameContract.Summary summary = GameContract.check(game);
        assertEquals(936, summary.informationSets());
        assertEquals(5_520, summary.terminals());
        // Longest path: 2 deals, c r r c, the public card, c r r c.
        assertEquals(11, summary.maxDepth());
    }

    @Test
    void informationSetsPerPlayer() {
        Set<String> keys = new HashSet<>();
        int[] perPlayer = new int[2];
        GameTrees.forEachNode(game.initialState(), s -> {
            int p = s.currentPlayer();
            if (p >= 0 && keys.add(s.informationStateKey(p))) perPlayer[p]++;
        });
        assertArrayEquals(new int[] {468, 468}, perPlayer);
    }

    @Test
    void utilityBoundsAreReachedExactly() {
        assertEquals(-13, game.minUtility());
        assertEquals(13, game.maxUtility());
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        GameTrees.forEachNode(game.initialState(), s -> {
            if (s.isTerminal()) {
                range[0] = Math.min(range[0], s.returns()[0]);
                range[1] = Math.max(range[1], s.returns()[0]);
            }
        });
        assertArrayEquals(new double[] {-13, 13}, range);
        // Both players raise twice in both rounds: 1 + 2 + 2 + 4 + 4 = 13; player 0's king pairs.
        State s = play(4, 0, RAISE, RAISE, CALL, 5, RAISE, RAISE, CALL);
        assertTrue(s.isTerminal());
        assertArrayEquals(new double[] {13, -13}, s.returns());
    }

    @Test
    void chanceDealsUniformlyWithoutReplacement() {
        State root = game.initialState();
        assertEquals(6, root.chanceOutcomes().size());
        for (ChanceOutcome o : root.chanceOutcomes()) assertEquals(1.0 / 6, o.probability());
        State afterFirst = root.child(3);
        assertArrayEquals(new int[] {0, 1, 2, 4, 5}, afterFirst.legalActions());
        for (ChanceOutcome o : afterFirst.chanceOutcomes()) assertEquals(1.0 / 5, o.probability());
        State publicDeal = play(3, 0, CALL, CALL);
        assertTrue(publicDeal.isChance());
        assertArrayEquals(new int[] {1, 2, 4, 5}, publicDeal.legalActions());
        for (ChanceOutcome o : publicDeal.chanceOutcomes()) assertEquals(0.25, o.probability());
    }

    @Test
    void legalActionsFollowTheBettingRules() {
        assertArrayEquals(new int[] {CALL, RAISE}, play(0, 1).legalActions());            // nothing to call
        assertArrayEquals(new int[] {FOLD, CALL, RAISE}, play(0, 1, RAISE).legalActions()); // facing a raise
        assertArrayEquals(new int[] {FOLD, CALL}, play(0, 1, RAISE, RAISE).legalActions()); // two raises made
        assertArrayEquals(new int[] {FOLD, CALL}, play(0, 1, CALL, RAISE, RAISE).legalActions());
        assertEquals(0, play(0, 1, CALL, CALL, 2).currentPlayer(), "player 0 opens round 2");
        assertEquals(1, play(0, 1, CALL, CALL, 2, CALL).currentPlayer());
        assertTrue(play(0, 1, CALL, RAISE, CALL).isChance(), "a called raise ends round 1");
        assertEquals(1, play(0, 1, CALL, RAISE, RAISE).currentPlayer());
    }

    @Test
    void workedReturns() {
        // Fold to a round-1 raise: the folder loses the ante only.
        assertArrayEquals(new double[] {1, -1}, play(0, 4, RAISE, FOLD).returns());
        // Check, raise, re-raise, fold: player 1 loses the 3 it put in.
        assertArrayEquals(new double[] {3, -3}, play(0, 4, CALL, RAISE, RAISE, FOLD).returns());
        // Round 1 raise-call (3 each), round 2 raise-raise-call (+8 each): 11 at stake.
        // Player 0's jack pairs with the public jack and beats player 1's queen.
        assertArrayEquals(new double[] {11, -11}, play(0, 2, RAISE, CALL, 1, RAISE, RAISE, CALL).returns());
        // Unpaired: the higher private rank wins (king over queen, public jack).
        assertArrayEquals(new double[] {-1, 1}, play(2, 4, CALL, CALL, 0, CALL, CALL).returns());
        // Same rank, different suits: split pot.
        assertArrayEquals(new double[] {0, 0}, play(2, 3, RAISE, CALL, 4, CALL, CALL).returns());
        // A pair beats a higher unpaired card: player 1's jack pairs, player 0's king does not.
        assertArrayEquals(new double[] {-5, 5}, play(4, 0, CALL, CALL, 1, RAISE, CALL).returns());
    }

    @Test
    void keysHideTheOpponentsCardAndShowTheBetting() {
        State a = play(3, 0, RAISE, CALL, 4, CALL);
        State b = play(3, 5, RAISE, CALL, 4, CALL);
        assertEquals("P1 J1 K1 rc/c", a.informationStateKey(1));
        assertEquals("P0 Q2 K1 rc/c", a.informationStateKey(0));
        assertEquals(a.informationStateKey(0), b.informationStateKey(0));
        assertNotEquals(a.informationStateKey(1), b.informationStateKey(1));
        assertEquals("P0 Q2 -- /", play(3, 0).informationStateKey(0));
    }

    /**
     * Zero-sum, and symmetric under exchanging the two suits: relabelling every card {@code c} as
     * {@code c ^ 1} maps the game onto itself, so each deal and its suit swap have the same value
     * under the uniform policy, and the deals average to the game value.
     */
    @Test
    void uniformPolicyValuesAreZeroSumAndSuitSymmetric() {
        double[] v = GameTrees.expectedReturns(game.initialState(), GameTrees.UNIFORM);
        assertEquals(0.0, v[0] + v[1], 1e-12);
        double sum = 0;
        for (int c0 = 0; c0 < 6; c0++) {
            for (int c1 = 0; c1 < 6; c1++) {
                if (c0 == c1) continue;
                double deal = GameTrees.expectedReturns(play(c0, c1), GameTrees.UNIFORM)[0];
                double swapped = GameTrees.expectedReturns(play(c0 ^ 1, c1 ^ 1), GameTrees.UNIFORM)[0];
                assertEquals(deal, swapped, 1e-12, "deal " + c0 + "," + c1);
                sum += deal / 30;
            }
        }
        assertEquals(v[0], sum, 1e-12);
    }

    /** OpenSpiel's known NashConv of the uniform policy in Leduc (anchors.md §2.6): 4.747222. */
    @Test
    void uniformPolicyNashConvMatchesOpenSpiel() {
        assertEquals(4.747222, GameTrees.nashConv(game, GameTrees.UNIFORM), 1e-6);
    }
}
