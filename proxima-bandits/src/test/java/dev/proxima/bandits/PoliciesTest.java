package dev.proxima.bandits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.bandit.BanditProblem;
import dev.proxima.core.bandit.Context;
import dev.proxima.core.random.Rng;
import dev.proxima.envs.bandit.ArmsProblem;
import dev.proxima.envs.bandit.LinearProblem;
import org.junit.jupiter.api.Test;

/** Contract of every policy, and the learning targets of the style guide §3.7 for bandits. */
class PoliciesTest {
    @Test
    void everyPolicyReportsAProbabilityVectorAndActsFromIt() {
        BanditProblem linear = new LinearProblem(4, 6, Rng.of(1));
        Rng rng = Rng.of(2);
        for (String name : Policies.NAMES) {
            BanditPolicy p = Policies.create(name, 4, 6, Policies.Settings.defaults(), Rng.of(3));
            for (int t = 0; t < 300; t++) {
                Context x = linear.nextContext(rng);
                double[] probs = new double[4];
                p.probabilities(x, probs);
                double sum = 0;
                for (double v : probs) {
                    assertTrue(v >= 0 && v <= 1 + 1e-12, name + ": " + java.util.Arrays.toString(probs));
                    sum += v;
                }
                assertEquals(1, sum, 1e-9, name);
                Decision d = p.decide(x, rng);
                assertTrue(d.probability() > 0, name + " logged a zero propensity");
                assertEquals(d.probabilities()[d.action()], d.probability(), 0, name);
                p.update(x, d.action(), linear.reward(x, d.action(), rng));
            }
        }
    }

    @Test
    void ucb1RegretIsFarBelowUniformAndWithinItsBound() {
        double[] means = {0.1, 0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8};
        ArmsProblem problem = ArmsProblem.bernoulli(means);
        int t = 10_000;
        double ucb = Experiment.run(problem, Policies.create("ucb1", 10, 0, Policies.Settings.defaults(), Rng.of(1)), t, 4)
                .totalRegret();
        double uniform = Experiment.run(problem, Policies.create("uniform", 10, 0, Policies.Settings.defaults(), Rng.of(1)),
                t, 4).totalRegret();
        // Auer et al. (2002), Theorem 1: E[regret] ≤ Σ_{a: Δ>0} 8 ln T / Δ_a + (1 + π²/3) Σ Δ_a.
        double bound = 0;
        for (double m : means) {
            double gap = 0.8 - m;
            if (gap > 0) {
                bound += 8 * Math.log(t) / gap + (1 + Math.PI * Math.PI / 3) * gap;
            }
        }
        assertTrue(ucb < bound, "UCB1 regret " + ucb + " vs bound " + bound);
        assertTrue(5 * ucb < uniform, "UCB1 " + ucb + " vs uniform " + uniform);
    }

    @Test
    void thompsonPicksTheBestArmAlmostAlwaysAtTheEnd() {
        double[] means = {0.1, 0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8};
        Experiment.Result r = Experiment.run(ArmsProblem.bernoulli(means),
                Policies.create("thompson", 10, 0, Policies.Settings.defaults(), Rng.of(5)), 10_000, 6);
        int best = 0;
        for (int i = 9_000; i < 10_000; i++) best += r.actions()[i] == 9 ? 1 : 0;
        assertTrue(best >= 900, "best arm chosen " + best + " of the last 1,000 rounds");
    }

    @Test
    void explicitExplorationGivesEveryActionAFloor() {
        BanditPolicy greedy = Exploration.epsilon(Policies.create("ucb1", 4, 0, Policies.Settings.defaults(), Rng.of(1)), 0.2);
        double[] p = new double[4];
        greedy.probabilities(Context.EMPTY, p);
        assertEquals(0.8 + 0.05, p[0], 1e-12); // untried arm 0 first
        for (int a = 1; a < 4; a++) assertEquals(0.05, p[a], 1e-12);
    }
}
