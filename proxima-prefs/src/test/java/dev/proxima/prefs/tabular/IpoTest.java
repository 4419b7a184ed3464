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

/** IPO population minimiser against spec §1.3(c) and A17. */
class IpoTest {
    static final Lbfgs.Config SOLVER = new Lbfgs.Config(10, 10_000, 1e-13);

    @Test
    void populationMinimiserIsTheMuWinRateTiltedReference() {
        // §1.3(c) [T]: max|log π − target| after mean-centring < 1e-4, μ with full support.
        double worst = 0;
        for (int g = 0; g < 10; g++) {
            Rng rng = Rng.of(200 + g);
            PreferenceMatrix p = PreferenceGames.random(10, rng);
            double[] ref = PreferenceGames.randomReference(10, 0.5, rng), mu = PreferenceGames.randomReference(10, 1.0, rng);
            double[] pi = Ipo.minimizePopulation(p, ref, mu, Ipo.Config.defaults(), SOLVER);
            double err = centredMaxDiff(Simplex.log(pi), Simplex.log(Ipo.optimum(p, ref, mu, Ipo.Config.defaults())));
            assertTrue(err < 1e-4, "game " + g + ": " + err);
            worst = Math.max(worst, err);
        }
        System.out.printf("IPO population minimiser, 10 random games: max centred |log π − target| = %.2e%n", worst);
    }

    @Test
    void minimiserDependsOnTheBehaviourPolicyOnGame8() {
        // §1.3(c) [T] and A17: TV(IPO(μ1), IPO(μ2)) = 0.335767 ± 1e-5.
        PreferenceMatrix p = PreferenceGames.game8();
        double[] ref = PreferenceGames.game8Reference();
        double[] pi1 = Ipo.minimizePopulation(p, ref, PreferenceGames.game8Mu1(), Ipo.Config.defaults(), SOLVER);
        double[] pi2 = Ipo.minimizePopulation(p, ref, PreferenceGames.game8Mu2(), Ipo.Config.defaults(), SOLVER);
        assertArrayEquals(new double[] {0.12381357, 0.14219637, 0.05376472, 0.15416173, 0.11327209, 0.10001042,
                0.21392255, 0.09885855}, pi1, 1e-6);
        assertArrayEquals(new double[] {0.06832508, 0.29543382, 0.01414850, 0.12085080, 0.19893327, 0.03183712,
                0.07474418, 0.19572724}, pi2, 1e-6);
        double tv = Simplex.totalVariation(pi1, pi2);
        assertEquals(0.335767, tv, 1e-5);
        System.out.printf("IPO on GAME8 (τ=0.1): TV(μ1 solution, μ2 solution) = %.8f%n", tv);
    }

    static double centredMaxDiff(double[] a, double[] b) {
        double mean = 0;
        for (int i = 0; i < a.length; i++) mean += (a[i] - b[i]) / a.length;
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i] - mean));
        return m;
    }
}
