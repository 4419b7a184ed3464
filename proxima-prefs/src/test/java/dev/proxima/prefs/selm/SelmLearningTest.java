package dev.proxima.prefs.selm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.random.Rng;
import dev.proxima.envs.text.BradleyTerryPreferences;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.pref.ExactDistribution;
import dev.proxima.prefs.pref.ExactMetrics;
import dev.proxima.prefs.pref.ResponseSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SelmLearningTest {
    static final int SPLIT = 1024;

    /** An offline dataset from π_0: two samples per prompt, ordered by the judge's likelier winner. */
    static List<List<Selm.Example>> splits(BradleyTerryPreferences task, TransformerPolicy pi0, int parts, long seed) {
        Rng rng = Rng.of(seed);
        List<List<Selm.Example>> out = new ArrayList<>();
        for (int s = 0; s < parts; s++) {
            List<int[]> prompts = new ArrayList<>();
            int[] xs = new int[2 * SPLIT];
            for (int i = 0; i < SPLIT; i++) {
                xs[i] = rng.nextInt(task.promptCount());
                prompts.add(task.prompt(xs[i]));
                prompts.add(task.prompt(xs[i]));
            }
            SequenceBatch batch = pi0.generate(prompts, task.responseLength(), TokenSampling.standard(), rng);
            List<Selm.Example> split = new ArrayList<>();
            for (int i = 0; i < SPLIT; i++) {
                int[] a = batch.response(2 * i), b = batch.response(2 * i + 1);
                boolean aWins = task.preference(xs[i], a, b) >= 0.5;
                split.add(new Selm.Example(xs[i], aWins ? a : b, aWins ? b : a));
            }
            out.add(split);
        }
        return out;
    }

    /** Spec §2.12(c) [S]: after 3 iterations SELM's win-rate against π_0 is ≥ iterative DPO's − 0.02 (same pipeline, α = 0). */
    @Test
    @Tag("slow")
    void selmKeepsUpWithIterativeDpo() {
        BradleyTerryPreferences task = BradleyTerryPreferences.standard();
        ResponseSpace space = new ResponseSpace(task);
        TransformerPolicy pi0 = new TransformerPolicy(new TinyTransformer(TinyTransformer.Config.tiny(task.vocabularySize(), 40),
                Rng.of(0)), task.responseTokens());
        ExactDistribution initial = ExactDistribution.of(pi0, space);
        List<List<Selm.Example>> data = splits(task, pi0, 4, 1);
        double[] win = new double[2];
        double[] alphas = {0.5, 0};
        for (int k = 0; k < 2; k++) {
            TransformerPolicy policy = pi0.frozenCopy();
            for (var p : policy.model().parameters()) p.requiresGrad(true);
            Selm.train(Selm.Config.toy().withAlpha(alphas[k]), policy, task, data, 2);
            win[k] = ExactMetrics.winRate(ExactDistribution.of(policy, space), initial, space);
        }
        System.out.printf("PREF-BT after 3 iterations: SELM win-rate vs π_0 %.4f, iterative DPO %.4f%n", win[0], win[1]);
        assertTrue(win[0] >= win[1] - 0.02, "SELM " + win[0] + " vs iterative DPO " + win[1]);
        assertTrue(win[1] > 0.6, "iterative DPO learns: " + win[1]);
    }
}
