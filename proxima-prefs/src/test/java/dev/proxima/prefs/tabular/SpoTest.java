package dev.proxima.prefs.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import dev.proxima.prefs.game.PreferenceGames;
import dev.proxima.prefs.game.PreferenceMatrix;
import dev.proxima.prefs.solve.PreferenceMetrics;
import org.junit.jupiter.api.Test;

/** SPO against spec §2.14(c) [T] and golden A12. */
class SpoTest {
    @Test
    void winRateRewardsMatchGoldenA12() {
        PreferenceMatrix p = PreferenceMatrix.of(new double[][] {{.5, .9, .2}, {.1, .5, .8}, {.8, .2, .5}});
        assertArrayEquals(new double[] {0.533333, 0.333333, 0.6, 0.533333},
                Spo.winRateRewards(p, new int[] {0, 1, 2, 0}), 1e-6);
    }

    @Test
    void condorcetWinnerGetsTheMassWhereBradleyTerryPicksAnotherItem() {
        PreferenceMatrix p = PreferenceGames.condorcet();
        double[] s = BradleyTerry.fit(p);
        assertArrayEquals(new double[] {0, 1.1082, -0.6217, -0.6217, -0.6217}, s, 1e-4);
        int btBest = 0;
        for (int i = 1; i < 5; i++) if (s[i] > s[btBest]) btBest = i;
        assertEquals(1, btBest, "the BT fit must rank item 1 first");
        Spo spo = new Spo(p, new Spo.Config(0.5, 8));
        spo.run(2000);
        double avg0 = spo.averagePolicy()[0], last0 = spo.policy()[0];
        assertTrue(avg0 >= 0.95, "average-iterate mass on item 0: " + avg0);
        System.out.printf("SPO on CONDORCET (T=2000, η=0.5): average iterate %.4f on item 0, last iterate %.4f; "
                + "BT scores %s%n", avg0, last0, java.util.Arrays.toString(s));
    }

    @Test
    void averageIterateExploitabilityIsWithinTheHedgeBound() {
        // §2.14(c): n ∈ {10, 30}, T ∈ {1000, 10000}: max_y P(y ≻ π̄) − ½ ≤ √(ln n/(2T)) in every game.
        for (int n : new int[] {10, 30}) {
            for (int horizon : new int[] {1000, 10_000}) {
                double bound = Math.sqrt(Math.log(n) / (2.0 * horizon)), lo = 1, hi = 0;
                for (int g = 0; g < 20; g++) {
                    PreferenceMatrix p = PreferenceGames.random(n, Rng.of(8000L + 100L * n + g));
                    Spo spo = new Spo(p, Spo.Config.hedge(n, horizon));
                    spo.run(horizon);
                    double e = PreferenceMetrics.exploitability(p, spo.averagePolicy());
                    assertTrue(e <= bound, "n=" + n + " T=" + horizon + " game " + g + ": " + e + " > " + bound);
                    lo = Math.min(lo, e);
                    hi = Math.max(hi, e);
                }
                System.out.printf("SPO n=%d T=%d, 20 games: exploitability %.4f … %.4f (bound %.4f)%n", n, horizon, lo,
                        hi, bound);
            }
        }
    }
}
