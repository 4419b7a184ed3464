package dev.proxima.prefs.srpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.envs.text.CyclicPreferences;
import dev.proxima.envs.text.Vocabulary;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SrpoTransformerTest {
    static final int SEPARATOR = Vocabulary.shared().id('=');

    static TransformerPolicy initial(CyclicPreferences task) {
        return new TransformerPolicy(new TinyTransformer(TinyTransformer.Config.tiny(task.vocabularySize(), 40), Rng.of(0)),
                task.responseTokens());
    }

    /** Pairs of the reference's samples with the judge's probability as the label. */
    static List<Srpo.Example> data(CyclicPreferences task, TransformerPolicy reference, int count, long seed) {
        Rng rng = Rng.of(seed);
        List<int[]> prompts = new ArrayList<>();
        int[] xs = new int[count];
        for (int i = 0; i < count; i++) {
            xs[i] = rng.nextInt(task.promptCount());
            prompts.add(task.prompt(xs[i]));
            prompts.add(task.prompt(xs[i]));
        }
        SequenceBatch s = reference.generate(prompts, task.responseLength(), TokenSampling.standard(), rng);
        List<Srpo.Example> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] a = s.response(2 * i), b = s.response(2 * i + 1);
            out.add(new Srpo.Example(xs[i], a, b, task.preference(xs[i], a, b)));
        }
        return out;
    }

    @Test
    void atTheReferenceTheLossIsTheSquaredLabelTerms() {
        CyclicPreferences task = CyclicPreferences.standard();
        TransformerPolicy pi = initial(task);
        List<Srpo.Example> d = data(task, pi, 8, 1);
        double expected = 0;
        for (Srpo.Example e : d) {
            double p = e.preference();
            expected += (0.5 * (2 * (p - 0.5) * (p - 0.5)) + 0.5 * (2 * p - 1) * (2 * p - 1)) / d.size();
        }
        assertEquals(expected, Srpo.loss(new Graph(), Srpo.Config.defaults(SEPARATOR), pi, pi.frozenCopy(), task, d).item(), 1e-6);
        var e = assertThrows(IllegalArgumentException.class, () -> new Srpo.Learner(Srpo.Config.defaults(Vocabulary.shared().id('a')),
                pi, pi.frozenCopy(), task, d, 1));
        assertTrue(e.getMessage().contains("separatorToken"), e.getMessage());
    }

    /**
     * Spec §2.17(c) [S]: on PREF-CYCLIC the trained reviser beats its own drafts: revision win-rate
     * ≥ 0.55. Not met yet: 0.4985 before and 0.4931 after 300 steps; 1,200 steps at learning rate
     * 1e-3 or 3e-3 left the loss at 0.291–0.298 (from 0.298) and the win-rate at 0.47–0.50. The
     * reviser has to compute each response's class (token sum mod 3) from the draft it reads; the
     * tabular form of the same loss reaches its closed form (tabular SrpoTest).
     */
    @Test
    @Tag("slow")
    @Disabled("the reviser does not learn the cyclic classes in this budget: revision win-rate 0.493 (bar 0.55)")
    void theRevisionBeatsItsOwnDraft() {
        CyclicPreferences task = CyclicPreferences.standard();
        TransformerPolicy reference = initial(task).frozenCopy(), policy = initial(task);
        Srpo.Learner srpo = new Srpo.Learner(Srpo.Config.defaults(SEPARATOR), policy, reference, task, data(task, reference, 4096, 2), 3);
        double before = Srpo.revisionWinRate(policy, task, SEPARATOR, 256, Rng.of(4));
        for (int step = 0; step < 300; step++) srpo.step();
        double after = Srpo.revisionWinRate(policy, task, SEPARATOR, 256, Rng.of(4));
        System.out.printf("PREF-CYCLIC: revision win-rate over the own draft %.4f before, %.4f after 300 steps%n", before, after);
        assertTrue(after >= 0.55, "revision win-rate " + after);
    }
}
