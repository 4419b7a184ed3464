package dev.proxima.bandits.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.bandits.Experiment;
import dev.proxima.bandits.policy.Uniform;
import dev.proxima.core.bandit.Context;
import dev.proxima.core.random.Rng;
import dev.proxima.envs.bandit.ClusterRecommender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec §4(c) on the synthetic recommender (C 20, J 40, T 20,000, α 1, λ 1). */
class DiagLinUcbTest {
    private static final int T = 20_000;

    @Test
    void withOneHotContextsItIsLinUcb() {
        for (long seed = 0; seed < 3; seed++) {
            ClusterRecommender problem = ClusterRecommender.standard(1, Rng.of(100 + seed));
            Experiment.Result diag = Experiment.run(problem, new DiagLinUcb(40, 20, 1.0, 1.0), T, seed);
            Experiment.Result lin = Experiment.run(problem, new LinUcb(40, 20, 1.0, 1.0), T, seed);
            assertArrayEquals(lin.actions(), diag.actions(), "seed " + seed);
            assertEquals(lin.totalRegret(), diag.totalRegret(), 0.0, "seed " + seed);
        }
    }

    @Test
    void withThreeClustersItStaysCloseToLinUcbAndBeatsTheBaselines() {
        double diag = 0, lin = 0, random = 0, greedy = 0;
        for (long seed = 0; seed < 3; seed++) {
            ClusterRecommender problem = ClusterRecommender.standard(3, Rng.of(200 + seed));
            diag += Experiment.run(problem, new DiagLinUcb(40, 20, 1.0, 1.0), T, seed).totalRegret();
            lin += Experiment.run(problem, new LinUcb(40, 20, 1.0, 1.0), T, seed).totalRegret();
            random += Experiment.run(problem, new Uniform(40), T, seed).totalRegret();
            greedy += Experiment.run(problem, new DiagLinUcb(40, 20, 0.0, 1.0), T, seed).totalRegret();
        }
        String report = String.format("diag %.1f linucb %.1f random %.1f greedy %.1f", diag / 3, lin / 3, random / 3,
                greedy / 3);
        assertTrue(diag <= 2.4 * lin, report);
        assertTrue(diag <= 0.8 * random, report);
        assertTrue(diag <= 0.85 * greedy, report);
    }

    @Test
    void concurrentUpdatesEqualSequentialOnes() throws InterruptedException {
        ClusterRecommender problem = ClusterRecommender.standard(3, Rng.of(7));
        Rng contexts = Rng.of(8), rewards = Rng.of(9);
        List<Context> xs = new ArrayList<>();
        int[] items = new int[20_000];
        double[] ys = new double[items.length];
        for (int i = 0; i < items.length; i++) {
            xs.add(problem.nextContext(contexts));
            items[i] = rewards.nextInt(40);
            ys[i] = problem.reward(xs.get(i), items[i], rewards);
        }
        DiagLinUcb sequential = new DiagLinUcb(40, 20, 1.0, 1.0), concurrent = new DiagLinUcb(40, 20, 1.0, 1.0);
        for (int i = 0; i < items.length; i++) sequential.update(xs.get(i), items[i], ys[i]);
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int start = t;
            threads[t] = new Thread(() -> {
                for (int i = start; i < items.length; i += 2) concurrent.update(xs.get(i), items[i], ys[i]);
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        for (int j = 0; j < 40; j++) {
            for (int c = 0; c < 20; c++) {
                assertArrayEquals(sequential.edge(j, c), concurrent.edge(j, c), 1e-9, "edge " + j + "," + c);
            }
        }
    }

    @Test
    void stateIsAboutTwoOverCPlusOneOfLinUcbs() {
        DiagLinUcb diag = new DiagLinUcb(200, 100, 1, 1);
        LinUcb lin = new LinUcb(200, 100, 1, 1);
        double ratio = (double) lin.stateBytes() / diag.stateBytes();
        assertEquals(101 / 2.0, ratio, 1e-9);
    }
}
