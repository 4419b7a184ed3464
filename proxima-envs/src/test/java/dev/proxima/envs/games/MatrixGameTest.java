package dev.proxima.envs.games;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.game.Game;
import dev.proxima.core.game.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixGameTest {
    @Test
    void rpsPaysPlusMinusOne() {
        MatrixGame rps = MatrixGame.rps();
        assertEquals(Game.Utility.ZERO_SUM, rps.utility());
        State paperVsRock = rps.initialState().child(1).child(0);
        assertTrue(paperVsRock.isTerminal());
        assertArrayEquals(new double[] {1, -1}, paperVsRock.returns());
        assertArrayEquals(new double[] {0, 0}, rps.initialState().child(2).child(2).returns());
        assertEquals(-1, rps.minUtility());
        assertEquals(1, rps.maxUtility());
    }

    @Test
    void theColumnPlayerDoesNotSeeTheRow() {
        MatrixGame rps = MatrixGame.rps();
        String key = rps.initialState().child(0).informationStateKey(1);
        for (int row = 0; row < 3; row++) {
            State s = rps.initialState().child(row);
            assertEquals(1, s.currentPlayer());
            assertEquals(key, s.informationStateKey(1));
            assertArrayEquals(new int[] {0, 1, 2}, s.legalActions());
        }
        assertEquals("P0 paper", rps.initialState().child(1).informationStateKey(0));
    }

    /** Against (1/16, 10/16, 5/16) every pure action earns exactly the game value 0, for both players. */
    @Test
    void biasedRpsEquilibriumIsAnEquilibrium() {
        MatrixGame g = MatrixGame.biasedRps();
        double[] mix = {1.0 / 16, 10.0 / 16, 5.0 / 16};
        double[][] row = g.rowPayoffs(), column = g.columnPayoffs();
        for (int a = 0; a < 3; a++) {
            double rowGain = 0, columnGain = 0;
            for (int b = 0; b < 3; b++) {
                rowGain += row[a][b] * mix[b];
                columnGain += column[b][a] * mix[b];
            }
            assertEquals(0.0, rowGain, 1e-12, "row action " + a);
            assertEquals(0.0, columnGain, 1e-12, "column action " + a);
        }
        // The uniform mix is not an equilibrium here: scissors beats rock by a margin.
        double rockVsUniform = (row[0][0] + row[0][1] + row[0][2]) / 3;
        assertEquals(25.0 / 3, rockVsUniform, 1e-12);
        // The same through the game tree: value 0 and NashConv 0 at the equilibrium.
        GameTrees.Policy equilibrium = s -> mix.clone();
        assertEquals(0.0, GameTrees.expectedReturns(g.initialState(), equilibrium)[0], 1e-12);
        assertEquals(0.0, GameTrees.nashConv(g, equilibrium), 1e-12);
        assertEquals(-50, g.minUtility());
        assertEquals(50, g.maxUtility());
    }

    @Test
    void matchingPenniesUniformIsAnEquilibrium() {
        MatrixGame g = MatrixGame.matchingPennies();
        assertEquals(Game.Utility.ZERO_SUM, g.utility());
        assertArrayEquals(new double[] {1, -1}, g.initialState().child(1).child(1).returns());
        assertArrayEquals(new double[] {-1, 1}, g.initialState().child(0).child(1).returns());
        assertEquals(0.0, GameTrees.nashConv(g, GameTrees.UNIFORM), 1e-12);
        assertEquals(1.0, GameTrees.nashConv(MatrixGame.rps(), s -> new double[] {1, 0, 0}) / 2, 1e-12);
    }

    @Test
    void utilityTypeComesFromTheMatrices() {
        double[][] coordination = {{1, 0}, {0, 1}};
        MatrixGame common = new MatrixGame("coordination", List.of("a", "b"), List.of("a", "b"), coordination,
                coordination);
        assertEquals(Game.Utility.COMMON_PAYOFF, common.utility());
        MatrixGame dilemma = new MatrixGame("prisoners-dilemma", List.of("cooperate", "defect"),
                List.of("cooperate", "defect"), new double[][] {{-1, -3}, {0, -2}}, new double[][] {{-1, 0}, {-3, -2}});
        assertEquals(Game.Utility.GENERAL_SUM, dilemma.utility());
        assertEquals(-3, dilemma.minUtility());
        assertEquals(0, dilemma.maxUtility());
        GameContract.check(common);
        GameContract.check(dilemma);
    }

    @Test
    void nonSquareGamesHaveTheirOwnActionCounts() {
        MatrixGame g = new MatrixGame("2x3", List.of("u", "d"), List.of("l", "m", "r"),
                new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[][] {{0, 0, 0}, {0, 0, 1}});
        assertEquals(3, g.numDistinctActions());
        assertArrayEquals(new int[] {0, 1}, g.initialState().legalActions());
        assertArrayEquals(new int[] {0, 1, 2}, g.initialState().child(1).legalActions());
        assertArrayEquals(new double[] {6, 1}, g.initialState().child(1).child(2).returns());
        assertEquals(6, g.payoff(0, 1, 2));
        GameContract.check(g);
    }

    @Test
    void gettersReturnCopies() {
        MatrixGame g = MatrixGame.rps();
        g.rowPayoffs()[0][1] = 99;
        g.columnPayoffs()[0][1] = 99;
        assertEquals(-1, g.rowPayoffs()[0][1]);
        assertEquals(1, g.columnPayoffs()[0][1]);
        assertEquals(List.of("rock", "paper", "scissors"), g.rowActions());
    }

    @Test
    void badMatricesAreRejectedWithTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MatrixGame("x",
                List.of("a", "b"), List.of("a"), new double[][] {{1}}, new double[][] {{1}, {2}}));
        assertEquals("rowPayoffs must have 2 rows (one per row action), had 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MatrixGame.zeroSum("x", List.of("a"), List.of("a", "b"),
                new double[][] {{1}}));
        assertEquals("rowPayoffs[0] must have 2 entries (one per column action), had 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MatrixGame.zeroSum("x", List.of("a"), List.of("a"),
                new double[][] {{Double.NaN}}));
        assertEquals("rowPayoffs[0][0] must be finite, was NaN", e.getMessage());
    }
}
