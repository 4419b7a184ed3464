package dev.proxima.prefs.nash;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.random.Rng;
import dev.proxima.envs.text.CyclicPreferences;
import dev.proxima.prefs.dpo.Dpo;
import dev.proxima.prefs.dpo.OnlineDpo;
import dev.proxima.prefs.game.PreferenceMatrix;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.pref.ExactDistribution;
import dev.proxima.prefs.pref.ResponseSpace;
import dev.proxima.prefs.solve.PreferenceMetrics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class NashMdPgLearningTest {
    static final double TAU = 0.1;

    /** The prompt mean of the τ-regularised exploitability E_τ(π) in each prompt's game, μ = π_ref. */
    static double exploitability(ExactDistribution pi, ExactDistribution reference, ResponseSpace space) {
        double sum = 0;
        for (int x = 0; x < space.promptCount(); x++) {
            double[][] p = new double[space.size()][space.size()];
            for (int i = 0; i < space.size(); i++) for (int j = 0; j < space.size(); j++) p[i][j] = space.preference(x, i, j);
            sum += PreferenceMetrics.regularizedExploitability(PreferenceMatrix.of(p), reference.probabilities(x), TAU,
                    pi.probabilities(x));
        }
        return sum / space.promptCount();
    }

    static TransformerPolicy initial(CyclicPreferences task, long seed) {
        return new TransformerPolicy(new TinyTransformer(TinyTransformer.Config.tiny(task.vocabularySize(), 40), Rng.of(seed)),
                task.responseTokens());
    }

    /**
     * Spec §2.1(c) [S]: on PREF-CYCLIC (b = 2), after 300 steps Nash-MD-PG's regularised
     * exploitability is at most half online DPO's at the same number of preference queries (9,600).
     * Measured, seeds 0 and 1: Nash-MD-PG 0.0082 and 0.0068, online DPO 0.089 and 0.118. Honest
     * context: the near-uniform reference itself scores 0.0056 — on this symmetric cycle it is
     * already close to the regularised equilibrium, so Nash-MD-PG's merit here is that it stays
     * near it, while online DPO, which fits a Bradley–Terry reading of an intransitive judge, runs
     * away from it.
     */
    @Test
    @Tag("slow")
    void nashMdPgStaysFarCloserToTheEquilibriumThanOnlineDpo() {
        CyclicPreferences task = CyclicPreferences.standard();
        ResponseSpace space = new ResponseSpace(task);
        for (long seed : new long[] {0, 1}) {
            TransformerPolicy reference = initial(task, seed).frozenCopy();
            ExactDistribution start = ExactDistribution.of(reference, space);
            TransformerPolicy nash = initial(task, seed), dpo = initial(task, seed);
            NashMdPg.Learner nashLearner = new NashMdPg.Learner(NashMdPg.Config.defaults(), nash, reference, task, seed + 10);
            for (int step = 0; step < 300; step++) nashLearner.step();
            OnlineDpo.Learner dpoLearner = new OnlineDpo.Learner(new OnlineDpo.Config(Dpo.Config.defaults(), 32, 0.9, false), dpo,
                    reference, task, seed + 20);
            while (dpoLearner.queries() < nashLearner.queries()) dpoLearner.step();
            double eNash = exploitability(ExactDistribution.of(nash, space), start, space);
            double eDpo = exploitability(ExactDistribution.of(dpo, space), start, space);
            System.out.printf("PREF-CYCLIC seed %d, %d queries: E_τ Nash-MD-PG %.4f, online DPO %.4f, reference %.4f%n", seed,
                    nashLearner.queries(), eNash, eDpo, exploitability(start, start, space));
            assertTrue(eNash <= 0.5 * eDpo, "seed " + seed + ": Nash-MD-PG " + eNash + " vs online DPO " + eDpo);
        }
    }
}
