package dev.proxima.envs.games;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.game.State;
import org.junit.jupiter.api.Test;

class TicTacToeTest {
    private final TicTacToe game = new TicTacToe();

    private State play(int... cells) {
        State s = game.initialState();
        for (int c : cells) s = s.child(c);
        return s;
    }

    /** The known counts: 549,946 nodes, 255,168 complete games (131,184 X wins, 77,904 O wins, 46,080 draws). */
    @Test
    void treeHasTheKnownCounts() {
        long[] counts = new long[5]; // nodes, terminals, X wins, O wins, draws
        GameTrees.forEachNode(game.initialState(), s -> {
            counts[0]++;
            if (s.isTerminal()) {
                counts[1]++;
                double r = s.returns()[0];
                counts[r > 0 ? 2 : r < 0 ? 3 : 4]++;
            }
        });
        assertArrayEquals(new long[] {549_946, 255_168, 131_184, 77_904, 46_080}, counts);
    }

    @Test
    void rowsColumnsAndDiagonalsWin() {
        State row = play(0, 3, 1, 4, 2);
        assertTrue(row.isTerminal());
        assertArrayEquals(new double[] {1, -1}, row.returns());
        State column = play(0, 2, 1, 5, 4, 8);
        assertTrue(column.isTerminal());
        assertArrayEquals(new double[] {-1, 1}, column.returns());
        State diagonal = play(2, 0, 4, 1, 6);
        assertArrayEquals(new double[] {1, -1}, diagonal.returns());
        State draw = play(0, 1, 2, 4, 3, 5, 7, 6, 8);
        assertTrue(draw.isTerminal());
        assertArrayEquals(new double[] {0, 0}, draw.returns());
    }

    @Test
    void keyIsThePositionAndThePlayerToMove() {
        State s = play(4, 0);
        assertEquals("o...x..../0", s.informationStateKey(0));
        assertEquals(s.informationStateKey(0), s.informationStateKey(1));
        assertArrayEquals(new int[] {1, 2, 3, 5, 6, 7, 8}, s.legalActions());
        assertEquals(play(0, 4, 2).informationStateKey(1), play(2, 4, 0).informationStateKey(1), "transpositions");
        assertNotEquals(play(0, 4, 2).informationStateKey(1), play(2, 4, 1).informationStateKey(1));
        assertEquals("xxxoo..../-", play(0, 3, 1, 4, 2).informationStateKey(0));
        assertEquals("x(1,1)", game.initialState().actionToString(4));
    }
}
