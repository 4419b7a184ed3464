package dev.proxima.prefs.nash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.envs.text.CyclicPreferences;
import dev.proxima.prefs.policy.TransformerPolicy;
import org.junit.jupiter.api.Test;

class NashMpPgTest {
    static float[] weights(TransformerPolicy p) {
        var params = p.model().parameters();
        int size = 0;
        for (var t : params) size += t.data.length;
        float[] out = new float[size];
        int at = 0;
        for (var t : params) {
            System.arraycopy(t.data, 0, out, at, t.data.length);
            at += t.data.length;
        }
        return out;
    }

    /**
     * With M = 1 the second step is the full step, which starts again from the anchor π_0 with a
     * fresh Adam: Adam's first step moves each weight by at most the learning rate, so the weights
     * end within one learning rate of π_0 (had it continued from the half step, some would be two
     * away).
     */
    @Test
    void eachProximalStepStartsAtTheAnchorAndQueriesAreCounted() {
        CyclicPreferences task = CyclicPreferences.standard();
        TransformerPolicy reference = NashMdPgLearningTest.initial(task, 0).frozenCopy();
        TransformerPolicy policy = NashMdPgLearningTest.initial(task, 0);
        float[] start = weights(policy);
        NashMpPg.Config one = new NashMpPg.Config(2, 0.1, 1, 8, 1.0, false, 1e-2, 1.0);
        NashMpPg.Learner learner = new NashMpPg.Learner(one, policy, reference, task, 5);
        learner.step();
        float[] half = weights(policy);
        assertTrue(!java.util.Arrays.equals(start, half), "the half step moved the policy");
        learner.step();
        float[] full = weights(policy);
        double maxFromStart = 0;
        for (int i = 0; i < full.length; i++) maxFromStart = Math.max(maxFromStart, Math.abs(full[i] - start[i]));
        assertTrue(maxFromStart <= 1e-2 * 1.0001, "full step started at the anchor: max move " + maxFromStart);
        assertEquals(2, learner.steps());
        assertEquals(16, learner.queries());

        TransformerPolicy again = NashMdPgLearningTest.initial(task, 0);
        new NashMpPg.Learner(one, again, reference, task, 5).step();
        assertArrayEquals(half, weights(again), "same seed, same step");
    }

    @Test
    void badSettingsAreRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> new NashMpPg.Config(2, 0, 50, 32, 1, false, 1e-3, 1));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NashMpPg.Config(2, 0.1, 0, 32, 1, false, 1e-3, 1));
        assertTrue(e.getMessage().contains("innerSteps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NashMpPg.Config(-1, 0.1, 5, 32, 1, false, 1e-3, 1));
        assertTrue(e.getMessage().contains("stepSize"), e.getMessage());
    }
}
