package dev.proxima.prefs.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import dev.proxima.prefs.game.PreferenceMatrix;
import dev.proxima.prefs.solve.PreferenceMetrics;
import dev.proxima.prefs.solve.RegularizedNash;
import org.junit.jupiter.api.Test;

/** Nash-MP against spec §2.2(c) [T] and golden A11. */
class NashMpTest {
    @Test
    void oneIterationMatchesGoldenA11() {
        PreferenceMatrix p = PreferenceMatrix.of(new double[][] {{.5, .9, .2}, {.1, .5, .8}, {.8, .2, .5}});
        NashMp mp = new NashMp(p, new double[] {.5, .3, .2}, NashMp.Config.exact(0.1), null);
        mp.iterate();
        assertArrayEquals(new double[] {0.54647234, 0.23493872, 0.21858894}, mp.halfStepPolicy(), 1e-8);
        assertArrayEquals(new double[] {0.52930777, 0.23471985, 0.23597238}, mp.policy(), 1e-8);
        assertEquals(2, mp.queries());
    }

    @Test
    void klContractsAtTheProvenRateEveryIteration() {
        // §2.2(c): 20 games, n ∈ [5, 60], β ∈ {0.3, 0.1, 0.03, 0.01}, η = 2:
        // KL_k ≤ (1+ηβ)^{−k}·KL_0 at every k while KL_k > 1e-12 (measured max ratio 0.95).
        double[] betas = {0.3, 0.1, 0.03, 0.01};
        Rng sizes = Rng.of(77);
        double maxRatio = 0;
        for (int g = 0; g < 20; g++) {
            int n = 5 + sizes.nextInt(56);
            double beta = betas[g % 4];
            RandomGames game = RandomGames.draw(n, 3000 + g);
            double[] star = RegularizedNash.solve(game.p(), game.reference(), beta).policy();
            NashMp mp = new NashMp(game.p(), game.reference(), NashMp.Config.exact(beta), null);
            double kl0 = PreferenceMetrics.kl(star, game.reference());
            double rate = 1 + 2 * beta;
            for (int k = 1; k <= 5000; k++) {
                mp.iterate();
                double kl = PreferenceMetrics.kl(star, mp.policy());
                if (kl <= 1e-12) break;
                double ratio = kl / (Math.pow(rate, -k) * kl0);
                assertTrue(ratio <= 1, "game " + g + " n=" + n + " β=" + beta + " k=" + k + ": KL " + kl
                        + " above the bound, ratio " + ratio);
                maxRatio = Math.max(maxRatio, ratio);
                assertTrue(k < 5000, "game " + g + " did not reach KL 1e-12 in 5000 iterations");
            }
        }
        System.out.printf("Nash-MP rate bound over 20 games: max KL_k / bound = %.3f%n", maxRatio);
    }

    @Test
    void sixtyIterationsReachTheSpecBars() {
        // §2.2(c): n = 10, β = 0.1, π_0 = π_ref, k = 60: KL < 1e-9, E_β < 1e-9, span < 1e-3
        // (maxima over 100 games: 1.1e-10, 1.4e-11, 1.3e-4).
        double maxKl = 0, maxE = 0, maxSpan = 0;
        for (int g = 0; g < 100; g++) {
            RandomGames game = RandomGames.draw(10, 4000 + g);
            var star = RegularizedNash.solve(game.p(), game.reference(), 0.1);
            NashMp mp = new NashMp(game.p(), game.reference(), NashMp.Config.exact(0.1), null);
            mp.run(60);
            double kl = PreferenceMetrics.kl(star.policy(), mp.policy());
            double e = PreferenceMetrics.regularizedExploitability(game.p(), game.reference(), 0.1, mp.policy());
            double span = PreferenceMetrics.span(mp.logPolicy(), star.logPolicy());
            assertTrue(kl < 1e-9, "game " + g + ": KL " + kl);
            assertTrue(e < 1e-9, "game " + g + ": E_β " + e);
            assertTrue(span < 1e-3, "game " + g + ": span " + span);
            maxKl = Math.max(maxKl, kl);
            maxE = Math.max(maxE, e);
            maxSpan = Math.max(maxSpan, span);
        }
        System.out.printf("Nash-MP k=60 over 100 games: max KL %.2e, max E_β %.2e, max span %.2e%n", maxKl, maxE, maxSpan);
    }

    @Test
    void approximateProxStepsReachTheSpecBars() {
        // §2.2(c): n = 10, β = 0.1, η = 2, 40 outer iterations. Exact-gradient inner solver (M = 200, lr 1):
        // KL < 1e-6. Sampled (M = 50, lr 1): B = 256 KL < 6e-3 and B = 64 KL < 4e-2 in every game,
        // and over 5 games mean KL(B=64) ≥ 2 × mean KL(B=256).
        int games = 13;
        double[] exact = new double[games], b256 = new double[games], b64 = new double[games];
        for (int g = 0; g < games; g++) {
            RandomGames game = RandomGames.draw(10, 5000 + g);
            double[] star = RegularizedNash.solve(game.p(), game.reference(), 0.1).policy();
            NashMp e = new NashMp(game.p(), game.reference(), NashMp.Config.exactGradient(0.1), null);
            NashMp s256 = new NashMp(game.p(), game.reference(), NashMp.Config.sampled(0.1, 256), Rng.of(6000 + g));
            NashMp s64 = new NashMp(game.p(), game.reference(), NashMp.Config.sampled(0.1, 64), Rng.of(7000 + g));
            e.run(40);
            s256.run(40);
            s64.run(40);
            exact[g] = PreferenceMetrics.kl(star, e.policy());
            b256[g] = PreferenceMetrics.kl(star, s256.policy());
            b64[g] = PreferenceMetrics.kl(star, s64.policy());
            assertTrue(exact[g] < 1e-6, "game " + g + ": exact-gradient KL " + exact[g]);
            assertTrue(b256[g] < 6e-3, "game " + g + ": B=256 KL " + b256[g]);
            assertTrue(b64[g] < 4e-2, "game " + g + ": B=64 KL " + b64[g]);
        }
        double mean64 = 0, mean256 = 0;
        for (int g = 0; g < 5; g++) {
            mean64 += b64[g] / 5;
            mean256 += b256[g] / 5;
        }
        assertTrue(mean64 >= 2 * mean256, "mean KL B=64 " + mean64 + " vs B=256 " + mean256);
        System.out.printf("Nash-MP approximate, %d games: exact-gradient KL %.1e … %.1e; B=256 %.1e … %.1e; "
                        + "B=64 %.1e … %.1e; mean over 5 games B=64/B=256 = %.1f%n", games, min(exact), max(exact),
                min(b256), max(b256), min(b64), max(b64), mean64 / mean256);
    }

    @Test
    void sampledVariantIsDeterministicGivenTheSeed() {
        RandomGames game = RandomGames.draw(10, 1);
        NashMp a = new NashMp(game.p(), game.reference(), NashMp.Config.sampled(0.1, 64), Rng.of(5));
        NashMp b = new NashMp(game.p(), game.reference(), NashMp.Config.sampled(0.1, 64), Rng.of(5));
        a.run(3);
        b.run(3);
        assertArrayEquals(a.logPolicy(), b.logPolicy(), 0);
    }

    private static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) m = Math.min(m, v);
        return m;
    }

    private static double max(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, v);
        return m;
    }
}
