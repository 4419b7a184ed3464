package dev.proxima.prefs.dpo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.random.Rng;
import dev.proxima.envs.text.BradleyTerryPreferences;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.pref.ExactDistribution;
import dev.proxima.prefs.pref.ExactMetrics;
import dev.proxima.prefs.pref.ResponseSpace;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class OnlineDpoLearningTest {
    static final int STEPS = 300, PROMPTS = 32;

    /** π_ref for the preference tasks: the freshly initialised seeded transformer (spec §0.3). */
    static TransformerPolicy initialPolicy(BradleyTerryPreferences task, long seed) {
        return new TransformerPolicy(new TinyTransformer(TinyTransformer.Config.tiny(task.vocabularySize(), 40), Rng.of(seed)),
                task.responseTokens());
    }

    /**
     * Spec §1.4(c) [S]: on PREF-BT the exact win-rate against π_ref reaches ≥ 0.75 after 300 steps
     * of 32 prompts, and is at least offline DPO's trained on the same number of labels drawn once
     * from π_ref. Labels come from a judge that prefers the likelier winner (TRL's judges and reward
     * models decide deterministically). With labels sampled from P instead, online DPO falls short on
     * this toy (win-rate 0.603 against offline DPO's 0.782, measured): on-policy pairs soon differ
     * little, their sampled labels are near coin flips, and Adam's normalised steps turn that noise
     * into a random walk.
     */
    @Test
    @Tag("slow")
    void onlineDpoBeatsTheReferenceAndOfflineDpoAtEqualLabels() {
        BradleyTerryPreferences task = BradleyTerryPreferences.standard();
        ResponseSpace space = new ResponseSpace(task);
        TransformerPolicy reference = initialPolicy(task, 0).frozenCopy();
        ExactDistribution ref = ExactDistribution.of(reference, space);

        TransformerPolicy online = initialPolicy(task, 0);
        OnlineDpo.Config judge = new OnlineDpo.Config(Dpo.Config.defaults(), PROMPTS, 0.9, false);
        OnlineDpo.Learner learner = new OnlineDpo.Learner(judge, online, reference, task, 1);
        for (int step = 0; step < STEPS; step++) learner.step();
        double onlineWin = ExactMetrics.winRate(ExactDistribution.of(online, space), ref, space);

        TransformerPolicy offline = initialPolicy(task, 0);
        List<Comparison> data = OnlineDpo.samplePairs(reference, task, (int) learner.queries(), TokenSampling.atTemperature(0.9),
                false, Rng.of(2));
        Dpo.Learner dpo = new Dpo.Learner(Dpo.Config.defaults(), offline, reference, data, 3);
        for (int step = 0; step < STEPS; step++) dpo.step();
        double offlineWin = ExactMetrics.winRate(ExactDistribution.of(offline, space), ref, space);

        System.out.printf("PREF-BT, %d labels: online DPO win-rate %.4f, offline DPO %.4f%n", learner.queries(), onlineWin,
                offlineWin);
        assertTrue(onlineWin >= 0.75, "online DPO win-rate " + onlineWin);
        assertTrue(onlineWin >= offlineWin, "online " + onlineWin + " vs offline " + offlineWin);
    }
}
