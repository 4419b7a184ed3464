package dev.proxima.prefs.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import dev.proxima.prefs.game.PreferenceGames;
import dev.proxima.prefs.game.Simplex;
import dev.proxima.prefs.solve.Lbfgs;
import org.junit.jupiter.api.Test;

/** DPO on a tabular bandit against spec §1.2(c). */
class DpoTest {
    @Test
    void populationMinimiserIsTheRewardTiltedReference() {
        // §1.2(c) [T]: K = 10, π_ref random softmax, BT labels; gradient norm < 1e-9 ⇒
        // max_i |β·ρ(i) − r_i − c| < 1e-4 for the best constant c.
        double worst = 0;
        for (int seed = 0; seed < 5; seed++) {
            Rng rng = Rng.of(100 + seed);
            double[] ref = PreferenceGames.randomReference(10, 1.0, rng), r = new double[10];
            for (int i = 0; i < 10; i++) r[i] = rng.nextGaussian();
            var config = Dpo.Config.defaults();
            var result = Dpo.minimizePopulation(ref, r, config, new Lbfgs.Config(10, 10_000, 1e-10));
            double[] g = new double[10];
            Dpo.populationLoss(result.x(), Simplex.log(ref), r, config, g);
            double norm = 0;
            for (double v : g) norm += v * v;
            assertTrue(Math.sqrt(norm) < 1e-9, "seed " + seed + ": gradient norm " + Math.sqrt(norm));
            double[] logPi = Simplex.logSoftmax(result.x()), dev = new double[10];
            for (int i = 0; i < 10; i++) dev[i] = config.beta() * (logPi[i] - Math.log(ref[i])) - r[i];
            double c = (max(dev) + min(dev)) / 2, err = max(dev) - c;
            assertTrue(err < 1e-4, "seed " + seed + ": max|βρ − r − c| = " + err);
            worst = Math.max(worst, err);
            double[] opt = Dpo.optimum(ref, r, config);
            for (int i = 0; i < 10; i++) assertEquals(opt[i], Math.exp(logPi[i]), 1e-6);
        }
        System.out.printf("DPO population optimum, 5 bandits: max|βρ − r − c| = %.2e%n", worst);
    }

    @Test
    void responsesAbsentFromTheDataGetExactlyZeroGradient() {
        // §1.2(c) [U]: single-context softmax over whole responses: the normaliser cancels in h.
        Rng rng = Rng.of(9);
        double[] logits = new double[10], logRef = Simplex.logSoftmax(new double[] {0.3, -1, 2, 0, 0.5, -0.2, 1, 1, -2, 0});
        for (int i = 0; i < 10; i++) logits[i] = rng.nextGaussian();
        double[] g = new double[10];
        Dpo.datasetLoss(logits, logRef, new int[] {0, 2, 5}, new int[] {2, 7, 0}, Dpo.Config.defaults(), g);
        for (int unseen : new int[] {1, 3, 4, 6, 8, 9}) assertEquals(0.0, g[unseen], 0.0, "response " + unseen);
        assertTrue(Math.abs(g[0]) > 1e-3 && Math.abs(g[7]) > 1e-3);
    }

    @Test
    void datasetGradientMatchesCentralDifferences() {
        double[] logits = {0.2, -0.5, 1.0, 0.1}, logRef = Simplex.logSoftmax(new double[] {0, 0.4, -0.3, 0.2});
        int[] w = {0, 2, 3}, l = {1, 1, 0};
        double[] g = new double[4], tmp = new double[4];
        Dpo.datasetLoss(logits, logRef, w, l, Dpo.Config.defaults(), g);
        for (int i = 0; i < 4; i++) {
            double[] up = logits.clone(), dn = logits.clone();
            up[i] += 1e-5;
            dn[i] -= 1e-5;
            double fd = (Dpo.datasetLoss(up, logRef, w, l, Dpo.Config.defaults(), tmp)
                    - Dpo.datasetLoss(dn, logRef, w, l, Dpo.Config.defaults(), tmp)) / 2e-5;
            assertEquals(fd, g[i], 1e-4 * Math.max(Math.abs(fd), Math.abs(g[i])) + 1e-8);
        }
    }

    static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) m = Math.max(m, v);
        return m;
    }

    static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) m = Math.min(m, v);
        return m;
    }
}
