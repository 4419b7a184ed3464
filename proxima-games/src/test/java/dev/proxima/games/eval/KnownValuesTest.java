package dev.proxima.games.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.envs.games.Games;
import dev.proxima.games.tree.GameTree;
import dev.proxima.games.tree.TabularPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values that OpenSpiel and the game-theory literature fix, computed exactly. */
class KnownValuesTest {
    static final GameTree KUHN = GameTree.of(Games.make("kuhn"));
    static final GameTree LEDUC = GameTree.of(Games.make("leduc"));

    /**
     * Kuhn (1950)'s equilibrium family at α = 0, actions [pass, bet]: player 0 never bets first,
     * calls a bet with the queen 1/3 of the time and with the king always; player 1 bets the jack
     * 1/3 of the time after a pass, calls with the queen 1/3 of the time, always bets or calls with
     * the king. Player 0's value is −1/18 and nobody can gain by deviating.
     */
    static TabularPolicy kuhnEquilibrium() {
        TabularPolicy pi = TabularPolicy.uniform(KUHN);
        Map<String, double[]> p0 = Map.of("0", new double[] {1, 0}, "1", new double[] {1, 0}, "2", new double[] {1, 0},
                "0pb", new double[] {1, 0}, "1pb", new double[] {2.0 / 3, 1.0 / 3}, "2pb", new double[] {0, 1});
        Map<String, double[]> p1 = Map.of("0b", new double[] {1, 0}, "0p", new double[] {2.0 / 3, 1.0 / 3},
                "1b", new double[] {2.0 / 3, 1.0 / 3}, "1p", new double[] {1, 0}, "2b", new double[] {0, 1},
                "2p", new double[] {0, 1});
        p0.forEach((key, p) -> pi.set(KUHN.infosetIndex(0, key), p));
        p1.forEach((key, p) -> pi.set(KUHN.infosetIndex(1, key), p));
        return pi;
    }

    @Test
    void kuhnGameValueIsMinusOneEighteenthUnderAnEquilibrium() {
        TabularPolicy eq = kuhnEquilibrium();
        assertEquals(-1.0 / 18, PolicyEvaluation.expectedReturns(KUHN, eq)[0], 1e-9);
        assertEquals(0, PolicyEvaluation.nashConv(KUHN, eq), 1e-12);
    }

    @Test
    void uniformPolicyNashConvMatchesOpenSpiel() {
        assertEquals(0.916667, PolicyEvaluation.nashConv(KUHN, TabularPolicy.uniform(KUHN)), 1e-6);
        assertEquals(0.4583, PolicyEvaluation.exploitability(KUHN, TabularPolicy.uniform(KUHN)), 1e-4);
        assertEquals(4.747222, PolicyEvaluation.nashConv(LEDUC, TabularPolicy.uniform(LEDUC)), 1e-6);
    }

    @Test
    void treeSizes() {
        assertEquals(12, KUHN.numInfosets());
        assertEquals(936, LEDUC.numInfosets());
    }

    @Test
    void exploitabilityIsNonNegativeAndBestResponsesAreBest() {
        TabularPolicy u = TabularPolicy.uniform(KUHN);
        for (int p = 0; p < 2; p++) {
            double br = PolicyEvaluation.bestResponseValue(KUHN, u, p);
            assertTrue(br >= PolicyEvaluation.expectedReturns(KUHN, u)[p] - 1e-12);
            // The best-response actions, played as a pure policy, achieve exactly the best-response value.
            int[] actions = PolicyEvaluation.bestResponseActions(KUHN, u, p);
            TabularPolicy pure = u.copy();
            for (int s = 0; s < KUHN.numInfosets(); s++) {
                if (KUHN.infosetPlayer(s) == p) {
                    double[] d = new double[KUHN.numActions(s)];
                    d[actions[s]] = 1;
                    pure.set(s, d);
                }
            }
            assertEquals(br, PolicyEvaluation.expectedReturns(KUHN, pure)[p], 1e-12);
        }
    }
}
