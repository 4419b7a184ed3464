package dev.proxima.prefs.rlhf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.random.Rng;
import dev.proxima.envs.text.BradleyTerryPreferences;
import dev.proxima.prefs.dpo.Dpo;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.pref.ExactDistribution;
import dev.proxima.prefs.pref.ExactMetrics;
import dev.proxima.prefs.pref.ResponseSpace;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.reward.JudgeTrainingConfig;
import dev.proxima.prefs.reward.ComparisonSampler;
import dev.proxima.prefs.reward.RankingAccuracy;
import dev.proxima.prefs.reward.RewardModel;
import dev.proxima.prefs.reward.RewardModelTrainer;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class IterativeRlhfTest {
    /** Spec §2.15(c) [U]: max_min takes the first best and the first worst, and skips a prompt whose scores tie. */
    @Test
    void thePairBuilderTakesBestAndWorstAndSkipsTies() {
        assertArrayEquals(new int[] {1, 3}, IterativeRlhf.pair(new double[] {0.2, 0.9, 0.9, -0.4, 0.5}, IterativeRlhf.Pairing.MAX_MIN,
                Rng.of(1)));
        assertNull(IterativeRlhf.pair(new double[] {0.3, 0.3, 0.3}, IterativeRlhf.Pairing.MAX_MIN, Rng.of(1)));
        int[] random = IterativeRlhf.pair(new double[] {0.1, 0.7, 0.4}, IterativeRlhf.Pairing.MAX_RANDOM, Rng.of(2));
        assertTrue(random[0] == 1 && random[1] != 1);
    }

    /**
     * Spec §2.15(c) [S] on PREF-BT: reward model held-out accuracy ≥ 0.85 on 2,000 comparisons; the
     * true win-rate against π_0 never drops by more than 0.01 from one iteration to the next, and
     * after 3 iterations it beats offline DPO on the reward model's comparisons by ≥ 0.05.
     */
    @Test
    @Tag("slow")
    void threeOnlineIterationsBeatOfflineDpo() {
        BradleyTerryPreferences task = BradleyTerryPreferences.standard();
        ResponseSpace space = new ResponseSpace(task);
        TinyTransformer.Config model = TinyTransformer.Config.tiny(task.vocabularySize(), 40);
        TransformerPolicy pi0 = new TransformerPolicy(new TinyTransformer(model, Rng.of(0)), task.responseTokens());
        ExactDistribution initial = ExactDistribution.of(pi0, space);

        ComparisonSampler sampler = new ComparisonSampler(space);
        List<Comparison> comparisons = sampler.uniform(2000, Rng.of(0));
        RewardModel rm = new RewardModel(model, Rng.of(2));
        RewardModelTrainer.train(rm, comparisons, JudgeTrainingConfig.defaults(), Rng.of(3));
        double accuracy = RankingAccuracy.of(rm, sampler.uniformPairs(2000, Rng.of(5)), space).accuracy();

        TransformerPolicy offline = pi0.frozenCopy();
        for (var p : offline.model().parameters()) p.requiresGrad(true);
        Dpo.Learner dpo = new Dpo.Learner(Dpo.Config.defaults(), offline, pi0.frozenCopy(), comparisons, 6);
        for (int s = 0; s < 2 * comparisons.size() / 32; s++) dpo.step();
        double offlineWin = ExactMetrics.winRate(ExactDistribution.of(offline, space), initial, space);

        TransformerPolicy online = pi0.frozenCopy();
        for (var p : online.model().parameters()) p.requiresGrad(true);
        double[] win = new double[4];
        win[0] = 0.5;
        IterativeRlhf.run(IterativeRlhf.Config.defaults(), online, rm, task, 7,
                t -> win[t] = ExactMetrics.winRate(ExactDistribution.of(online, space), initial, space));
        System.out.printf("PREF-BT: RM accuracy %.3f; offline DPO win-rate %.4f; online iterations %.4f %.4f %.4f%n", accuracy,
                offlineWin, win[1], win[2], win[3]);
        assertTrue(accuracy >= 0.85, "reward model accuracy " + accuracy);
        for (int t = 1; t <= 3; t++) assertTrue(win[t] >= win[t - 1] - 0.01, "iteration " + t + ": " + win[t] + " after " + win[t - 1]);
        assertTrue(win[3] >= offlineWin + 0.05, "iteration 3 " + win[3] + " vs offline DPO " + offlineWin);
    }
}
