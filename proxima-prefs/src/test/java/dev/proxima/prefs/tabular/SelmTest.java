package dev.proxima.prefs.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import dev.proxima.prefs.game.PreferenceGames;
import dev.proxima.prefs.game.Simplex;
import org.junit.jupiter.api.Test;

/** SELM against spec §2.12(c). */
class SelmTest {
    @Test
    void lossOfAWorkedPair() {
        // A9's pair (h = 1.3, DPO 0.630258) with y_s scored log π = −1.0, log π_ref = −1.5 (ρ = 0.5):
        // L = 0.630258 + α·β·0.5 = 0.630258 + 0.5·0.1·0.5 = 0.655258.
        assertEquals(0.655258, Selm.loss(-3.0, -3.5, -4.0, -3.2, -1.0, -1.5, Selm.Config.toy()), 1e-6);
    }

    @Test
    void alphaZeroIsIterativeDpo() {
        Rng rng = Rng.of(1);
        double[] ref = PreferenceGames.randomReference(6, 1, rng), logits = new double[6];
        for (int i = 0; i < 6; i++) logits[i] = rng.nextGaussian();
        int[] c = {0, 3, 4}, r = {1, 1, 5};
        double[] gs = new double[6], gd = new double[6];
        double s = Selm.tabularObjective(logits, Simplex.log(ref), c, r, 2, new Selm.Config(0.1, 0), gs);
        double d = Dpo.datasetLoss(logits, Simplex.log(ref), c, r, new Dpo.Config(0.1), gd);
        assertEquals(d, s, 0);
        assertArrayEquals(gd, gs, 0);
    }

    @Test
    void bonusLowersTheLogRatioOfTheGreedyReferenceResponse() {
        // §2.12(c) [T]: K = 20, y_s = argmax π_ref, 10 pairs of distinct responses from π_ref re-ranked with y_s
        // by r, β = 0.1, α = 0.5, 200 GD steps, lr 1: log π(y_s)/π_ref(y_s) strictly lower with SELM (50/50 seeds).
        double maxGap = Double.NEGATIVE_INFINITY;
        for (int seed = 0; seed < 50; seed++) {
            Rng rng = Rng.of(600 + seed);
            double[] ref = PreferenceGames.randomReference(20, 1.0, rng), r = new double[20];
            for (int i = 0; i < 20; i++) r[i] = rng.nextGaussian();
            int ys = 0;
            for (int i = 1; i < 20; i++) if (ref[i] > ref[ys]) ys = i;
            int[] chosen = new int[10], rejected = new int[10];
            for (int k = 0; k < 10; k++) {
                int a = Simplex.sample(ref, rng), b;
                do b = Simplex.sample(ref, rng); while (b == a);
                int[] cr = Selm.rank(ys, a, b, r);
                chosen[k] = cr[0];
                rejected[k] = cr[1];
            }
            double[] selm = Simplex.logSoftmax(Selm.iterate(ref, chosen, rejected, ys, Selm.Config.toy(), 200, 1.0));
            double[] dpo = Simplex.logSoftmax(Selm.iterate(ref, chosen, rejected, ys, new Selm.Config(0.1, 0), 200, 1.0));
            double rhoSelm = selm[ys] - Math.log(ref[ys]), rhoDpo = dpo[ys] - Math.log(ref[ys]);
            assertTrue(rhoSelm < rhoDpo, "seed " + seed + ": SELM " + rhoSelm + " vs DPO " + rhoDpo);
            maxGap = Math.max(maxGap, rhoSelm - rhoDpo);
        }
        System.out.printf("SELM: log π(y_s)/π_ref(y_s) lower than DPO's in 50/50 seeds (largest SELM − DPO %.3f)%n", maxGap);
    }
}
