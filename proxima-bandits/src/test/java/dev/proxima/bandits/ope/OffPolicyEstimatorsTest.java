package dev.proxima.bandits.ope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.bandit.Context;
import dev.proxima.core.random.Rng;
import dev.proxima.envs.bandit.LinearProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented case: a linear Bernoulli problem (d 5, 4 actions), logged by a fixed policy
 * that mixes a softmax (temperature 0.5 over a random linear scorer) half and half with the
 * uniform policy, so no action has propensity below 1/8 and importance weights stay below 8;
 * evaluating a different fixed target policy
 * (90% argmax of another scorer, 10% uniform). 1,000 decisions per log, 300 independent logs; the
 * doubly robust reward model is fitted on a separate log of the same size. The true target value
 * is the mean of its exact expected reward over 400,000 contexts. (With a pure softmax logger the
 * weights reach ~90, the normal approximation fails and IPS intervals covered only 65% of the
 * time: bounded propensities are what make these intervals trustworthy.)
 */
class OffPolicyEstimatorsTest {
    static final int ACTIONS = 4, DIM = 5, N = 1000, SEEDS = 300;
    static final LinearProblem PROBLEM = new LinearProblem(ACTIONS, DIM, Rng.of(1));
    static final double[][] LOGGER = randomMatrix(Rng.of(2)), TARGET = randomMatrix(Rng.of(3));

    static double[][] randomMatrix(Rng rng) {
        double[][] w = new double[ACTIONS][DIM];
        for (double[] row : w) for (int i = 0; i < DIM; i++) row[i] = rng.nextGaussian();
        return w;
    }

    static double[] logging(double[] x) {
        double[] p = new double[ACTIONS];
        double sum = 0;
        for (int a = 0; a < ACTIONS; a++) {
            double s = 0;
            for (int i = 0; i < DIM; i++) s += LOGGER[a][i] * x[i];
            p[a] = Math.exp(s / 0.5);
            sum += p[a];
        }
        for (int a = 0; a < ACTIONS; a++) p[a] = 0.5 * p[a] / sum + 0.5 / ACTIONS;
        return p;
    }

    static double[] target(double[] x) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < ACTIONS; a++) {
            double s = 0;
            for (int i = 0; i < DIM; i++) s += TARGET[a][i] * x[i];
            if (s > bestScore) {
                bestScore = s;
                best = a;
            }
        }
        double[] p = new double[ACTIONS];
        java.util.Arrays.fill(p, 0.1 / ACTIONS);
        p[best] += 0.9;
        return p;
    }

    static List<LoggedDecision> log(long seed) {
        Rng rng = Rng.of(seed);
        List<LoggedDecision> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            Context x = PROBLEM.nextContext(rng);
            double[] p = logging(x.toArray());
            int a = dev.proxima.bandits.BanditPolicy.sample(p, rng);
            out.add(new LoggedDecision(x.toArray(), a, p[a], p, PROBLEM.reward(x, a, rng)));
        }
        return out;
    }

    static double trueValue() {
        Rng rng = Rng.of(99);
        double sum = 0;
        int n = 400_000;
        for (int i = 0; i < n; i++) {
            Context x = PROBLEM.nextContext(rng);
            double[] p = target(x.toArray());
            for (int a = 0; a < ACTIONS; a++) sum += p[a] * PROBLEM.expectedReward(x, a);
        }
        return sum / n;
    }

    @Test
    void ipsAndDrAreUnbiasedAndTheirIntervalsCoverAtAboutTheNominalRate() {
        double truth = trueValue();
        double[][] est = new double[3][SEEDS]; // ips, snips, dr
        int[] covered = new int[3];
        for (int s = 0; s < SEEDS; s++) {
            List<LoggedDecision> data = log(1000 + s);
            RidgeRewardModel model = RidgeRewardModel.fit(log(500_000 + s), 1.0);
            Estimate[] e = {OffPolicyEstimators.ips(data, OffPolicyEstimatorsTest::target),
                OffPolicyEstimators.snips(data, OffPolicyEstimatorsTest::target),
                OffPolicyEstimators.doublyRobust(data, OffPolicyEstimatorsTest::target, model)};
            for (int k = 0; k < 3; k++) {
                est[k][s] = e[k].value();
                covered[k] += e[k].covers(truth) ? 1 : 0;
            }
        }
        String[] names = {"ips", "snips", "dr"};
        double[] variance = new double[3];
        for (int k = 0; k < 3; k++) {
            double mean = java.util.Arrays.stream(est[k]).average().orElseThrow();
            double var = java.util.Arrays.stream(est[k]).map(v -> (v - mean) * (v - mean)).sum() / (SEEDS - 1);
            variance[k] = var;
            double se = Math.sqrt(var / SEEDS);
            if (k != 1) { // SNIPS is consistent, not unbiased
                assertEquals(truth, mean, 3 * se, names[k] + ": mean error " + (mean - truth) + " vs 3 SE " + 3 * se);
            }
            double rate = covered[k] / (double) SEEDS;
            assertTrue(rate >= 0.90 && rate <= 0.99, names[k] + " coverage " + rate);
        }
        System.out.printf("truth %.5f; coverage ips %.3f snips %.3f dr %.3f; variance ips %.3g snips %.3g dr %.3g%n", truth,
                covered[0] / (double) SEEDS, covered[1] / (double) SEEDS, covered[2] / (double) SEEDS, variance[0],
                variance[1], variance[2]);
        assertTrue(variance[1] < variance[0], "SNIPS variance " + variance[1] + " vs IPS " + variance[0]);
        assertTrue(variance[2] < variance[0], "DR variance " + variance[2] + " vs IPS " + variance[0]);
    }

    @Test
    void ipsMatchesAWorkedExample() {
        // Two decisions, target puts 0.5 on action 0: weights 0.5/0.25 = 2 and 0/0.5 = 0.
        List<LoggedDecision> data = List.of(
                new LoggedDecision(new double[] {1}, 0, 0.25, new double[] {0.25, 0.75}, 1.0),
                new LoggedDecision(new double[] {1}, 1, 0.75, new double[] {0.25, 0.75}, 0.4));
        OffPolicyEstimators.Target t = x -> new double[] {0.5, 0.5};
        assertEquals((2 * 1.0 + (0.5 / 0.75) * 0.4) / 2, OffPolicyEstimators.ips(data, t).value(), 1e-12);
        double w1 = 2, w2 = 0.5 / 0.75;
        assertEquals((w1 * 1.0 + w2 * 0.4) / (w1 + w2), OffPolicyEstimators.snips(data, t).value(), 1e-12);
        OffPolicyEstimators.RewardModel q = (x, a) -> a == 0 ? 0.8 : 0.3;
        double dm = 0.5 * 0.8 + 0.5 * 0.3;
        assertEquals(dm, OffPolicyEstimators.directMethod(data, t, q).value(), 1e-12);
        assertEquals(dm + (w1 * (1.0 - 0.8) + w2 * (0.4 - 0.3)) / 2, OffPolicyEstimators.doublyRobust(data, t, q).value(),
                1e-12);
    }

    @Test
    void badLogsAreRejectedWithTheField(@TempDir Path tmp) throws Exception {
        var zero = assertThrows(IllegalArgumentException.class,
                () -> new LoggedDecision(new double[] {1}, 0, 0.0, new double[] {0, 1}, 1));
        assertTrue(zero.getMessage().startsWith("propensity"), zero.getMessage());
        var sum = assertThrows(IllegalArgumentException.class,
                () -> new LoggedDecision(new double[] {1}, 0, 0.5, new double[] {0.5, 0.6}, 1));
        assertTrue(sum.getMessage().startsWith("probabilities"), sum.getMessage());
        var empty = assertThrows(IllegalArgumentException.class,
                () -> new LoggedDecision(new double[] {1}, 0, 1, new double[0], 1));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        Path file = tmp.resolve("log.jsonl");
        DecisionLog.write(file, log(5).subList(0, 3));
        assertEquals(log(5).subList(0, 3), DecisionLog.read(file));
        Files.writeString(file, Files.readString(file) + "{\"context\":[1],\"action\":0,\"propensity\":0.5}\n");
        var missing = assertThrows(IllegalArgumentException.class, () -> DecisionLog.read(file));
        assertTrue(missing.getMessage().contains("line 4") && missing.getMessage().contains("probabilities"),
                missing.getMessage());
    }
}
