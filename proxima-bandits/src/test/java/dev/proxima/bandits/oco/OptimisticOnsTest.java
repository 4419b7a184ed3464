package dev.proxima.bandits.oco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Worked numbers for the optimistic online Newton step of spec §2(a) case 3. */
class OptimisticOnsTest {

    @Test
    void defaultsMatchTheSpecTestbed() {
        // β = ½·min{1/(4GD), α} = ½·min{1/16, 1/4} = 1/32; δ_N = 4L = 4; X = unit ball.
        var c = OptimisticOns.Config.defaults();
        assertEquals(1.0 / 32, c.beta(), 0.0);
        assertEquals(4.0, c.deltaN(), 0.0);
        assertEquals(1.0, c.radius(), 0.0);
        assertTrue(c.optimism());
        assertTrue(!c.withoutHint().optimism());
    }

    @Test
    void firstTwoRoundsFollowTheNewtonStepWithTheHint() {
        var ons = new OptimisticOns(OptimisticOns.Config.defaults(), 2);
        assertArrayEquals(new double[] {0, 0}, ons.play(), 0.0); // x_1 = Π(0 − A_1⁻¹·0)
        // g_1 = −(0.6, 0.8), ‖g_1‖ = 1. A_2 = 4I + (1/64)·g gᵀ, so A_2·g = (4 + 1/64)·g and
        // A_2⁻¹g = (64/257)·g. x̂_2 = −A_2⁻¹g = (64/257)(0.6, 0.8); x_2 = x̂_2 − A_2⁻¹M_2 with M_2 = g,
        // i.e. twice as far: (128/257)(0.6, 0.8), inside the ball so no projection.
        ons.observe(new double[] {-0.6, -0.8});
        double k = 128.0 / 257;
        assertArrayEquals(new double[] {0.6 * k, 0.8 * k}, ons.play(), 1e-15);
        double[][] a = ons.metric();
        assertEquals(4 + 0.36 / 64, a[0][0], 1e-15);
        assertEquals(0.48 / 64, a[0][1], 1e-15);
        assertEquals(4 + 0.64 / 64, a[1][1], 1e-15);
    }

    @Test
    void theBaselineKeepsNoHint() {
        var ons = new OptimisticOns(OptimisticOns.Config.defaults().withoutHint(), 2);
        ons.observe(new double[] {-0.6, -0.8});
        double k = 64.0 / 257; // x_2 = x̂_2: no hint step
        assertArrayEquals(new double[] {0.6 * k, 0.8 * k}, ons.play(), 1e-15);
        ons.observe(new double[] {-0.6, -0.8});
        // Without the hint the metric accumulates g gᵀ itself: A_3 = 4I + 2·(1/64)·g gᵀ.
        assertEquals(4 + 2 * 0.36 / 64, ons.metric()[0][0], 1e-15);
    }

    @Test
    void theHintCancelsTheMetricUpdateForARepeatedGradient() {
        var ons = new OptimisticOns(OptimisticOns.Config.defaults(), 2);
        ons.observe(new double[] {-0.6, -0.8});
        ons.observe(new double[] {-0.6, -0.8}); // g_2 − M_2 = 0: A_3 = A_2
        assertEquals(4 + 0.36 / 64, ons.metric()[0][0], 1e-15);
    }

    @Test
    void largeStepsAreProjectedInTheMetricNorm() {
        // A tiny δ_N makes the Newton step leave the ball; the played point must be on the sphere
        // and satisfy the optimality condition of the A-norm projection.
        var ons = new OptimisticOns(new OptimisticOns.Config(1.0 / 32, 0.01, 1.0, true), 2);
        ons.observe(new double[] {-0.3, -1.2});
        double[] x = ons.play();
        assertEquals(1.0, Ball.norm(x), 1e-12);
    }

    @Test
    void invalidSettingsNameTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> new OptimisticOns.Config(0, 4, 1, true));
        assertTrue(e.getMessage().startsWith("beta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OptimisticOns.Config.of(-1, 2, 2, 1));
        assertTrue(e.getMessage().startsWith("expConcavity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new OptimisticOns(OptimisticOns.Config.defaults(), 0));
        assertTrue(e.getMessage().startsWith("dimension"), e.getMessage());
    }
}
