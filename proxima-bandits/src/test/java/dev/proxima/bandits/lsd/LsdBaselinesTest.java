package dev.proxima.bandits.lsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import org.junit.jupiter.api.Test;

/** Greedy myopic play and state-blind UCB1, the reference policies of spec §5(b). */
class LsdBaselinesTest {
    @Test
    void greedyFallsIntoTheMyopicTrap() {
        // From (−2, −2) greedy takes A (1.0), then B (.45, A pays 0 in play), then A again because
        // .5 > .45 after a single rest: the cycle A(.5), B(.45) averages 0.475. Resting A twice,
        // A B B, earns (1.0 + .45 + .45)/3 = 19/30, the optimum.
        LsdModel trap = LsdFixtures.myopicTrap();
        assertEquals(0.475, LsdBaselines.greedyAverage(trap), 1e-12);
        LsdOptimum.Result optimum = LsdOptimum.solve(trap);
        assertEquals(19.0 / 30.0, optimum.gain(), 1e-12);
        assertEquals(3, optimum.cycle().length);
    }

    @Test
    void greedyIsExactOnTheHandSolvedInstances() {
        assertEquals(0.1, LsdBaselines.greedyAverage(LsdFixtures.oneArm()), 1e-12);
        // (−1,−1): A .8; (1,−1): B .6 > A .2; (−1,1): A .8 > B .5; … alternation, 0.7.
        assertEquals(0.7, LsdBaselines.greedyAverage(LsdFixtures.twoArms()), 1e-12);
    }

    @Test
    void ucb1FindsTheBestArmWhenMeansDoNotDependOnTheState() {
        LsdBandit bandit = new LsdBandit(LsdModel.constant(2, 0.2, 0.8, 0.5), Rng.of(3));
        LsdBaselines.ucb1(bandit, 10_000);
        assertEquals(10_000, bandit.rounds());
        // UCB1's expected regret here is a few hundred pulls' worth at most.
        assertTrue(bandit.expectedAverage() >= 0.75, "average " + bandit.expectedAverage());
    }
}
