package dev.proxima.games.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.game.Game;
import dev.proxima.core.random.Rng;
import dev.proxima.envs.games.Games;
import dev.proxima.games.tree.Blueprints;
import dev.proxima.games.tree.GameTree;
import dev.proxima.games.tree.TabularPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec §3(c), update-equivalence unit test: at every information state, the decision-time planner
 * (walking {@code State}s, exact beliefs and expectations) outputs exactly the synchronous learner
 * update computed on the flattened tree, for the uniform blueprint and 10 Dirichlet(1) blueprints:
 * MD (η 0.5) on Tiny Hanabi, MMD (η 0.5, α 0.5, magnet = blueprint) on Kuhn. With 10,000 sampled
 * histories and one rollout each, the planner stays within 0.02 of the learner.
 */
class UpdateEquivalenceTest {
    static final List<String> TINY_HANABI = List.of("tiny-hanabi-a", "tiny-hanabi-b", "tiny-hanabi-c",
            "tiny-hanabi-d", "tiny-hanabi-e", "tiny-hanabi-f");

    private static List<TabularPolicy> blueprints(GameTree tree, long seed) {
        List<TabularPolicy> list = new ArrayList<>();
        list.add(TabularPolicy.uniform(tree));
        Rng rng = Rng.of(seed);
        for (int i = 0; i < 10; i++) list.add(Blueprints.dirichlet(tree, rng));
        return list;
    }

    private static double maxDifference(Game game, UpdateRule rule, long seed, boolean sampled) {
        GameTree tree = GameTree.of(game);
        double worst = 0;
        Rng sampling = Rng.of(seed + 99);
        for (TabularPolicy blueprint : blueprints(tree, seed)) {
            TabularPolicy learner = LearnerUpdate.apply(tree, blueprint, rule, blueprint);
            DecisionTimeSearch search = new DecisionTimeSearch(game, (s, p) -> Blueprints.lookup(blueprint, s, p));
            for (int set = 0; set < tree.numInfosets(); set++) {
                int player = tree.infosetPlayer(set);
                String key = tree.infosetKey(set);
                double[] planned = sampled
                        ? search.searchSampled(player, key, rule, blueprint.at(set), 10_000, sampling)
                        : search.searchExact(player, key, rule, blueprint.at(set));
                for (int a = 0; a < planned.length; a++) {
                    worst = Math.max(worst, Math.abs(planned[a] - learner.at(set)[a]));
                }
            }
        }
        return worst;
    }

    @Test
    void exactPlannerEqualsLearnerUpdateOnKuhnAndTinyHanabi() {
        assertEquals(0, maxDifference(Games.make("kuhn"), UpdateRule.magneticMirrorDescent(0.5, 0.5), 1, false), 1e-12);
        for (String name : TINY_HANABI) {
            assertEquals(0, maxDifference(Games.make(name), UpdateRule.mirrorDescent(0.5), 2, false), 1e-12, name);
        }
    }

    @Test
    void sampledPlannerIsCloseToTheLearnerUpdate() {
        double kuhn = maxDifference(Games.make("kuhn"), UpdateRule.magneticMirrorDescent(0.5, 0.5), 3, true);
        assertTrue(kuhn <= 0.02, "Kuhn: " + kuhn);
        double b = maxDifference(Games.make("tiny-hanabi-b"), UpdateRule.mirrorDescent(0.5), 4, true);
        assertTrue(b <= 0.02, "Tiny Hanabi B: " + b);
    }
}
