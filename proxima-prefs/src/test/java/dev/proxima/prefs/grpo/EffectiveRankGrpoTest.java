package dev.proxima.prefs.grpo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.SequenceTask;
import dev.proxima.envs.text.Addition;
import dev.proxima.prefs.policy.Evaluation;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class EffectiveRankGrpoTest {
    static final int STEPS = 200;

    /**
     * Spec §2.19(c) [S]: VERL, GRPO with effective-rank shaping (stride 2), after 200 steps on ADD
     * from the SFT reference: pass@1 ≥ GRPO's − 0.01 and pass@16 ≥ GRPO's, against the shared GRPO
     * run, with the same evaluation draws.
     */
    @Test
    @Tag("slow")
    void effectiveRankShapingIsNonInferiorToGrpo() {
        Addition add = Addition.twoDigits();
        List<SequenceTask.Problem> heldOut = add.heldOut(500);
        TransformerPolicy reference = GrpoTest.addReference();
        TransformerPolicy policy = new TransformerPolicy(reference.model().snapshot());
        Grpo.Learner verl = new Grpo.Learner(Grpo.Config.defaults().withAdvantage(Grpo.Advantage.EFFECTIVE_RANK), policy,
                reference.frozenCopy(), add, 0);
        double bonus = 0;
        for (int step = 0; step < STEPS; step++) {
            verl.step();
            bonus += verl.lastMetrics().getOrDefault("rank_bonus", 0.0) / STEPS;
        }
        assertTrue(bonus > 0, "the shaping must add a bonus, or the run is plain GRPO: mean bonus " + bonus);
        TransformerPolicy grpo = GrpoBaseline.after(STEPS);
        double grpoPass1 = Evaluation.greedyPassAt1(grpo, add, heldOut, 100);
        double verlPass1 = Evaluation.greedyPassAt1(policy, add, heldOut, 100);
        double grpoPass16 = Evaluation.sampledPassAtK(grpo, add, heldOut, 16, new int[] {16}, Rng.of(11))[0];
        double verlPass16 = Evaluation.sampledPassAtK(policy, add, heldOut, 16, new int[] {16}, Rng.of(11))[0];
        System.out.printf("ADD, %d steps: pass@1 VERL %.3f vs GRPO %.3f; pass@16 VERL %.3f vs GRPO %.3f; mean bonus %.4f%n", STEPS,
                verlPass1, grpoPass1, verlPass16, grpoPass16, bonus);
        assertTrue(verlPass1 >= grpoPass1 - 0.01, "pass@1 VERL " + verlPass1 + " vs GRPO " + grpoPass1);
        assertTrue(verlPass16 >= grpoPass16, "pass@16 VERL " + verlPass16 + " vs GRPO " + grpoPass16);
    }
}
