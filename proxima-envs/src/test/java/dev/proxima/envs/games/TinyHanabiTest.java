package dev.proxima.envs.games;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.proxima.core.game.Game;
import dev.proxima.core.game.State;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TinyHanabiTest {
    static List<String> presets() {
        return TinyHanabi.presetNames();
    }

    @Test
    void presetsAreAToFWithTheDocumentedOptima() {
        assertEquals(List.of("tiny-hanabi-a", "tiny-hanabi-b", "tiny-hanabi-c", "tiny-hanabi-d", "tiny-hanabi-e",
                "tiny-hanabi-f"), TinyHanabi.presetNames());
        double[] optima = {2.25, 1.0, 2.5, 2.5, 10, 7.0 / 3};
        for (int i = 0; i < optima.length; i++) {
            assertEquals(optima[i], TinyHanabi.preset(presets().get(i)).optimalValue());
        }
        TinyHanabi e = TinyHanabi.preset("tiny-hanabi-e");
        assertEquals(3, e.numActions());
        assertEquals(2, e.numCards());
        assertEquals(3, TinyHanabi.preset("tiny-hanabi-f").numCards());
    }

    /** The uniform joint policy's expected return is the plain average of the table. */
    @ParameterizedTest
    @MethodSource("presets")
    void uniformPolicyValueIsTheTableAverage(String name) {
        TinyHanabi game = TinyHanabi.preset(name);
        double[][][][] t = game.payoffs();
        double sum = 0;
        int count = 0;
        for (double[][][] a : t) for (double[][] b : a) for (double[] c : b) for (double d : c) {
            sum += d;
            count++;
        }
        double[] v = GameTrees.expectedReturns(game.initialState(), GameTrees.UNIFORM);
        assertEquals(sum / count, v[0], 1e-12);
        assertEquals(v[0], v[1]);
    }

    /**
     * Brute force over every deterministic joint policy (player 0: card → action; player 1:
     * (card, observed action) → action) finds the documented optimum; this checks the tables.
     */
    @ParameterizedTest
    @MethodSource("presets")
    void bruteForceFindsTheDocumentedOptimum(String name) {
        TinyHanabi game = TinyHanabi.preset(name);
        int n = game.numCards(), m = game.numActions();
        int first = (int) Math.pow(m, n), second = (int) Math.pow(m, n * m);
        double best = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < first; f++) {
            for (int g = 0; g < second; g++) {
                double value = 0;
                for (int c1 = 0; c1 < n; c1++) {
                    int a1 = digit(f, c1, m);
                    for (int c2 = 0; c2 < n; c2++) {
                        int a2 = digit(g, c2 * m + a1, m);
                        value += game.payoff(c1, c2, a1, a2);
                    }
                }
                best = Math.max(best, value / (n * n));
            }
        }
        assertEquals(game.optimalValue(), best, 1e-12);
    }

    private static int digit(int number, int position, int base) {
        for (int i = 0; i < position; i++) number /= base;
        return number % base;
    }

    @Test
    void dealsAndKeys() {
        TinyHanabi game = TinyHanabi.preset("tiny-hanabi-a");
        assertEquals(Game.Utility.COMMON_PAYOFF, game.utility());
        State dealt = game.initialState().child(1).child(0);
        assertEquals(0, dealt.currentPlayer());
        assertEquals("P0 c1", dealt.informationStateKey(0));
        assertEquals("P0 c1", game.initialState().child(1).child(1).informationStateKey(0), "player 0 can't see card 2");
        State second = dealt.child(1);
        assertEquals(1, second.currentPlayer());
        assertEquals("P1 c0 a1", second.informationStateKey(1));
        assertEquals(second.informationStateKey(1), game.initialState().child(0).child(0).child(1).informationStateKey(1),
                "player 1 can't see card 1");
        assertNotEquals(second.informationStateKey(1), dealt.child(0).informationStateKey(1),
                "player 1 sees player 0's action");
        // A: table[1][0][1][0] = 3.
        assertArrayEquals(new double[] {3, 3}, second.child(0).returns());
        assertEquals(0.5, game.initialState().chanceOutcomes().get(1).probability());
    }

    @Test
    void raggedTablesAreRejected() {
        double[][][][] ragged = {{{{1, 2}, {3}}}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TinyHanabi("x", ragged, 1));
        assertEquals("payoffs[0][0][1] must have 2 entries", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TinyHanabi.preset("tiny-hanabi-z"));
        assertEquals("unknown Tiny Hanabi game 'tiny-hanabi-z'; allowed: tiny-hanabi-a, tiny-hanabi-b, tiny-hanabi-c,"
                + " tiny-hanabi-d, tiny-hanabi-e, tiny-hanabi-f", e.getMessage());
    }
}
