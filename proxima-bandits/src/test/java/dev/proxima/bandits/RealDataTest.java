package dev.proxima.bandits;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import dev.proxima.envs.bandit.ClassificationBandit;
import dev.proxima.envs.bandit.Datasets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue check 4 on the real data sets (supervised-to-bandit conversion, 5,000 rounds, seed 1):
 * LinUCB, LinTS and Diag-LinUCB earn a higher average reward than uniform random and than
 * ε-greedy on per-class means.
 */
class RealDataTest {
    @ParameterizedTest
    @ValueSource(strings = {"iris", "glass", "segment", "soybean"})
    void contextualLearnersBeatTheContextFreeBaselines(String name) {
        ClassificationBandit problem = new ClassificationBandit(Datasets.load(name));
        Map<String, Double> reward = new LinkedHashMap<>();
        for (String p : new String[] {"uniform", "epsilon-greedy", "linucb", "lints", "diag-linucb"}) {
            BanditPolicy policy = Policies.create(p, problem.numActions(), problem.contextDimension(),
                    Policies.Settings.defaults(), Rng.of(7));
            reward.put(p, Experiment.run(problem, policy, 5000, 1).averageReward());
        }
        System.out.println(name + " " + reward);
        double baseline = Math.max(reward.get("uniform"), reward.get("epsilon-greedy"));
        for (String p : new String[] {"linucb", "lints", "diag-linucb"}) {
            assertTrue(reward.get(p) > baseline, name + ": " + reward);
        }
    }
}
