package dev.proxima.envs.games;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxima.core.game.State;
import org.junit.jupiter.api.Test;

class KuhnPokerTest {
    private final KuhnPoker game = new KuhnPoker();

    @Test
    void passesTheContractWithTwelveInformationSets() {
        GameContract.Summary summary = GameContract.check(game);
        assertEquals(12, summary.informationSets());
        // 6 deals × 5 betting endings (pp, pbp, pbb, bp, bb).
        assertEquals(30, summary.terminals());
        assertEquals(58, summary.nodes());
    }

    /**
     * By hand: let s = ±1 be the showdown sign for player 0. Under the uniform policy, player 0
     * passes with probability 1/2, then player 1 passes (showdown for 1: s) or bets, after which
     * player 0 folds (−1) or calls (2s): 1/2·s + 1/2·(−1/2 + s) = s − 1/4. Player 0 bets with
     * probability 1/2, then player 1 folds (+1) or calls (2s): 1/2 + s. Together
     * 1/2·(s − 1/4) + 1/2·(1/2 + s) = s + 1/8. Over the six equally likely deals s averages 0, so
     * the value for player 0 is 1/8.
     */
    @Test
    void uniformPolicyValueIsOneEighth() {
        double[] v = GameTrees.expectedReturns(game.initialState(), GameTrees.UNIFORM);
        assertEquals(0.125, v[0], 1e-15);
        assertEquals(-0.125, v[1], 1e-15);
    }

    /** OpenSpiel's known NashConv of the uniform policy, 11/12 (exploitability 0.458333). */
    @Test
    void uniformPolicyNashConvMatchesOpenSpiel() {
        assertEquals(11.0 / 12, GameTrees.nashConv(game, GameTrees.UNIFORM), 1e-12);
    }

    @Test
    void workedReturns() {
        State s = game.initialState().child(2).child(0); // king vs jack
        assertArrayEquals(new double[] {2, -2}, s.child(1).child(1).returns());
        assertArrayEquals(new double[] {-1, 1}, s.child(0).child(1).child(0).returns());
        assertEquals("2pb", s.child(0).child(1).informationStateKey(0));
    }
}
