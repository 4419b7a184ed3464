package dev.proxima.prefs.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import dev.proxima.prefs.game.PreferenceGames;
import dev.proxima.prefs.game.Simplex;
import dev.proxima.prefs.loss.PairLoss;
import dev.proxima.prefs.solve.PreferenceMetrics;
import org.junit.jupiter.api.Test;

/** XPO against spec §2.3(c). */
class XpoTest {
    @Test
    void bonusGradientIsAlphaTimesIndicatorMinusPolicy() {
        double[] pi = {0.5, 0.3, 0.2}, g = new double[3];
        Xpo.bonusGradient(pi, 1, 0.01, g);
        assertArrayEquals(new double[] {-0.005, 0.007, -0.002}, g, 1e-15);
    }

    @Test
    void alphaZeroIsOnlineDpo() {
        var zero = new Xpo.Config(0, 0.1);
        double dpo = PairLoss.dpo(PairLoss.margin(-3.0, -3.5, -4.0, -3.2), 0.1);
        assertEquals(dpo, Xpo.loss(-3.0, -3.5, -4.0, -3.2, -2.7, zero), 0);
        assertEquals(dpo + 1e-5 * -2.7, Xpo.loss(-3.0, -3.5, -4.0, -3.2, -2.7, Xpo.Config.defaults()), 1e-15);
    }

    @Test
    void klFromTheReferenceGrowsStrictlyWithAlpha() {
        // §2.3(c) [T]: K = 20, 30 ordered pairs of distinct responses from π_ref, winner ~ σ(r_i − r_j),
        // 200 GD steps from π_ref, β = 0.1, lr 1; KL(π_ref‖π) strictly increasing in α, 20/20 seeds.
        double[] alphas = {0, 1e-3, 1e-2, 1e-1};
        StringBuilder sample = new StringBuilder();
        for (int seed = 0; seed < 20; seed++) {
            Rng rng = Rng.of(500 + seed);
            double[] ref = PreferenceGames.randomReference(20, 1.0, rng), r = new double[20];
            for (int i = 0; i < 20; i++) r[i] = rng.nextGaussian();
            int[] w = new int[30], l = new int[30];
            for (int k = 0; k < 30; k++) {
                int i = Simplex.sample(ref, rng), j;
                do j = Simplex.sample(ref, rng); while (j == i);
                boolean iWins = rng.nextDouble() < PairLoss.sigmoid(r[i] - r[j]);
                w[k] = iWins ? i : j;
                l[k] = iWins ? j : i;
            }
            double previous = -1;
            double[] kls = new double[alphas.length];
            for (int a = 0; a < alphas.length; a++) {
                double[] pi = Simplex.softmax(Xpo.train(ref, w, l, new Xpo.Config(alphas[a], 0.1), 200, 1.0));
                kls[a] = PreferenceMetrics.kl(ref, pi);
                assertTrue(kls[a] > previous, "seed " + seed + ": KL(π_ref‖π) at α=" + alphas[a] + " is " + kls[a]
                        + ", not above " + previous);
                previous = kls[a];
            }
            if (seed == 0) sample.append(java.util.Arrays.toString(kls));
        }
        System.out.println("XPO: KL(π_ref‖π) strictly increasing in α ∈ {0, 1e-3, 1e-2, 1e-1} in 20/20 seeds; seed 0: "
                + sample);
    }
}
