package dev.proxima.prefs.rloo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.seq.SequenceTask;
import dev.proxima.envs.text.Addition;
import dev.proxima.prefs.grpo.GrpoTest;
import dev.proxima.prefs.policy.Evaluation;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class RlooLearningTest {
    /** Spec §1.5(c) [S]: the GRPO criterion, pass@1 on the 500 held-out ADD prompts +0.15 within 150 steps. */
    @Test
    @Tag("slow")
    void onAdditionPassAtOneRisesByFifteenPointsWithin150Steps() {
        Addition add = Addition.twoDigits();
        List<SequenceTask.Problem> heldOut = add.heldOut(500);
        TransformerPolicy reference = GrpoTest.addReference();
        double before = Evaluation.greedyPassAt1(reference, add, heldOut, 100);
        TransformerPolicy policy = new TransformerPolicy(reference.model().snapshot());
        Rloo.Learner rloo = new Rloo.Learner(Rloo.Config.defaults(), policy, reference.frozenCopy(), add, 0);
        StringBuilder curve = new StringBuilder();
        for (int step = 1; step <= 150; step++) {
            rloo.step();
            if (step % 25 == 0) curve.append(String.format(" %.3f", Evaluation.greedyPassAt1(policy, add, heldOut, 100)));
        }
        double after = Evaluation.greedyPassAt1(policy, add, heldOut, 100);
        System.out.printf("RLOO on ADD: held-out pass@1 %.3f -> %.3f after 150 steps (every 25:%s)%n", before, after, curve);
        assertTrue(after >= before + 0.15, "pass@1 " + before + " -> " + after);
    }
}
