package dev.proxima.prefs.nash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.envs.text.CyclicPreferences;
import dev.proxima.prefs.loss.NashMdPgLoss;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.pref.ExactDistribution;
import dev.proxima.prefs.pref.ResponseSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NashMdPgTest {
    private static TransformerPolicy policy(CyclicPreferences task, long seed) {
        TinyTransformer m = new TinyTransformer(TinyTransformer.Config.tiny(task.vocabularySize(), 40), Rng.of(seed));
        Rng rng = Rng.of(seed + 17);
        for (Tensor p : m.parameters()) for (int i = 0; i < p.size(); i++) p.data[i] += (float) (0.2 * rng.nextGaussian());
        return new TransformerPolicy(m, task.responseTokens());
    }

    /** The graph loss reproduces the per-sample loss of {@link NashMdPgLoss} (golden A14's function) in both modes. */
    @Test
    void theGraphLossIsTheMeanOfTheSampleLosses() {
        CyclicPreferences task = CyclicPreferences.standard();
        TransformerPolicy pi = policy(task, 1), ref = policy(task, 2);
        List<int[]> prompts = new ArrayList<>();
        for (int x = 0; x < 6; x++) prompts.add(task.prompt(x));
        SequenceBatch batch = pi.generate(prompts, task.responseLength(), TokenSampling.standard(), Rng.of(3));
        float[] lp = pi.tokenLogProbabilities(batch), lr = ref.tokenLogProbabilities(batch);
        double[] p = {0.9, 0.1, 0.5, 0.7, 0.3, 1.0};
        for (NashMdPgLoss.KlTerm term : NashMdPgLoss.KlTerm.values()) {
            NashMdPg.Config c = new NashMdPg.Config(0.1, 0.5, term, 6, 0.9, false, 1e-3, 1.0);
            double expected = 0;
            for (int b = 0; b < 6; b++) {
                int first = b * batch.time + batch.promptLength[b] - 1, n = batch.responseLength[b];
                double[] a = new double[n], r = new double[n];
                for (int t = 0; t < n; t++) {
                    a[t] = lp[first + t];
                    r[t] = lr[first + t];
                }
                expected += NashMdPgLoss.loss(a, r, p[b], 0.1, term, null) / 6;
            }
            assertEquals(expected, NashMdPg.loss(new Graph(), c, pi, batch, p, lr).item(), 1e-5, term.name());
        }
    }

    /** With β_mix = 1 the opponent samples from the reference's distribution: its response frequencies follow π_ref. */
    @Test
    void theMixtureAtFullWeightSamplesTheReference() {
        CyclicPreferences task = CyclicPreferences.standard();
        TransformerPolicy pi = policy(task, 4), ref = policy(task, 5);
        ResponseSpace space = new ResponseSpace(task);
        double[] refProbs = ExactDistribution.of(ref, space).probabilities(0);
        int best = 0;
        for (int i = 1; i < refProbs.length; i++) if (refProbs[i] > refProbs[best]) best = i;
        int hits = 0, draws = 3000;
        Rng rng = Rng.of(6);
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < 100; i++) prompts.add(task.prompt(0));
        for (int round = 0; round < draws / 100; round++) {
            SequenceBatch s = pi.generateMixture(ref, 1.0, prompts, task.responseLength(), TokenSampling.standard(), rng);
            for (int i = 0; i < 100; i++) if (space.index(s.response(i)) == best) hits++;
        }
        double p = refProbs[best], se = Math.sqrt(p * (1 - p) / draws);
        assertEquals(p, (double) hits / draws, 4 * se);
        var e = assertThrows(IllegalArgumentException.class, () -> new NashMdPg.Config(0, 0.5, NashMdPgLoss.KlTerm.SEQUENCE, 1,
                0.9, false, 1e-3, 1.0));
        assertTrue(e.getMessage().contains("tau"), e.getMessage());
    }
}
