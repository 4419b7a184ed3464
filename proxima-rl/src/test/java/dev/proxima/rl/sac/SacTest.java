package dev.proxima.rl.sac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.envs.Envs;
import org.junit.jupiter.api.Test;

class SacTest {
    static Sac.Config small(boolean autotune) {
        return new Sac.Config(32, 32, 3e-4, 0.99, 0.005, 10_000, 200, 1.0, autotune);
    }

    @Test
    void theSameSeedGivesBitIdenticalLearners() {
        Sac.Learner a = new Sac.Learner(small(true), Envs.makeContinuous("Pendulum-v1"), 7);
        Sac.Learner b = new Sac.Learner(small(true), Envs.makeContinuous("Pendulum-v1"), 7);
        for (int t = 0; t < 600; t++) {
            a.step();
            b.step();
        }
        float[] obs = {0.3f, -0.9f, 1.5f};
        assertArrayEquals(a.act(obs), b.act(obs));
        assertArrayEquals(a.lastLosses(), b.lastLosses());
        assertEquals(a.alpha(), b.alpha());
    }

    /** Early on the policy is far more random than the target entropy −dim(A) asks: α falls. */
    @Test
    void automaticTuningLowersAlphaWhileThePolicyIsTooRandom() {
        Sac.Learner sac = new Sac.Learner(small(true), Envs.makeContinuous("Pendulum-v1"), 3);
        for (int t = 0; t < 1000; t++) sac.step();
        assertTrue(sac.alpha() < 0.95, "alpha " + sac.alpha());
        Sac.Learner fixed = new Sac.Learner(small(false), Envs.makeContinuous("Pendulum-v1"), 3);
        for (int t = 0; t < 1000; t++) fixed.step();
        assertEquals(1.0, fixed.alpha(), 1e-6);
    }

    @Test
    void actionsStayInsideTheBoxAndBadSettingsAreRefused() {
        Sac.Learner sac = new Sac.Learner(small(false), Envs.makeContinuous("Pendulum-v1"), 1);
        for (int t = 0; t < 300; t++) sac.step();
        float[] a = sac.act(new float[] {1, 0, 8});
        assertTrue(a[0] >= -2 && a[0] <= 2, "action " + a[0]);
        var e = assertThrows(IllegalArgumentException.class, () -> new Sac.Config(64, 0, 3e-4, 0.99, 0.005, 100, 10, 0.2, false));
        assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
    }
}
