package dev.proxima.games.cfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.envs.games.KuhnPoker;
import dev.proxima.games.eval.PolicyEvaluation;
import dev.proxima.games.tree.GameTree;
import dev.proxima.games.tree.TabularPolicy;
import org.junit.jupiter.api.Test;

class CfrTest {
    static final GameTree KUHN = GameTree.of(new KuhnPoker());

    @Test
    void kuhnTreeHasTwelveInformationSets() {
        assertEquals(12, KUHN.numInfosets());
        assertEquals(58, KUHN.numNodes());
    }

    @Test
    void uniformPolicyNashConvOnKuhn() {
        assertEquals(0.916667, PolicyEvaluation.nashConv(KUHN, TabularPolicy.uniform(KUHN)), 1e-6);
    }

    @Test
    void cfrAndCfrPlusConvergeOnKuhnAndFindTheGameValue() {
        Cfr cfr = new Cfr(KUHN, Cfr.Config.cfr());
        Cfr plus = new Cfr(KUHN, Cfr.Config.cfrPlus());
        for (int i = 0; i < 1000; i++) {
            cfr.iterate();
            plus.iterate();
        }
        double e1 = PolicyEvaluation.exploitability(KUHN, cfr.averagePolicy());
        double e2 = PolicyEvaluation.exploitability(KUHN, plus.averagePolicy());
        System.out.println("kuhn cfr " + e1 + " cfr+ " + e2);
        assertTrue(e1 < 2e-3, "CFR " + e1);
        assertTrue(e2 < 2e-4, "CFR+ " + e2);
        assertEquals(-1.0 / 18, PolicyEvaluation.expectedReturns(KUHN, plus.averagePolicy())[0], 1e-3);
    }
}
