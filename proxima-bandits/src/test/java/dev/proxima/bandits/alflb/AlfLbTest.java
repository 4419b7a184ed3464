package dev.proxima.bandits.alflb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import org.junit.jupiter.api.Test;

/** Worked numbers for the three bias updates of spec §14(a) and one primal–dual step. */
class AlfLbTest {

    @Test
    void updateRulesGiveTheirIncrements() {
        var sign = new AlfLb.UpdateRule.Sign(1e-3);
        assertEquals(-1e-3, sign.increment(1, 130, 128), 0.0);
        assertEquals(1e-3, sign.increment(1, 100, 128), 0.0);
        assertEquals(0.0, sign.increment(1, 128, 128), 0.0); // sign(0) = 0
        assertEquals(0.005, new AlfLb.UpdateRule.Proportional(0.01).increment(1, 64, 128), 1e-18); // 0.01·64/128
        var decay = new AlfLb.UpdateRule.ProportionalDecay(1, 10);
        assertEquals(0.5 / 11, decay.increment(1, 64, 128), 1e-17);  // ε_1 = 1/11
        assertEquals(0.5 / 110, decay.increment(100, 64, 128), 1e-17); // ε_100 = 1/110
        assertEquals(0.0, new AlfLb.UpdateRule.None().increment(5, 0, 128), 0.0);
    }

    @Test
    void oneStepMovesATokenFromTheOverloadedToTheUnderloadedExpert() {
        // N = 2, K = 1, B = 4, L = 2. Every token prefers expert 0: c = (4, 0).
        // PROPORTIONAL(0.06): b_0 += 0.06·(2 − 4)/2 = −0.06, b_1 += 0.06·(2 − 0)/2 = +0.06.
        // Biased margins s_0 − s_1 − 0.12: 0.68, 0.08, −0.02, 0.38 → token 2 moves: c = (3, 1).
        var batch = Routing.Batch.of(new double[][] {{0.9, 0.1}, {0.6, 0.4}, {0.55, 0.45}, {0.8, 0.3}});
        var balancer = new AlfLb(AlfLb.Config.proportional(0.06), 2);
        var first = balancer.step(batch, 1);
        assertArrayEquals(new int[] {4, 0}, first.loads());
        assertEquals(1.0, first.maxViolation(), 0.0);
        assertEquals(1.0, first.retention(), 0.0);
        assertArrayEquals(new double[] {-0.06, 0.06}, balancer.bias(), 1e-17);
        var second = balancer.step(batch, 1);
        assertArrayEquals(new int[] {3, 1}, second.loads());
        assertEquals((0.9 + 0.6 + 0.45 + 0.8) / (0.9 + 0.6 + 0.55 + 0.8), second.retention(), 1e-15);
        // D fell: D(0) = 2.85, D(b_2) = (0.84 + 0.54 + 0.51 + 0.74) − 2·0 = 2.63.
        assertEquals(2.85, first.dual(), 1e-15);
        assertEquals(2.63, second.dual(), 1e-14);
    }

    @Test
    void centringRemovesTheMean() {
        assertArrayEquals(new double[] {-1, 0, 1}, AlfLb.centred(new double[] {2, 3, 4}), 0.0);
    }

    @Test
    void trainRecordsTheBiasEachBatchWasRoutedWith() {
        var cfg = SyntheticRouter.Config.defaults().withBatchSize(64);
        var router = new SyntheticRouter(cfg, Rng.of(2));
        var balancer = new AlfLb(AlfLb.Config.sign(1e-3), 16);
        var r = balancer.train(router::next, 2, 5, true);
        assertArrayEquals(new double[16], r.bias()[0], 0.0);
        assertEquals(5, balancer.steps());
        assertArrayEquals(r.finalBias(), balancer.bias(), 0.0);
        for (double b : r.bias()[1]) assertTrue(b == 0 || Math.abs(b) == 1e-3, "one sign step from 0: " + b);
        assertEquals(2.0, AlfLb.Result.mean(new double[] {1, 2, 3}, 1, 3), 0.0);
    }

    @Test
    void defaultsMatchTheSpec() {
        assertEquals(new AlfLb.UpdateRule.Sign(1e-3), AlfLb.Config.defaults().rule()); // DeepSeek u = 1e-3
        var exp = AlfLbExperiment.Config.defaults();
        assertEquals(SyntheticRouter.Config.defaults(), exp.router());
        assertEquals(3000, exp.steps());
        assertEquals(java.util.List.of("none", "sign", "proportional", "proportional-decay"),
                java.util.List.copyOf(exp.methods().keySet()));
        assertEquals(new AlfLb.UpdateRule.Proportional(0.01), exp.methods().get("proportional").rule());
        assertEquals(new AlfLb.UpdateRule.ProportionalDecay(1, 10), exp.methods().get("proportional-decay").rule());
    }

    @Test
    void invalidSettingsNameTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> AlfLb.Config.sign(0));
        assertTrue(e.getMessage().startsWith("rate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AlfLb.Config.proportional(-1));
        assertTrue(e.getMessage().startsWith("stepSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AlfLb.Config.proportionalDecay(1, -1));
        assertTrue(e.getMessage().startsWith("offset"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AlfLb.Config(null));
        assertTrue(e.getMessage().startsWith("rule"), e.getMessage());
        var balancer = new AlfLb(AlfLb.Config.defaults(), 3);
        var twoExperts = Routing.Batch.of(new double[][] {{0.1, 0.2}});
        e = assertThrows(IllegalArgumentException.class, () -> balancer.step(twoExperts, 1));
        assertTrue(e.getMessage().startsWith("batch has"), e.getMessage());
    }
}
