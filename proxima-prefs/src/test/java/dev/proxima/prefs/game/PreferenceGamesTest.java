package dev.proxima.prefs.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import org.junit.jupiter.api.Test;

/** The games of spec §0.3 and the validation of {@link PreferenceMatrix}. */
class PreferenceGamesTest {
    @Test
    void game8MatchesAppendixA17Inputs() {
        PreferenceMatrix p = PreferenceGames.game8();
        assertEquals(0.14235760, p.get(0, 1), 1e-7);
        assertEquals(0.94037381, p.get(0, 2), 1e-7);
        assertEquals(0.33667638, p.get(1, 2), 1e-7);
        assertArrayEquals(new double[] {0.17509606, 0.15434330, 0.08497861, 0.06871636, 0.11063764, 0.17926659,
                0.14640831, 0.08055313}, PreferenceGames.game8Reference(), 1e-7);
        assertArrayEquals(new double[] {0.40081044, 0.24310382, 0.14744992, 0.08943290, 0.05424379, 0.03290052,
                0.01995518, 0.01210343}, PreferenceGames.game8Mu2(), 1e-7);
        assertEquals(1.0, sum(PreferenceGames.game8Mu1()), 1e-15);
    }

    @Test
    void randomGamesAreAntisymmetricAndFixedBySeed() {
        PreferenceMatrix a = PreferenceGames.random(10, Rng.of(3)), b = PreferenceGames.random(10, Rng.of(3));
        PreferenceMatrix c = PreferenceGames.random(10, Rng.of(4));
        boolean differs = false;
        for (int i = 0; i < 10; i++) {
            assertEquals(0.5, a.get(i, i), 0);
            for (int j = 0; j < 10; j++) {
                assertEquals(1.0, a.get(i, j) + a.get(j, i), 1e-15);
                assertEquals(a.get(i, j), b.get(i, j), 0);
                differs |= a.get(i, j) != c.get(i, j);
            }
        }
        assertTrue(differs, "a different seed must give a different game");
    }

    @Test
    void condorcetWinnerBeatsEveryItem() {
        PreferenceMatrix p = PreferenceGames.condorcet();
        for (int j = 1; j < 5; j++) assertEquals(0.55, p.get(0, j), 0);
        assertEquals(0.95, p.get(1, 3), 0);
        assertEquals(0.5, p.get(2, 4), 0);
    }

    @Test
    void operatorIsTheExpectedWinProbability() {
        PreferenceMatrix p = PreferenceMatrix.of(new double[][] {{.5, .9, .2}, {.1, .5, .8}, {.8, .2, .5}});
        double[] pi = {0.5, 0.3, 0.2};
        // P(y0 ≻ π) = .5·.5 + .9·.3 + .2·.2 = 0.56
        assertEquals(0.56, p.against(pi)[0], 1e-15);
        assertEquals(0.5, p.winRate(pi, pi), 1e-15);
    }

    @Test
    void badMatricesAreRejectedWithTheOffendingEntry() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> PreferenceMatrix.of(new double[][] {{.5, .7}, {.4, .5}}));
        assertTrue(e.getMessage().contains("P[1][0] + P[0][1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PreferenceMatrix.of(new double[][] {{.4, .6}, {.4, .5}}));
        assertTrue(e.getMessage().contains("P[0][0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PreferenceMatrix.of(new double[][] {{.5, 1.2}, {-.2, .5}}));
        assertTrue(e.getMessage().contains("P[0][1]") && e.getMessage().contains("1.2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PreferenceMatrix.of(new double[][] {{.5, .5}, {.5}}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PreferenceGames.random(0, Rng.of(1)));
        assertTrue(e.getMessage().contains("n must be > 0"), e.getMessage());
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s;
    }
}
