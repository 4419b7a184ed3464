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

class SymmetryAwareGrpoTest {
    static final int STEPS = 200;

    /**
     * Spec §2.9(c) [S]: A-GRAE, GRPO with symmetry-aware advantages, after 200 steps on ADD from the
     * SFT reference: held-out pass@1 ≥ GRPO's − 0.01 and pass@16 ≥ GRPO's (n = 16, temperature 1,
     * 500 prompts, the same evaluation draws for both).
     */
    @Test
    @Tag("slow")
    void symmetryAwareAdvantagesKeepPassAtOneAndPassAtSixteen() {
        Addition add = Addition.twoDigits();
        List<SequenceTask.Problem> heldOut = add.heldOut(500);
        TransformerPolicy reference = GrpoTest.addReference();
        TransformerPolicy policy = new TransformerPolicy(reference.model().snapshot());
        Grpo.Learner agrae = new Grpo.Learner(Grpo.Config.defaults().withAdvantage(Grpo.Advantage.SYMMETRY_AWARE), policy,
                reference.frozenCopy(), add, 0);
        for (int step = 0; step < STEPS; step++) agrae.step();
        TransformerPolicy grpo = GrpoBaseline.after(STEPS);
        double grpoPass1 = Evaluation.greedyPassAt1(grpo, add, heldOut, 100);
        double agraePass1 = Evaluation.greedyPassAt1(policy, add, heldOut, 100);
        double grpoPass16 = Evaluation.sampledPassAtK(grpo, add, heldOut, 16, new int[] {16}, Rng.of(11))[0];
        double agraePass16 = Evaluation.sampledPassAtK(policy, add, heldOut, 16, new int[] {16}, Rng.of(11))[0];
        System.out.printf("ADD, %d steps: pass@1 A-GRAE %.3f vs GRPO %.3f; pass@16 A-GRAE %.3f vs GRPO %.3f%n", STEPS, agraePass1,
                grpoPass1, agraePass16, grpoPass16);
        assertTrue(agraePass1 >= grpoPass1 - 0.01, "pass@1 A-GRAE " + agraePass1 + " vs GRPO " + grpoPass1);
        assertTrue(agraePass16 >= grpoPass16, "pass@16 A-GRAE " + agraePass16 + " vs GRPO " + grpoPass16);
    }
}
