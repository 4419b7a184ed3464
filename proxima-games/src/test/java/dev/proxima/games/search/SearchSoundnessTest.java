package dev.proxima.games.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import dev.proxima.envs.games.Games;
import dev.proxima.envs.games.TinyHanabi;
import dev.proxima.games.eval.PolicyEvaluation;
import dev.proxima.games.tree.Blueprints;
import dev.proxima.games.tree.GameTree;
import dev.proxima.games.tree.TabularPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec §3(c): MD search is sound on the cooperative Tiny Hanabi games, greedy joint search is not. */
class SearchSoundnessTest {
    private static final String[] GAMES = {"a", "b", "c", "d", "e", "f"};
    private static final int BLUEPRINTS = 2000;

    private static double value(GameTree tree, TabularPolicy pi) {
        return PolicyEvaluation.expectedReturns(tree, pi)[0];
    }

    @Test
    void mdSearchFromTheUniformBlueprintRaisesTheReturnInEveryGame() {
        double[][] expected = {{1.625, 1.726}, {0.438, 0.449}, {1.500, 1.647}, {1.312, 1.695}, {3.722, 6.321},
            {1.389, 1.565}};
        for (int g = 0; g < GAMES.length; g++) {
            GameTree tree = GameTree.of(Games.make("tiny-hanabi-" + GAMES[g]));
            TabularPolicy uniform = TabularPolicy.uniform(tree);
            double before = value(tree, uniform);
            double after = value(tree, LearnerUpdate.apply(tree, uniform, UpdateRule.mirrorDescent(0.5), null));
            assertEquals(expected[g][0], before, 1e-3, GAMES[g]);
            assertEquals(expected[g][1], after, 1e-3, GAMES[g]);
            assertTrue(after > before, GAMES[g]);
        }
    }

    @Test
    void mdSearchNeverLowersTheReturnOverRandomBlueprints() {
        for (double eta : new double[] {0.1, 0.25, 0.5}) {
            int decreases = 0;
            for (int g = 0; g < GAMES.length; g++) {
                GameTree tree = GameTree.of(Games.make("tiny-hanabi-" + GAMES[g]));
                Rng rng = Rng.of(1000L * g + (long) (eta * 100));
                for (int i = 0; i < BLUEPRINTS; i++) {
                    TabularPolicy bp = Blueprints.dirichlet(tree, rng);
                    double before = value(tree, bp);
                    double after = value(tree, LearnerUpdate.apply(tree, bp, UpdateRule.mirrorDescent(eta), null));
                    decreases += after < before - 1e-9 ? 1 : 0;
                }
            }
            assertEquals(0, decreases, "MD search with η " + eta + " lowered the return in " + decreases + "/12000");
        }
    }

    @Test
    void greedyJointSearchLowersTheReturnOften() {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (String g : new String[] {"b", "c"}) {
            GameTree tree = GameTree.of(Games.make("tiny-hanabi-" + g));
            Rng rng = Rng.of(g.hashCode());
            int decreases = 0;
            for (int i = 0; i < BLUEPRINTS; i++) {
                TabularPolicy bp = Blueprints.dirichlet(tree, rng);
                double after = value(tree, LearnerUpdate.apply(tree, bp, UpdateRule.greedy(), null));
                decreases += after < value(tree, bp) - 1e-9 ? 1 : 0;
            }
            rates.put(g, decreases / (double) BLUEPRINTS);
        }
        assertTrue(rates.get("b") >= 0.20, "game B: " + rates);
        assertTrue(rates.get("c") >= 0.10, "game C: " + rates);
        GameTree c = GameTree.of(Games.make("tiny-hanabi-c"));
        TabularPolicy uniform = TabularPolicy.uniform(c);
        assertEquals(1.5, value(c, uniform), 1e-12);
        assertEquals(1.25, value(c, LearnerUpdate.apply(c, uniform, UpdateRule.greedy(), null)), 1e-12);
    }

    @Test
    void iteratedMirrorDescentReachesTheOptimumOfBDAndF() {
        for (String g : new String[] {"b", "d", "f"}) {
            TinyHanabi game = (TinyHanabi) Games.make("tiny-hanabi-" + g);
            GameTree tree = GameTree.of(game);
            TabularPolicy pi = LearnerUpdate.iterate(tree, TabularPolicy.uniform(tree), UpdateRule.mirrorDescent(1.0),
                    2000, 1e-10);
            assertEquals(game.optimalValue(), value(tree, pi), 1e-3, g);
        }
    }

    @Test
    void mmdSearchOnKuhnBeatsGreedySearch() {
        GameTree kuhn = GameTree.of(Games.make("kuhn"));
        TabularPolicy uniform = TabularPolicy.uniform(kuhn);
        double mmd = PolicyEvaluation.exploitability(kuhn,
                LearnerUpdate.apply(kuhn, uniform, UpdateRule.magneticMirrorDescent(0.5, 0.5), uniform));
        double greedy = PolicyEvaluation.exploitability(kuhn, LearnerUpdate.apply(kuhn, uniform, UpdateRule.greedy(), null));
        assertTrue(mmd <= 0.25, "MMD search " + mmd);
        assertEquals(0.234, mmd, 1e-3);
        assertEquals(1.0 / 3, greedy, 1e-3);
    }
}
