package dev.proxima.bandits.lsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import org.junit.jupiter.api.Test;

/** States, transitions, means and the testbed generator (spec §5(a) "Model", §5(b) generator). */
class LsdModelTest {
    @Test
    void pulledArmCountsUpAndOthersCountDown() {
        LsdModel model = LsdFixtures.threeArms();
        // Arm 0 has played 2 rounds, arm 1 rested 1, arm 2 rested 3. Pull arm 1:
        // arm 0 stops playing → −1; arm 1 starts a run → 1; arm 2 stays at the cap −3.
        assertArrayEquals(new int[] {-1, 1, -3}, model.next(new int[] {2, -1, -3}, 1));
        // Pull arm 0 again from (3, −2, −3): its run is capped at 3, arm 1 rests to −3.
        assertArrayEquals(new int[] {3, -3, -3}, model.next(new int[] {3, -2, -3}, 0));
        // From (1, −1, −2) pull arm 0: (2, −2, −3).
        assertArrayEquals(new int[] {2, -2, -3}, model.next(new int[] {1, -1, -2}, 0));
    }

    @Test
    void nextStateFollowsTheSpecRules() {
        assertEquals(1, LsdModel.nextState(-3, true, 3));
        assertEquals(1, LsdModel.nextState(-1, true, 3));
        assertEquals(2, LsdModel.nextState(1, true, 3));
        assertEquals(3, LsdModel.nextState(3, true, 3));
        assertEquals(-1, LsdModel.nextState(2, false, 3));
        assertEquals(-2, LsdModel.nextState(-1, false, 3));
        assertEquals(-3, LsdModel.nextState(-3, false, 3));
    }

    @Test
    void advanceChangesTheArrayInPlaceAndNextDoesNot() {
        LsdModel model = LsdFixtures.threeArms();
        int[] states = model.restedStates();
        assertArrayEquals(new int[] {-3, -3, -3}, states);
        int[] after = model.next(states, 2);
        assertArrayEquals(new int[] {-3, -3, -3}, states);
        model.advance(states, 2);
        assertArrayEquals(after, states);
        assertArrayEquals(new int[] {-3, -3, 1}, states);
    }

    @Test
    void meansAreLookedUpByState() {
        LsdModel model = LsdFixtures.threeArms();
        assertEquals(0.3, model.mean(0, -1));
        assertEquals(0.7, model.mean(0, -3));
        assertEquals(0.25, model.mean(0, 1));
        assertEquals(0.1, model.mean(0, 3));
        assertEquals(0.9, model.idleMean(1, 3));
        assertEquals(0.0, model.playMean(1, 3));
        assertThrows(IllegalArgumentException.class, () -> model.mean(0, 0));
        assertThrows(IllegalArgumentException.class, () -> model.mean(0, 4));
        // (−3, −3, 1): arm 0 pays 0.7, arm 1 0.9, arm 2 0.1 → greedy takes arm 1.
        assertEquals(1, model.greedyArm(new int[] {-3, -3, 1}));
        // Ties go to the lowest index.
        assertEquals(0, LsdModel.constant(2, 0.5, 0.5).greedyArm(new int[] {-2, -2}));
    }

    @Test
    void monotonicityIsDeprivationAndSatiation() {
        assertTrue(LsdFixtures.threeArms().isMonotone());
        assertFalse(LsdModel.of(new double[][] {{0.5, 0.4}}, new double[][] {{0.1, 0.0}}).isMonotone());
        assertFalse(LsdModel.of(new double[][] {{0.4, 0.5}}, new double[][] {{0.1, 0.2}}).isMonotone());
    }

    @Test
    void badTablesAreRejectedWithTheFieldNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LsdModel.of(new double[][] {{0.5, 1.5}}, new double[][] {{0.1, 0.0}}));
        assertTrue(e.getMessage().startsWith("mean of arm 0 in state -2"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LsdModel.of(new double[][] {{0.5, 0.6}}, new double[][] {{0.1}}));
        assertThrows(IllegalArgumentException.class, () -> LsdModel.of(new double[0][], new double[0][]));
        assertThrows(IllegalArgumentException.class,
                () -> LsdModel.of(new double[][] {{Double.NaN}}, new double[][] {{0.1}}));
    }

    @Test
    void theModelCopiesItsInput() {
        double[][] idle = {{0.2, 0.3}};
        LsdModel model = LsdModel.of(idle, new double[][] {{0.1, 0.0}});
        idle[0][0] = 0.9;
        assertEquals(0.2, model.idleMean(0, 1));
    }

    @Test
    void generatedInstancesFollowTheSpecShape() {
        for (int seed = 0; seed < 60; seed++) {
            LsdModel model = LsdInstances.standard(seed);
            assertEquals(3, model.arms());
            assertEquals(3, model.tauMax());
            assertTrue(model.isMonotone(), "seed " + seed);
            for (int i = 0; i < 3; i++) {
                // idle means are U(0,1)·base with base < 1; play means are U(0,1)·μ(−1).
                assertTrue(model.idleMean(i, 3) < 1.0);
                assertTrue(model.playMean(i, 1) <= model.idleMean(i, 1));
                assertTrue(model.playMean(i, 3) >= 0.0);
            }
        }
    }

    @Test
    void theGeneratorDrawsBaseThenIdleThenPlayPerArm() {
        Rng rng = Rng.of(7);
        double base = rng.uniform(0.2, 1.0);
        double[] u = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
        double[] v = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
        java.util.Arrays.sort(u);
        java.util.Arrays.sort(v);
        LsdModel model = LsdInstances.generate(7, 1, 3);
        for (int b = 1; b <= 3; b++) assertEquals(u[b - 1] * base, model.idleMean(0, b), 0.0);
        for (int q = 1; q <= 3; q++) assertEquals(v[3 - q] * (u[0] * base), model.playMean(0, q), 0.0);
    }

    @Test
    void sameSeedSameInstanceDifferentSeedDifferentInstance() {
        assertEquals(LsdInstances.standard(3).toString(), LsdInstances.standard(3).toString());
        assertNotEquals(LsdInstances.standard(3).toString(), LsdInstances.standard(4).toString());
    }

    @Test
    void banditPaysBernoulliRewardsAndTracksStates() {
        LsdModel model = LsdModel.of(new double[][] {{1.0, 1.0}, {0.0, 0.0}}, new double[][] {{0.0, 0.0}, {0.0, 0.0}});
        LsdBandit bandit = new LsdBandit(model, Rng.of(1));
        assertEquals(1.0, bandit.pull(0)); // rested arm 0 pays 1 surely
        assertEquals(1, bandit.state(0));
        assertEquals(-2, bandit.state(1)); // already at the cap −τ_max

        assertEquals(0.0, bandit.pull(0)); // in play it pays 0 surely
        assertEquals(2, bandit.rounds());
        assertEquals(1.0, bandit.expectedTotal());
        assertEquals(0.5, bandit.realisedAverage());
        assertArrayEquals(new int[] {2, -2}, bandit.states());
        assertThrows(IllegalArgumentException.class, () -> bandit.pull(2));
    }

    @Test
    void banditRewardFrequencyMatchesTheMean() {
        LsdBandit bandit = new LsdBandit(LsdModel.constant(1, 0.3), Rng.of(5));
        for (int t = 0; t < 100_000; t++) bandit.pull(0);
        // Binomial standard error √(0.21/10⁵) ≈ 0.0014; allow 4 of them.
        assertEquals(0.3, bandit.realisedAverage(), 0.006);
        assertEquals(0.3, bandit.expectedAverage(), 1e-12);
    }
}
