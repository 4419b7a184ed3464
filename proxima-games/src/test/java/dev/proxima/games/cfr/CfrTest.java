package dev.proxima.games.cfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.envs.games.Games;
import dev.proxima.games.eval.PolicyEvaluation;
import dev.proxima.games.tree.GameTree;
import org.junit.jupiter.api.Test;

/** CFR and CFR+ against the reference curves of anchors §2.6 (OpenSpiel's solvers). */
class CfrTest {
    static double exploitabilityAfter(GameTree tree, Cfr.Config config, int iterations) {
        Cfr cfr = new Cfr(tree, config);
        for (int i = 0; i < iterations; i++) cfr.iterate();
        return PolicyEvaluation.exploitability(tree, cfr.averagePolicy());
    }

    @Test
    void kuhnAfter1000Iterations() {
        GameTree kuhn = GameTree.of(Games.make("kuhn"));
        double cfr = exploitabilityAfter(kuhn, Cfr.Config.cfr(), 1000);
        double plus = exploitabilityAfter(kuhn, Cfr.Config.cfrPlus(), 1000);
        assertTrue(cfr < 2e-3, "CFR " + cfr);
        assertTrue(plus < 2e-4, "CFR+ " + plus);
        // The reference implementation's figures: 0.000938 and 0.0000874.
        assertEquals(0.000938, cfr, 5e-6);
        assertEquals(0.0000874, plus, 5e-7);
    }

    @Test
    void cfrPlusOnLeducAfter1000Iterations() {
        GameTree leduc = GameTree.of(Games.make("leduc"));
        double plus = exploitabilityAfter(leduc, Cfr.Config.cfrPlus(), 1000);
        assertTrue(plus < 5e-4, "CFR+ " + plus);
    }

    @Test
    void cfrPlusAverageFindsKuhnsValue() {
        GameTree kuhn = GameTree.of(Games.make("kuhn"));
        Cfr cfr = new Cfr(kuhn, Cfr.Config.cfrPlus());
        for (int i = 0; i < 10_000; i++) cfr.iterate();
        assertEquals(-1.0 / 18, PolicyEvaluation.expectedReturns(kuhn, cfr.averagePolicy())[0], 1e-4);
        assertTrue(PolicyEvaluation.exploitability(kuhn, cfr.averagePolicy()) <= 1e-4);
    }

    @Test
    void regretMatchingIsAProbabilityVector() {
        double[] out = new double[3];
        Cfr.regretMatching(new double[] {2, -1, 6}, out);
        assertEquals(0.25, out[0], 1e-15);
        assertEquals(0, out[1], 1e-15);
        assertEquals(0.75, out[2], 1e-15);
        Cfr.regretMatching(new double[] {-2, -1, 0}, out);
        for (double p : out) assertEquals(1.0 / 3, p, 1e-15);
    }
}
