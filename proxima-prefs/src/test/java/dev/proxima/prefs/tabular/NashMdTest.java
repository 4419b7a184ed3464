package dev.proxima.prefs.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.prefs.game.PreferenceMatrix;
import dev.proxima.prefs.solve.PreferenceMetrics;
import dev.proxima.prefs.solve.RegularizedNash;
import org.junit.jupiter.api.Test;

/** Nash-MD against spec §2.1(c) [T] and golden A11. */
class NashMdTest {
    static final int GAMES = 20;

    @Test
    void oneStepMatchesGoldenA11() {
        PreferenceMatrix p = PreferenceMatrix.of(new double[][] {{.5, .9, .2}, {.1, .5, .8}, {.8, .2, .5}});
        NashMd md = new NashMd(p, new double[] {.5, .3, .2}, NashMd.Config.constant(0.1, 0.5));
        md.iterate();
        assertArrayEquals(new double[] {0.51469388, 0.27942857, 0.20587755}, md.policy(), 1e-8);
    }

    @Test
    void decayingStepReachesTheEquilibriumIn800Iterations() {
        // §2.1(c): n ∈ {10, 50}, τ = 0.1, π_0 = μ, KL(π*‖π_800) < 1e-5 (measured 5.2e-7 and 1.7e-7).
        for (int n : new int[] {10, 50}) {
            double worst = 0;
            for (int g = 0; g < GAMES; g++) {
                RandomGames game = RandomGames.draw(n, 1000L * n + g);
                double[] star = RegularizedNash.solve(game.p(), game.reference(), 0.1).policy();
                NashMd md = new NashMd(game.p(), game.reference(), NashMd.Config.decaying(0.1));
                md.run(800);
                double kl = PreferenceMetrics.kl(star, md.policy());
                assertTrue(kl < 1e-5, "n=" + n + " game " + g + ": KL(π*‖π_800) = " + kl);
                worst = Math.max(worst, kl);
            }
            System.out.printf("Nash-MD decaying step, n=%d, τ=0.1, %d games: max KL(π*‖π_800) = %.2e%n", n, GAMES, worst);
        }
    }

    @Test
    void constantStepStallsAtAFloorThatScalesLikeEtaSquared() {
        // §2.1(c): floor(η) = min_{t∈[1500,3000]} KL(π*‖π_t) ≥ 1e-6 for η ∈ {0.25, 0.5, 1, 2},
        // floor(2η)/floor(η) ∈ [3, 6] for η ∈ {0.25, 0.5, 1}.
        double[] etas = {0.25, 0.5, 1, 2};
        for (int n : new int[] {10, 50}) {
            double minFloor = Double.POSITIVE_INFINITY, minRatio = Double.POSITIVE_INFINITY, maxRatio = 0;
            for (int g = 0; g < GAMES; g++) {
                RandomGames game = RandomGames.draw(n, 2000L * n + g);
                double[] star = RegularizedNash.solve(game.p(), game.reference(), 0.1).policy();
                double[] floor = new double[etas.length];
                for (int e = 0; e < etas.length; e++) {
                    NashMd md = new NashMd(game.p(), game.reference(), NashMd.Config.constant(0.1, etas[e]));
                    md.run(1499);
                    double min = Double.POSITIVE_INFINITY;
                    for (int t = 1500; t <= 3000; t++) {
                        md.iterate();
                        min = Math.min(min, PreferenceMetrics.kl(star, md.policy()));
                    }
                    floor[e] = min;
                    assertTrue(min >= 1e-6, "n=" + n + " game " + g + " η=" + etas[e] + ": floor " + min);
                    minFloor = Math.min(minFloor, min);
                }
                for (int e = 0; e < 3; e++) {
                    double ratio = floor[e + 1] / floor[e];
                    assertTrue(ratio >= 3 && ratio <= 6, "n=" + n + " game " + g + " floor(" + etas[e + 1] + ")/floor("
                            + etas[e] + ") = " + ratio);
                    minRatio = Math.min(minRatio, ratio);
                    maxRatio = Math.max(maxRatio, ratio);
                }
            }
            System.out.printf("Nash-MD constant step, n=%d, %d games: min floor %.2e, floor ratios %.2f … %.2f%n",
                    n, GAMES, minFloor, minRatio, maxRatio);
        }
    }

    @Test
    void configRejectsAMixtureWeightAboveOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> NashMd.Config.constant(0.1, 20));
        assertTrue(e.getMessage().contains("stepSize·tau"), e.getMessage());
    }
}
