package dev.proxima.prefs.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import dev.proxima.prefs.game.PreferenceGames;
import dev.proxima.prefs.game.PreferenceMatrix;
import org.junit.jupiter.api.Test;

/** The exact regularised equilibrium and the metrics of spec §0.4, against A11 and A17. */
class RegularizedNashTest {
    static final PreferenceMatrix A11 = PreferenceMatrix.of(new double[][] {{.5, .9, .2}, {.1, .5, .8}, {.8, .2, .5}});
    static final double[] A11_REF = {.5, .3, .2};

    @Test
    void solvesTheThreeResponseGameOfA11() {
        var r = RegularizedNash.solve(A11, A11_REF, 0.1);
        assertArrayEquals(new double[] {0.40088885, 0.21182226, 0.38728889}, r.policy(), 1e-8);
        assertEquals(0.02997062, PreferenceMetrics.regularizedExploitability(A11, A11_REF, 0.1, A11_REF), 1e-8);
        assertEquals(0, PreferenceMetrics.regularizedExploitability(A11, A11_REF, 0.1, r.policy()), 1e-15);
    }

    @Test
    void solvesGame8AsInA17() {
        PreferenceMatrix p = PreferenceGames.game8();
        double[] ref = PreferenceGames.game8Reference();
        var r = RegularizedNash.solve(p, ref, 0.1);
        assertArrayEquals(new double[] {0.11371741, 0.13643874, 0.07073995, 0.17103426, 0.13559462, 0.10217663,
                0.19594834, 0.07435004}, r.policy(), 1e-6);
        assertEquals(0.01242184, PreferenceMetrics.regularizedExploitability(p, ref, 0.1, ref), 1e-7);
    }

    @Test
    void exploitabilityVanishesOnThirtyRandomGames() {
        // Spec §0.4: n ≤ 80, β ∈ [0.005, 0.3]; independent check E_β(π*) < 1e-12.
        Rng rng = Rng.of(20);
        double[] betas = {0.005, 0.01, 0.03, 0.1, 0.3};
        int maxIterations = 0;
        double maxE = 0, maxResidual = 0;
        for (int g = 0; g < 30; g++) {
            int n = 5 + rng.nextInt(76);
            double beta = betas[g % betas.length];
            PreferenceMatrix p = PreferenceGames.random(n, rng);
            double[] ref = PreferenceGames.randomReference(n, 0.5, rng);
            var r = RegularizedNash.solve(p, ref, beta);
            double e = PreferenceMetrics.regularizedExploitability(p, ref, beta, r.policy());
            assertTrue(Math.abs(e) < 1e-12, "game " + g + " n=" + n + " β=" + beta + ": E_β = " + e);
            assertTrue(r.residual() < 1e-12, "game " + g + " n=" + n + " β=" + beta + ": residual " + r.residual());
            maxIterations = Math.max(maxIterations, r.iterations());
            maxE = Math.max(maxE, Math.abs(e));
            maxResidual = Math.max(maxResidual, r.residual());
        }
        System.out.printf("Newton on 30 random games: at most %d iterations, max|E_β| %.2e, max residual %.2e%n",
                maxIterations, maxE, maxResidual);
    }

    @Test
    void rejectsABadReference() {
        var e = assertThrows(IllegalArgumentException.class, () -> RegularizedNash.solve(A11, new double[] {.5, .5}, 0.1));
        assertTrue(e.getMessage().contains("reference"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RegularizedNash.solve(A11, A11_REF, 0));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
    }
}
