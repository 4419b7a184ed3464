package dev.proxima.prefs.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import dev.proxima.prefs.game.PreferenceGames;
import dev.proxima.prefs.game.PreferenceMatrix;
import dev.proxima.prefs.game.Simplex;
import dev.proxima.prefs.solve.Lbfgs;
import org.junit.jupiter.api.Test;

/** SRPO against spec §2.17(c) [T] and A17. */
class SrpoTest {
    static final Srpo.Config CONFIG = Srpo.Config.defaults();

    @Test
    void closedFormsSatisfyIdentitiesI1ToI3() {
        double worst = 0;
        for (int g = 0; g < 10; g++) {
            Rng rng = Rng.of(300 + g);
            PreferenceMatrix p = g == 0 ? PreferenceGames.game8() : PreferenceGames.random(4 + g, rng);
            int n = p.size();
            double[] ref = g == 0 ? PreferenceGames.game8Reference() : PreferenceGames.randomReference(n, 0.5, rng);
            double[][] rev = Srpo.reviserClosedForm(p, ref, CONFIG);
            double[] pi = Srpo.policyClosedForm(p, ref, CONFIG);
            double b = CONFIG.beta();
            for (int y1 = 0; y1 < n; y1++) {
                for (int y2 = 0; y2 < n; y2++) {
                    double h12 = Math.log(rev[y2][y1] / ref[y1]), h22 = Math.log(rev[y2][y2] / ref[y2]);
                    double h21 = Math.log(rev[y1][y2] / ref[y2]), h11 = Math.log(rev[y1][y1] / ref[y1]);
                    double gd = Math.log(pi[y1] / ref[y1]) - Math.log(pi[y2] / ref[y2]);
                    double i1 = b * (h12 - h22) - (p.get(y1, y2) - 0.5);
                    double i2 = b * gd - b * (h11 - h22);
                    double i3 = b * gd + b * (h12 - h21) - (2 * p.get(y1, y2) - 1);
                    worst = Math.max(worst, Math.max(Math.abs(i1), Math.max(Math.abs(i2), Math.abs(i3))));
                }
            }
        }
        assertTrue(worst < 1e-12, "identity residual " + worst);
        System.out.printf("SRPO identities I1–I3 on 10 games: max residual %.1e%n", worst);
    }

    @Test
    void populationMinimiserDoesNotDependOnTheBehaviourPolicy() {
        // §2.17(c) [T]: loss < 1e-12 and max|log π − log π*| < 1e-4 under μ1 and μ2 on GAME8
        // (L-BFGS reached 3.3e-8 and 2.5e-7), while IPO's solutions differ by TV 0.335767.
        PreferenceMatrix p = PreferenceGames.game8();
        double[] ref = PreferenceGames.game8Reference();
        double[] star = Srpo.policyClosedForm(p, ref, CONFIG);
        assertArrayEquals(new double[] {0.04337060, 0.14706260, 0.02462089, 0.30910107, 0.03535083, 0.04408485,
                0.32857567, 0.06783349}, star, 1e-6);
        Lbfgs.Config solver = new Lbfgs.Config(20, 20_000, 1e-14);
        double[][] found = new double[2][];
        String[] names = {"μ1", "μ2"};
        double[][] mus = {PreferenceGames.game8Mu1(), PreferenceGames.game8Mu2()};
        for (int m = 0; m < 2; m++) {
            var sol = Srpo.minimizePopulation(p, ref, mus[m], CONFIG, solver);
            double err = 0;
            for (int i = 0; i < 8; i++) err = Math.max(err, Math.abs(Math.log(sol.policy()[i]) - Math.log(star[i])));
            assertTrue(sol.loss() < 1e-12, names[m] + ": loss " + sol.loss());
            assertTrue(err < 1e-4, names[m] + ": max|log π − log π*| = " + err);
            found[m] = sol.policy();
            System.out.printf("SRPO on GAME8 under %s: loss %.1e, max|log π − log π*| = %.1e%n", names[m], sol.loss(), err);
        }
        double ipoTv = Simplex.totalVariation(
                Ipo.optimum(p, ref, mus[0], Ipo.Config.defaults()), Ipo.optimum(p, ref, mus[1], Ipo.Config.defaults()));
        assertTrue(Simplex.totalVariation(found[0], found[1]) < 1e-4 && ipoTv > 0.3,
                "SRPO TV " + Simplex.totalVariation(found[0], found[1]) + ", IPO TV " + ipoTv);
    }

    @Test
    void populationLossGradientMatchesCentralDifferences() {
        Rng rng = Rng.of(12);
        PreferenceMatrix p = PreferenceGames.random(4, rng);
        double[] ref = PreferenceGames.randomReference(4, 0.5, rng), mu = PreferenceGames.randomReference(4, 1, rng);
        double[] x = new double[20], g = new double[20], tmp = new double[20];
        for (int i = 0; i < 20; i++) x[i] = rng.nextGaussian();
        double[] logRef = Simplex.log(ref);
        Srpo.populationLoss(x, logRef, p, mu, CONFIG, g);
        for (int i = 0; i < 20; i++) {
            double[] up = x.clone(), dn = x.clone();
            up[i] += 1e-5;
            dn[i] -= 1e-5;
            double fd = (Srpo.populationLoss(up, logRef, p, mu, CONFIG, tmp)
                    - Srpo.populationLoss(dn, logRef, p, mu, CONFIG, tmp)) / 2e-5;
            assertEquals(fd, g[i], 1e-4 * Math.max(Math.abs(fd), Math.abs(g[i])) + 1e-8, "coordinate " + i);
        }
    }

    @Test
    void oneSelfRevisionWins() {
        // §2.17(c) [T]: 0.685778 on GAME8 (A17), > 0.5 on random games.
        PreferenceMatrix p = PreferenceGames.game8();
        double[] ref = PreferenceGames.game8Reference();
        double w = Srpo.revisionWinRate(p, Srpo.policyClosedForm(p, ref, CONFIG), Srpo.reviserClosedForm(p, ref, CONFIG));
        assertEquals(0.685778, w, 1e-5);
        double lo = 1;
        for (int g = 0; g < 20; g++) {
            Rng rng = Rng.of(400 + g);
            PreferenceMatrix q = PreferenceGames.random(10, rng);
            double[] r = PreferenceGames.randomReference(10, 0.5, rng);
            double wg = Srpo.revisionWinRate(q, Srpo.policyClosedForm(q, r, CONFIG), Srpo.reviserClosedForm(q, r, CONFIG));
            assertTrue(wg > 0.5, "game " + g + ": " + wg);
            lo = Math.min(lo, wg);
        }
        System.out.printf("SRPO revision win-rate: GAME8 %.8f, 20 random games min %.4f%n", w, lo);
    }
}
