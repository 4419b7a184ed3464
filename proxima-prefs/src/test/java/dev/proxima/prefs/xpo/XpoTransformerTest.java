package dev.proxima.prefs.xpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.envs.text.BradleyTerryPreferences;
import dev.proxima.prefs.dpo.Dpo;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.TransformerPolicy;
import org.junit.jupiter.api.Test;

class XpoTransformerTest {
    private static TransformerPolicy policy(BradleyTerryPreferences task, long seed) {
        TinyTransformer m = new TinyTransformer(TinyTransformer.Config.tiny(task.vocabularySize(), 40), Rng.of(seed));
        Rng rng = Rng.of(seed + 9);
        for (Tensor p : m.parameters()) for (int i = 0; i < p.size(); i++) p.data[i] += (float) (0.1 * rng.nextGaussian());
        return new TransformerPolicy(m, task.responseTokens());
    }

    /** Spec §2.3(c): α = 0 gives exactly online DPO's loss on the same pair; α adds α·mean log π_θ(ỹ). */
    @Test
    void withoutTheBonusItIsOnlineDposLossAndTheBonusAddsAlphaLogPi() {
        BradleyTerryPreferences task = BradleyTerryPreferences.standard();
        TransformerPolicy pi = policy(task, 1), ref = policy(task, 2).frozenCopy();
        Xpo.Config zero = Xpo.Config.defaults().withAlpha(0);
        Xpo.Batch batch = Xpo.sample(pi, ref, task, zero, Rng.of(3));
        double dpo = Dpo.loss(new Graph(), zero.dpo(), pi, ref, batch.pairs()).item();
        assertEquals(dpo, Xpo.loss(new Graph(), zero, pi, ref, batch).item(), 0);
        double alpha = 0.3, meanLogPi = 0;
        double[] logPi = pi.sequenceLogProbabilities(SequenceBatch.of(batch.prompts(), batch.explored(), 40));
        for (double l : logPi) meanLogPi += l / logPi.length;
        assertEquals(dpo + alpha * meanLogPi, Xpo.loss(new Graph(), zero.withAlpha(alpha), pi, ref, batch).item(), 1e-5);
        assertTrue(meanLogPi < 0);
    }

    /** The bonus drives mass off the reference's responses: after training, KL(π_ref‖π_θ) grows with α. */
    @Test
    void aLargerBonusMovesFurtherFromTheReference() {
        BradleyTerryPreferences task = BradleyTerryPreferences.standard();
        var space = new dev.proxima.prefs.pref.ResponseSpace(task);
        double[] kl = new double[2];
        double[] alphas = {0, 0.5};
        for (int a = 0; a < 2; a++) {
            TransformerPolicy pi = policy(task, 4), ref = pi.frozenCopy();
            Xpo.Learner xpo = new Xpo.Learner(Xpo.Config.defaults().withAlpha(alphas[a]), pi, ref, task, 5);
            for (int step = 0; step < 40; step++) xpo.step();
            kl[a] = dev.proxima.prefs.pref.ExactMetrics.klDivergence(dev.proxima.prefs.pref.ExactDistribution.of(ref, space),
                    dev.proxima.prefs.pref.ExactDistribution.of(pi, space));
        }
        assertTrue(kl[1] > kl[0], "KL(π_ref‖π) at α = 0: " + kl[0] + ", at α = 0.5: " + kl[1]);
    }
}
