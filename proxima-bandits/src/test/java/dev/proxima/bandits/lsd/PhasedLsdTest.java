package dev.proxima.bandits.lsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import org.junit.jupiter.api.Test;

/** The phased online adaptation of spec §5(a): schedule, budget, estimates, determinism. */
class PhasedLsdTest {
    @Test
    void defaultsMatchTheSpec() {
        PhasedLsd.Config config = PhasedLsd.Config.defaults();
        assertEquals(2_000, config.initialPhaseLength());
        assertEquals(0.1, config.sampleScale());
        assertEquals(2.0 / 3.0, config.sampleExponent());
        assertEquals(0.5, config.explorationCap());
        assertEquals(0.5, config.priorMean());
        assertEquals(BlockLp.Config.defaults(), config.lp());
    }

    @Test
    void configRejectsValuesOutsideTheirRange() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new PhasedLsd.Config(0, 0.1, 2.0 / 3, 0.5, 0.5, BlockLp.Config.defaults()));
        assertTrue(e.getMessage().startsWith("initialPhaseLength"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new PhasedLsd.Config(2000, 0.1, 1.5, 0.5, 0.5, BlockLp.Config.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> new PhasedLsd.Config(2000, 0.1, 2.0 / 3, 0, 0.5, BlockLp.Config.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> new PhasedLsd.Config(2000, 0.1, 2.0 / 3, 0.5, 1.5, BlockLp.Config.defaults()));
    }

    @Test
    void samplesPerPairFollowTheTwoThirdsSchedule() {
        PhasedLsd.Config config = PhasedLsd.Config.defaults();
        // ⌈0.1·2000^{2/3}⌉ = ⌈0.1·158.74⌉ = 16; 8000^{2/3} = 400 exactly, so 40; ⌈0.1·64000^{2/3}⌉ = ⌈160⌉ = 160.
        assertEquals(16, config.samplesPerPair(2_000));
        assertEquals(40, config.samplesPerPair(8_000));
        assertEquals(160, config.samplesPerPair(64_000));
    }

    @Test
    void phasesDoubleAndTheLastIsCutAtTheHorizon() {
        // 2·10⁴ = 2 000 + 4 000 + 8 000 + 6 000 (cut): 4 phases. 2·10⁵ = 2 000 + … + 64 000 + 74 000: 7.
        for (long[] horizonAndPhases : new long[][] {{20_000, 4}, {200_000, 7}, {1_500, 1}}) {
            LsdBandit bandit = new LsdBandit(LsdInstances.standard(2), Rng.of(1));
            PhasedLsd.Result r = PhasedLsd.run(bandit, horizonAndPhases[0], PhasedLsd.Config.defaults(), Rng.of(2));
            assertEquals(horizonAndPhases[0], bandit.rounds());
            assertEquals(horizonAndPhases[1], r.phases());
            assertTrue(r.explorationRounds() <= horizonAndPhases[0] / 2, "exploration " + r.explorationRounds());
        }
    }

    @Test
    void estimatesApproachTheTrueMeans() {
        LsdModel truth = LsdInstances.standard(0);
        LsdBandit bandit = new LsdBandit(truth, Rng.of(11));
        PhasedLsd.Result r = PhasedLsd.run(bandit, 200_000, PhasedLsd.Config.defaults(), Rng.of(12));
        // The last phase has ≥ 177 samples per pair: a standard error ≤ 0.038, so 0.15 is ~4σ.
        for (int i = 0; i < 3; i++) {
            for (int tau : new int[] {-3, -2, -1, 1, 2, 3}) {
                assertEquals(truth.mean(i, tau), r.estimates().mean(i, tau), 0.15, "arm " + i + " state " + tau);
            }
        }
    }

    @Test
    void learnsToKeepPullingTheGoodArmOfTheRegressionInstance() {
        LsdBandit bandit = new LsdBandit(LsdInstances.steadyPatternRegression(), Rng.of(3));
        PhasedLsd.run(bandit, 20_000, PhasedLsd.Config.defaults(), Rng.of(4));
        // Exploration costs at most half of every phase and pays ≥ 0 on arm 1 and 1 on arm 0;
        // committing pulls arm 0 only. Measured 0.97.
        assertTrue(bandit.expectedAverage() >= 0.9, "average " + bandit.expectedAverage());
    }

    @Test
    void oneArmIsPlayedWithoutExploring() {
        LsdModel model = LsdFixtures.oneArm();
        LsdBandit bandit = new LsdBandit(model, Rng.of(5));
        PhasedLsd.Result r = PhasedLsd.run(bandit, 10_000, PhasedLsd.Config.defaults(), Rng.of(6));
        assertEquals(10_000, bandit.rounds());
        assertEquals(0.5, r.estimates().mean(0, -1)); // nothing is explored with one arm
        assertEquals(0.1, bandit.expectedAverage(), 1e-3);
    }

    @Test
    void sameSeedsGiveBitIdenticalRuns() {
        double[] averages = new double[2];
        for (int run = 0; run < 2; run++) {
            LsdBandit bandit = new LsdBandit(LsdInstances.standard(4), Rng.of(21));
            PhasedLsd.run(bandit, 20_000, PhasedLsd.Config.defaults(), Rng.of(22));
            averages[run] = bandit.realisedAverage() + bandit.expectedAverage();
        }
        assertEquals(Double.doubleToRawLongBits(averages[0]), Double.doubleToRawLongBits(averages[1]));
    }

    @Test
    void aUsedBanditIsRefused() {
        LsdBandit bandit = new LsdBandit(LsdInstances.standard(0), Rng.of(1));
        bandit.pull(0);
        assertThrows(IllegalArgumentException.class,
                () -> PhasedLsd.run(bandit, 100, PhasedLsd.Config.defaults(), Rng.of(2)));
    }
}
