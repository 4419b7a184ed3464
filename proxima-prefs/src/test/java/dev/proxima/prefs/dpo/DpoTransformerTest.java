package dev.proxima.prefs.dpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.loss.PairLoss;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DpoTransformerTest {
    @Test
    void theGraphLossMatchesGoldenA9() {
        Graph g = new Graph();
        Tensor w = Tensor.of(1, 1, -3.0f), l = Tensor.of(1, 1, -4.0f);
        Dpo.Config dpo = Dpo.Config.defaults();
        assertEquals(0.630258, Dpo.loss(g, dpo, w, l, new float[] {-3.5f}, new float[] {-3.2f}, null).item(), 1e-5);
        assertEquals(13.69, Dpo.loss(g, dpo.withLossType(Dpo.LossType.IPO), w, l, new float[] {-3.5f}, new float[] {-3.2f}, null)
                .item(), 1e-4);
    }

    private static TransformerPolicy policy(long seed) {
        TinyTransformer m = new TinyTransformer(TinyTransformer.Config.tiny(29, 40), Rng.of(seed));
        Rng rng = Rng.of(seed + 50);
        for (Tensor p : m.parameters()) for (int i = 0; i < p.size(); i++) p.data[i] += (float) (0.1 * rng.nextGaussian());
        return new TransformerPolicy(m);
    }

    private static List<Comparison> pairs(int n, long seed) {
        Rng rng = Rng.of(seed);
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Comparison(new int[] {20 + rng.nextInt(5)}, new int[] {2 + rng.nextInt(4), 2 + rng.nextInt(4), 1},
                    new int[] {6 + rng.nextInt(4), 2 + rng.nextInt(4)}));
        }
        return out;
    }

    /** Spec §1.2(c): the loss is −log σ(r̂(y_w) − r̂(y_l)) with r̂ = β·(log π − log π_ref); and ln 2 when π = π_ref. */
    @Test
    void theLossIsTheImplicitRewardMarginsAndLn2AtTheReference() {
        TransformerPolicy pi = policy(1), ref = policy(2);
        List<Comparison> data = pairs(6, 3);
        Dpo.Config c = Dpo.Config.defaults();
        double expected = 0;
        for (Comparison p : data) {
            var w = dev.proxima.prefs.policy.SequenceBatch.of(List.of(p.prompt()), List.of(p.chosen()), 40);
            var l = dev.proxima.prefs.policy.SequenceBatch.of(List.of(p.prompt()), List.of(p.rejected()), 40);
            double rw = PairLoss.implicitReward(c.beta(), pi.sequenceLogProbabilities(w)[0], ref.sequenceLogProbabilities(w)[0]);
            double rl = PairLoss.implicitReward(c.beta(), pi.sequenceLogProbabilities(l)[0], ref.sequenceLogProbabilities(l)[0]);
            expected += PairLoss.softplus(-(rw - rl)) / data.size();
        }
        assertEquals(expected, Dpo.loss(new Graph(), c, pi, ref, data).item(), 1e-5);
        assertEquals(Math.log(2), Dpo.loss(new Graph(), c, pi, pi.frozenCopy(), data).item(), 1e-6);
    }

    @Test
    void offlineDpoRaisesTheChosenOverTheRejected() {
        TransformerPolicy pi = policy(4);
        TransformerPolicy ref = pi.frozenCopy();
        List<Comparison> data = pairs(64, 5);
        Dpo.Learner dpo = new Dpo.Learner(Dpo.Config.defaults(), pi, ref, data, 6);
        double first = dpo.step(), last = first;
        for (int i = 0; i < 60; i++) last = dpo.step();
        assertEquals(Math.log(2), first, 1e-6);
        assertTrue(last < 0.5, "loss after 61 steps: " + last);
    }

    @Test
    void aNonPositiveBetaIsRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Dpo.Config.defaults().withBeta(0));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dpo.Config.defaults().withBeta(-0.1));
        assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
    }
}
