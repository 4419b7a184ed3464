package dev.proxima.bandits.lsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The exact optimum of spec §5(a): hand-solved instances, Karp against value iteration, brute force. */
class LsdOptimumTest {
    @Test
    void defaultsMatchTheSpec() {
        LsdOptimum.Config config = LsdOptimum.Config.defaults();
        assertEquals(0.5, config.damping());
        assertEquals(1e-10, config.spanTolerance());
        assertEquals(1e-8, config.agreementTolerance());
    }

    @Test
    void configRejectsValuesOutsideTheirRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LsdOptimum.Config(1.0, 1e-10, 1e-8, 10, 10));
        assertTrue(e.getMessage().startsWith("damping"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LsdOptimum.Config(0.5, 0, 1e-8, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new LsdOptimum.Config(0.5, 1e-10, 1e-8, 10, 0));
    }

    @Test
    void oneArmIsPulledForeverAndEarnsItsSatiatedMean() {
        // The only arm goes −2 → 1 → 2 → 2 → …: three reachable states, long-run average μ(2) = 0.1.
        LsdOptimum.Result r = LsdOptimum.solve(LsdFixtures.oneArm());
        assertEquals(0.1, r.gain(), 1e-12);
        assertEquals(3, r.reachableStates());
        assertArrayEquals(new int[] {0}, r.cycle());
    }

    @Test
    void twoArmOptimumAlternates() {
        // τ_max = 1; states (−1,−1) start, (1,−1), (−1,1). Cycles: always A .2, always B .5,
        // alternate (.8 + .6)/2 = .7. The optimum is the alternation.
        LsdOptimum.Result r = LsdOptimum.solve(LsdFixtures.twoArms());
        assertEquals(0.7, r.gain(), 1e-12);
        assertEquals(0.7, r.valueIterationGain(), 1e-9);
        assertEquals(3, r.reachableStates());
        assertEquals(2, r.cycle().length);
        assertTrue(r.cycle()[0] != r.cycle()[1]);
    }

    @Test
    void regressionInstanceOptimumIsAlwaysPullTheGoodArm() {
        LsdOptimum.Result r = LsdOptimum.solve(LsdInstances.steadyPatternRegression());
        assertEquals(1.0, r.gain(), 1e-12);
        assertArrayEquals(new int[] {0}, r.cycle());
    }

    @Test
    void standardInstancesHave28ReachableStatesAndBothMethodsAgree() {
        for (int j = 0; j < 15; j++) {
            LsdModel model = LsdInstances.standard(j);
            LsdOptimum.Result r = LsdOptimum.solve(model);
            assertEquals(28, r.reachableStates(), "instance " + j);
            assertEquals(r.gain(), r.valueIterationGain(), 1e-8, "instance " + j);
            assertEquals(r.gain(), cycleMean(model, r.cycle()), 1e-8, "instance " + j);
        }
    }

    @Test
    void afterTheFirstPullExactlyOneArmIsInPlay() {
        LsdOptimum.Graph graph = LsdOptimum.reachableGraph(LsdInstances.standard(0), 1000);
        for (int s = 1; s < graph.size(); s++) {
            int playing = 0;
            for (int tau : graph.states()[s]) if (tau > 0) playing++;
            assertEquals(1, playing);
        }
    }

    @Test
    void optimumEqualsBruteForceOverPeriodicSchedules() {
        // k = 2, τ_max = 2 has at most 9 joint states, so every simple cycle is a periodic pull
        // sequence of length ≤ 9: the best such sequence is the optimum.
        for (int seed = 100; seed < 120; seed++) {
            LsdModel model = LsdInstances.generate(seed, 2, 2);
            double best = 0;
            for (int length = 1; length <= 9; length++) {
                for (int word = 0; word < (1 << length); word++) {
                    int[] cycle = new int[length];
                    for (int t = 0; t < length; t++) cycle[t] = (word >> t) & 1;
                    best = Math.max(best, cycleMean(model, cycle));
                }
            }
            assertEquals(best, LsdOptimum.solve(model).gain(), 1e-12, "seed " + seed);
        }
    }

    @Test
    void instancesBeyondTheStateCapAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LsdOptimum.solve(LsdInstances.standard(0), new LsdOptimum.Config(0.5, 1e-10, 1e-8, 1000, 10)));
        assertTrue(e.getMessage().contains("maxStates"), e.getMessage());
    }

    /** Long-run average of repeating {@code cycle} forever: the mean over one period once the start is forgotten. */
    static double cycleMean(LsdModel model, int[] cycle) {
        int[] states = model.restedStates();
        int warmup = (model.tauMax() + 2) * cycle.length;
        for (int t = 0; t < warmup; t++) model.advance(states, cycle[t % cycle.length]);
        // warmup is a multiple of the period, so the next pull is cycle[0].
        double total = 0;
        for (int arm : cycle) {
            total += model.mean(arm, states[arm]);
            model.advance(states, arm);
        }
        return total / cycle.length;
    }
}
