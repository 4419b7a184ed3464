package dev.proxima.games.mmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.envs.games.Games;
import dev.proxima.envs.games.MatrixGame;
import dev.proxima.games.eval.PolicyEvaluation;
import dev.proxima.games.eval.QuantalResponse;
import dev.proxima.games.tree.GameTree;
import dev.proxima.games.tree.TabularPolicy;
import org.junit.jupiter.api.Test;

/** Magnetic mirror descent against spec §3(c): last-iterate convergence, annealing and QRE fixed points. */
class MmdTest {
    static final GameTree KUHN = GameTree.of(Games.make("kuhn"));

    private static double[] exploitabilityAt(GameTree tree, Mmd.Config config, int... checkpoints) {
        Mmd mmd = new Mmd(tree, config);
        double[] out = new double[checkpoints.length];
        int c = 0;
        for (int i = 1; i <= checkpoints[checkpoints.length - 1]; i++) {
            mmd.iterate();
            if (i == checkpoints[c]) {
                out[c++] = PolicyEvaluation.exploitability(tree, mmd.policy());
            }
        }
        return out;
    }

    @Test
    void movingMagnetConvergesLinearlyOnKuhn() {
        double[] e = exploitabilityAt(KUHN, Mmd.Config.movingMagnet(), 3000, 10_000);
        assertTrue(e[0] <= 1e-4, "3,000 iterations: " + e[0]);
        assertTrue(e[1] <= 1e-8, "10,000 iterations: " + e[1]);
    }

    @Test
    void annealingReachesTheSpecBarOnKuhn() {
        double e = exploitabilityAt(KUHN, Mmd.Config.annealing(), 10_000)[0];
        assertTrue(e <= 2.5e-3, "annealed MMD at 10,000: " + e);
    }

    @Test
    void aFixedMagnetLeavesAFloorSetByAlpha() {
        // anchors §2.6: Kuhn floors 0.019 / 0.0072 / 0.0025 for α = 0.1 / 0.05 / 0.02 (η 0.1).
        double f1 = exploitabilityAt(KUHN, Mmd.Config.fixed(0.1, 0.1), 10_000)[0];
        double f2 = exploitabilityAt(KUHN, Mmd.Config.fixed(0.1, 0.05), 10_000)[0];
        assertEquals(0.0189, f1, 2e-4);
        assertEquals(0.0072, f2, 2e-4);
        assertTrue(f2 < f1);
    }

    @Test
    void fixedPointIsTheLogitQuantalResponseEquilibrium() {
        MatrixGame game = (MatrixGame) Games.make("biased-rps");
        GameTree tree = GameTree.of(game);
        // Payoffs reach ±50, so temperatures of that order give a QRE well inside the simplex and
        // η is scaled down to match (η·max|payoff| = 0.5).
        for (double alpha : new double[] {10, 25}) {
            Mmd mmd = new Mmd(tree, Mmd.Config.fixed(0.01, alpha));
            for (int i = 0; i < 20_000; i++) mmd.iterate();
            double[][] qre = QuantalResponse.logit(game.rowPayoffs(), game.columnPayoffs(), alpha);
            TabularPolicy pi = mmd.policy();
            for (int s = 0; s < tree.numInfosets(); s++) {
                double[] expected = qre[tree.infosetPlayer(s)];
                for (int a = 0; a < expected.length; a++) {
                    assertEquals(expected[a], pi.at(s)[a], 1e-6, "α " + alpha + " player " + tree.infosetPlayer(s));
                }
            }
        }
    }

    @Test
    void configRejectsValuesOutsideTheirRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Mmd.Config(-0.1, 1, false, 0, 1e-10));
        assertTrue(e.getMessage().startsWith("stepSize"));
        assertThrows(IllegalArgumentException.class, () -> new Mmd.Config(0.1, -1, false, 0, 1e-10));
        assertThrows(IllegalArgumentException.class, () -> new Mmd.Config(0.1, 1, false, 1.5, 1e-10));
    }
}
