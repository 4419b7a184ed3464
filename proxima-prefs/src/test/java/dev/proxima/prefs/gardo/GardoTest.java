package dev.proxima.prefs.gardo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.random.Rng;
import dev.proxima.envs.text.Addition;
import dev.proxima.envs.text.DigitSum;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.rl.RiskGate;
import dev.proxima.prefs.sft.Sft;
import dev.proxima.prefs.sft.SftReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GardoTest {
    static TransformerPolicy policy() {
        return new TransformerPolicy(new TinyTransformer(TinyTransformer.Config.tiny(29, 40), Rng.of(4)));
    }

    /**
     * Spec §2.7(c) [U], the reset trigger: with a KL threshold no step reaches, the reference moves
     * to π_θ only when more than {@code resetEvery} steps have passed (here at steps 4 and 7 for
     * resetEvery 2); with threshold 0, before every step that follows one whose policy had moved from π_ref.
     */
    @Test
    void theReferenceResetsOnScheduleOrWhenTheKlCrossesTheThreshold() {
        DigitSum task = new DigitSum();
        Gardo.Config never = new Gardo.Config(4, 4, 0.2, 0.04, RiskGate.Sign.PROXY_OPTIMISTIC, 1e9, 2, 1.0, 3e-4, 1.0);
        TransformerPolicy p = policy();
        Gardo.Learner scheduled = new Gardo.Learner(never, p, p.frozenCopy(), task, 1);
        double[] resets = new double[7];
        for (int s = 0; s < 7; s++) {
            scheduled.step();
            resets[s] = scheduled.lastMetrics().get("reference_resets");
        }
        assertEquals(java.util.Arrays.toString(new double[] {0, 0, 0, 1, 1, 1, 2}), java.util.Arrays.toString(resets));
        Gardo.Config always = new Gardo.Config(4, 4, 0.2, 0.04, RiskGate.Sign.PROXY_OPTIMISTIC, 0, 1000, 1.0, 3e-4, 1.0);
        // A reference that earns some reward, so that the first step moves the policy.
        TransformerPolicy q = SftReference.load(task, TinyTransformer.Config.tiny(29, 40), Sft.Config.defaults(100), 0,
                Path.of("target", "sft-cache"));
        Gardo.Learner eager = new Gardo.Learner(always, q, q.frozenCopy(), task, 1);
        double[] eagerResets = new double[6];
        for (int s = 0; s < 6; s++) {
            eager.step();
            eagerResets[s] = eager.lastMetrics().get("reference_resets");
        }
        // The step right after a reset compares π_θ with itself (KL 0), so resets come every other step.
        assertEquals(java.util.Arrays.toString(new double[] {0, 0, 1, 1, 2, 2}), java.util.Arrays.toString(eagerResets));
        double g = eager.lastMetrics().get("gate_fraction");
        assertTrue(g >= RiskGate.RiskCompensator.MIN && g <= RiskGate.RiskCompensator.MAX, "gate fraction " + g);
    }

    @Test
    void aTaskWithoutAuxiliaryRewardsIsRefused() {
        TransformerPolicy p = policy();
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Gardo.Learner(Gardo.Config.defaults(), p, p.frozenCopy(), Addition.twoDigits(), 1));
        assertTrue(e.getMessage().contains("has no auxiliary rewards"), e.getMessage());
    }
}
