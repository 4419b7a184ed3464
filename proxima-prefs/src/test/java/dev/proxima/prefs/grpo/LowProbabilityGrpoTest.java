package dev.proxima.prefs.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.envs.text.TwoPathLock;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.rl.LowProbabilityRegularisation;
import dev.proxima.prefs.rl.TokenLoss;
import dev.proxima.prefs.sft.Sft;
import dev.proxima.prefs.sft.SftReference;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LowProbabilityGrpoTest {
    /**
     * A regularised token's loss is −A·q without clipping plus β_reg·k3(log π_θ, log π_proxy); the
     * others keep the clipped surrogate (spec §2.8(a)); values and gradients against direct formulas.
     */
    @Test
    void regularisedTokensLeaveTheClipForTheProxyPenalty() {
        float[] old = {-1f, -1f, -3f, -3f}, adv = {-1f, -1f, -2f, 0.5f};
        // ratios: 1.5 (A < 0), 1.5 (A < 0), e^{−1.5} (A < 0, far below the clip), 1
        float[] logp = {(float) (Math.log(1.5) - 1), (float) (Math.log(1.5) - 1), -4.5f, -3f};
        float[] regularised = {1, 0, 1, 0}, proxy = {-0.8f, -0.8f, -2.5f, -2.5f};
        Tensor logPi = Tensor.parameter(4, 1);
        System.arraycopy(logp, 0, logPi.data, 0, 4);
        Graph g = new Graph();
        float epsLow = (float) LowProbabilityRegularisation.EPS_LOW, epsHigh = (float) LowProbabilityRegularisation.EPS_HIGH;
        Tensor clipped = TokenLoss.clippedSurrogate(g, logPi, old, adv, epsLow, epsHigh);
        Tensor loss = Grpo.Learner.lowProbabilityLoss(g, clipped, logPi, old, adv, regularised, proxy);
        g.backward(g.sum(loss));
        for (int i = 0; i < 4; i++) {
            double expected = regularised[i] == 1 ? protectedLoss(logp[i], old[i], adv[i], proxy[i])
                    : clippedLoss(logp[i], old[i], adv[i], epsLow, epsHigh);
            assertEquals(expected, loss.data[i], 1e-5, "value of token " + i);
            double h = 1e-3;
            double up = regularised[i] == 1 ? protectedLoss(logp[i] + h, old[i], adv[i], proxy[i])
                    : clippedLoss(logp[i] + h, old[i], adv[i], epsLow, epsHigh);
            double down = regularised[i] == 1 ? protectedLoss(logp[i] - h, old[i], adv[i], proxy[i])
                    : clippedLoss(logp[i] - h, old[i], adv[i], epsLow, epsHigh);
            assertEquals((up - down) / (2 * h), logPi.grad()[i], 1e-3, "gradient of token " + i);
        }
    }

    private static double protectedLoss(double logPi, double logOld, double a, double logProxy) {
        return -a * Math.exp(logPi - logOld) + LowProbabilityRegularisation.BETA_REG * LowProbabilityRegularisation.penalty(logPi, logProxy);
    }

    private static double clippedLoss(double logPi, double logOld, double a, double epsLow, double epsHigh) {
        double q = Math.exp(logPi - logOld);
        return -Math.min(q * a, Math.min(1 + epsHigh, Math.max(1 - epsLow, q)) * a);
    }

    /**
     * The learner logs why the regulariser acts or not (spec §2.8(a): "log the number of regularised
     * tokens per step"): the negative tokens N_neg, the selected k (none unless ⌊1%·N_neg⌋ &gt; 1) and
     * the regularised ones, which can be no more than the selected.
     */
    @Test
    void theLearnerCountsNegativeSelectedAndRegularisedTokens() {
        TwoPathLock task = new TwoPathLock(16, 6, 10, 0.1, 0);
        TransformerPolicy reference = SftReference.load(task, TinyTransformer.Config.tiny(29, 40), Sft.Config.defaults(150), 0,
                Path.of("target", "sft-cache"));
        TransformerPolicy policy = new TransformerPolicy(reference.model().snapshot());
        Grpo.Learner learner = new Grpo.Learner(Grpo.Config.defaults().withLowProbabilityRecipe(true), policy,
                reference.frozenCopy(), task, 0);
        learner.step();
        Map<String, Double> m = learner.lastMetrics();
        double negatives = m.get("negative_tokens"), selected = m.get("selected_tokens"), regularised = m.get("regularised_tokens");
        int k = Math.max(1, (int) Math.floor(LowProbabilityRegularisation.NEGATIVE_FRACTION * negatives));
        assertEquals(k > 1 ? k : 0, selected, 1e-9, "selected tokens for " + negatives + " negatives");
        assertTrue(regularised >= 0 && regularised <= selected, m.toString());
    }
}
