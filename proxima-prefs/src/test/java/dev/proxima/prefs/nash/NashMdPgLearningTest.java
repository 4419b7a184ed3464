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
import dev.proxima.prefs.solve.RegularizedNash;
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

    /**
     * Spec §2.2(c) [S]: on PREF-CYCLIC at the same query budget (9,600), Nash-MP-PG ends with a lower
     * prompt-mean KL(π*‖π_θ) to the exact regularised equilibrium (β = 0.1, μ = π_ref) than
     * Nash-MD-PG, in 2 of 2 seeds. Measured: seed 0 0.0638 vs 0.0802, seed 1 0.0623 vs 0.0653.
     * Honest context: the near-uniform reference itself is at 0.053, closer than either; the
     * equilibrium tilts each response by its cyclic class, which the model does not learn in this
     * budget (see SrpoTransformerTest), so both methods mostly add sampling noise, and mirror prox,
     * anchored at π_k, adds less.
     */
    @Test
    @Tag("slow")
    void nashMpPgEndsCloserToTheEquilibriumThanNashMdPg() {
        CyclicPreferences task = CyclicPreferences.standard();
        ResponseSpace space = new ResponseSpace(task);
        for (long seed : new long[] {0, 1}) {
            TransformerPolicy reference = initial(task, seed).frozenCopy();
            ExactDistribution start = ExactDistribution.of(reference, space);
            double[][] equilibrium = new double[space.promptCount()][];
            for (int x = 0; x < space.promptCount(); x++) {
                double[][] p = new double[space.size()][space.size()];
                for (int i = 0; i < space.size(); i++) for (int j = 0; j < space.size(); j++) p[i][j] = space.preference(x, i, j);
                equilibrium[x] = RegularizedNash.solve(PreferenceMatrix.of(p), start.probabilities(x), TAU).policy();
            }
            TransformerPolicy md = initial(task, seed), mp = initial(task, seed);
            NashMdPg.Learner mdLearner = new NashMdPg.Learner(NashMdPg.Config.defaults(), md, reference, task, seed + 10);
            for (int step = 0; step < 300; step++) mdLearner.step();
            NashMpPg.Learner mpLearner = new NashMpPg.Learner(NashMpPg.Config.defaults(), mp, reference, task, seed + 30);
            while (mpLearner.queries() < mdLearner.queries()) mpLearner.step();
            double klMd = klFrom(equilibrium, ExactDistribution.of(md, space)), klMp = klFrom(equilibrium, ExactDistribution.of(mp, space));
            System.out.printf("PREF-CYCLIC seed %d, %d queries: KL(π*‖π) Nash-MP-PG %.4f, Nash-MD-PG %.4f, reference %.4f%n", seed,
                    mpLearner.queries(), klMp, klMd, klFrom(equilibrium, start));
            assertTrue(mpLearner.queries() == mdLearner.queries() && mpLearner.steps() == 300, "equal budgets");
            assertTrue(klMp < klMd, "seed " + seed + ": Nash-MP-PG " + klMp + " vs Nash-MD-PG " + klMd);
        }
    }

    private static double klFrom(double[][] target, ExactDistribution pi) {
        double sum = 0;
        for (int x = 0; x < target.length; x++) sum += PreferenceMetrics.kl(target[x], pi.probabilities(x));
        return sum / target.length;
    }
}
