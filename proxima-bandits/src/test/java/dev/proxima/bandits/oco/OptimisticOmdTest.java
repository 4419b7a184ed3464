package dev.proxima.bandits.oco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.bandits.oco.OptimisticOmd.Hint;
import dev.proxima.bandits.oco.OptimisticOmd.StepSize;
import org.junit.jupiter.api.Test;

/** Worked numbers for each update of {@link OptimisticOmd} and its presets (OGD, OMD). */
class OptimisticOmdTest {
    static final Geometry UNIT_BALL = Geometry.ball(2, 1.0);

    /** f(x) = ½ Σ λ_i (x_i − c_i)² with λ = (1, 0.003), c = (0.3, 0.6): the noiseless convex regime. */
    static double[] gradient(double[] x) {
        return new double[] {x[0] - 0.3, 0.003 * (x[1] - 0.6)};
    }

    @Test
    void firstFourRoundsMatchTheSpecIterateCheck() {
        // Spec §2(c) [review]: δ = 1, D = 2, L = 1. Every η_t is capped at 1/(4L) = 0.25, since
        // D/√(δ + Σ‖g − M‖²) ≥ 2/√1.1 > 0.25 for these small residuals.
        // Round 1: x̂ = 0, M = 0 → x_1 = 0, g_1 = (−0.3, −0.0018), x̂_2 = −0.25·g_1 = (0.075, 0.00045).
        // Round 2: M_2 = g_1 → x_2 = x̂_2 − 0.25·g_1 = (0.15, 0.0009); g_2 = (−0.15, −0.0017973),
        //          x̂_3 = x̂_2 − 0.25·g_2 = (0.1125, 0.000899325).
        // Round 3: x_3 = x̂_3 − 0.25·g_2 = (0.15, 0.00134865); g_3 = (−0.15, −0.00179595405),
        //          x̂_4 = (0.15, 0.0013482385125).
        // Round 4: x_4 = x̂_4 − 0.25·g_3 = (0.1875, 0.00179722702...).
        var omd = new OptimisticOmd(OptimisticOmd.Config.convex(2, 1), UNIT_BALL);
        double[][] expected = {{0, 0}, {0.15, 0.0009}, {0.15, 0.00134865}, {0.1875, 0.0017973}};
        for (double[] e : expected) {
            assertEquals(0.25, omd.stepSize(), 0.0);
            double[] x = omd.play();
            assertArrayEquals(e, x, 1e-7);
            omd.observe(gradient(x));
        }
        assertEquals(4, omd.rounds());
    }

    @Test
    void withoutTheHintTheSecondPointIsHalfAsFar() {
        var omd = new OptimisticOmd(OptimisticOmd.Config.convex(2, 1).withoutHint(), UNIT_BALL);
        omd.observe(gradient(omd.play()));
        assertArrayEquals(new double[] {0.075, 0.00045}, omd.play(), 1e-15);
    }

    @Test
    void selfConfidentStepFollowsTheAccumulatedHintError() {
        var rule = new StepSize.SelfConfident(2, 1, 1);
        assertEquals(0.25, rule.at(1, 0), 0.0);       // 2/√1 = 2, capped at 1/4
        assertEquals(0.25, rule.at(9, 63), 0.0);      // 2/√64 = 0.25
        assertEquals(0.2, rule.at(9, 99), 1e-15);     // 2/√100
        assertEquals(0.02, rule.at(9, 9999), 1e-15);  // 2/√10000
    }

    @Test
    void theAccumulatorSumsSquaredHintErrors() {
        // D = 1, L = 1/400 so the cap 100 never binds: η_t = 1/√(1 + Σ‖g − M‖²).
        var omd = new OptimisticOmd(new OptimisticOmd.Config(new StepSize.SelfConfident(1, 0.0025, 1),
                Hint.LAST_GRADIENT), Geometry.ball(2, 100));
        omd.observe(new double[] {3, 0});   // residual (3, 0): Σ = 9
        assertEquals(1 / Math.sqrt(10), omd.stepSize(), 1e-15);
        omd.observe(new double[] {3, 4});   // residual (0, 4): Σ = 25
        assertEquals(1 / Math.sqrt(26), omd.stepSize(), 1e-15);
        omd.observe(new double[] {3, 4});   // residual 0: unchanged
        assertEquals(1 / Math.sqrt(26), omd.stepSize(), 1e-15);
    }

    @Test
    void stronglyConvexStepIsCappedThenDecaysAsTwoOverLambdaT() {
        var rule = OptimisticOmd.Config.stronglyConvex(0.5, 1).stepSize();
        assertEquals(0.25, rule.at(1, 0), 0.0);      // 4/1 capped at 1/(4L)
        assertEquals(0.25, rule.at(16, 0), 0.0);     // 4/16
        assertEquals(0.125, rule.at(32, 0), 0.0);    // 4/32
        var ogd = OptimisticOmd.Config.ogdStronglyConvex(0.5);
        assertEquals(Hint.NONE, ogd.hint());
        assertEquals(2.0, ogd.stepSize().at(1, 0), 0.0);
        assertEquals(0.02, ogd.stepSize().at(100, 0), 1e-17);
    }

    @Test
    void ogdIsProjectedGradientDescentWithStepOneOverRootT() {
        // Convex baseline of spec §2(b): η_t = D/(G√t) = 1/√t.
        var ogd = new OptimisticOmd(OptimisticOmd.Config.ogdConvex(2, 2), UNIT_BALL);
        assertArrayEquals(new double[] {0, 0}, ogd.play(), 0.0);
        ogd.observe(new double[] {-0.6, 0.8});            // x_2 = −1·g = (0.6, −0.8), on the sphere
        assertArrayEquals(new double[] {0.6, -0.8}, ogd.play(), 1e-15);
        ogd.observe(new double[] {-Math.sqrt(2), 0});     // η_2 = 1/√2: y = (1.6, −0.8), projected
        double n = Math.hypot(1.6, 0.8);
        assertArrayEquals(new double[] {1.6 / n, -0.8 / n}, ogd.play(), 1e-15);
    }

    @Test
    void onTheSimplexTheStepIsMultiplicativeWeights() {
        // From uniform with v = (1, 0) and η = ln 2: x ∝ (½·e^{−ln 2}, ½) = (1/4, 1/2) → (1/3, 2/3).
        Geometry simplex = Geometry.simplex(2);
        double[] out = new double[2];
        simplex.step(simplex.centre(), new double[] {1, 0}, Math.log(2), out);
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3}, out, 1e-15);
        assertEquals(9.0, simplex.dualNormSquared(new double[] {-3, 2}), 0.0);
    }

    @Test
    void optimisticHedgePlaysTheHintStepOnTheSimplex() {
        // Experts with constant loss vector g = (1, 0) and a fixed η = ln 2 (InverseTime with the cap binding).
        var hedge = new OptimisticOmd(new OptimisticOmd.Config(new StepSize.InverseTime(1e9, Math.log(2)),
                Hint.LAST_GRADIENT), Geometry.simplex(2));
        assertArrayEquals(new double[] {0.5, 0.5}, hedge.play(), 1e-15);
        hedge.observe(new double[] {1, 0});
        // x̂_2 = (1/3, 2/3); with M_2 = g the played point moves once more: ∝ (1/3·½, 2/3) = (1/5, 4/5).
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3}, hedge.anchor(), 1e-15);
        assertArrayEquals(new double[] {0.2, 0.8}, hedge.play(), 1e-15);
    }

    @Test
    void defaultsMatchTheSpec() {
        var convex = OptimisticOmd.Config.convex(2, 1);
        assertEquals(new StepSize.SelfConfident(2, 1, 1), convex.stepSize()); // δ = 1 (spec §2(a) case 1)
        assertEquals(Hint.LAST_GRADIENT, convex.hint());
        assertEquals(new StepSize.InverseTime(4, 0.25), OptimisticOmd.Config.stronglyConvex(0.5, 1).stepSize());
        assertEquals(new StepSize.InverseSqrt(1), OptimisticOmd.Config.ogdConvex(2, 2).stepSize());
        assertEquals(Hint.NONE, convex.withoutHint().hint());
        assertEquals(convex.stepSize(), convex.withoutHint().stepSize());
    }

    @Test
    void invalidSettingsNameTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> new StepSize.SelfConfident(2, 1, 0));
        assertTrue(e.getMessage().startsWith("delta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OptimisticOmd.Config.stronglyConvex(0.5, 1, 3));
        assertTrue(e.getMessage().startsWith("factor"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new OptimisticOmd.Config(null, Hint.NONE));
        assertTrue(e.getMessage().startsWith("stepSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StepSize.InverseTime(1, 0));
        assertTrue(e.getMessage().startsWith("cap"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Geometry.ball(2, -1));
        assertTrue(e.getMessage().startsWith("radius"), e.getMessage());
        var omd = new OptimisticOmd(OptimisticOmd.Config.convex(2, 1), UNIT_BALL);
        e = assertThrows(IllegalArgumentException.class, () -> omd.observe(new double[3]));
        assertTrue(e.getMessage().startsWith("gradient"), e.getMessage());
    }
}
