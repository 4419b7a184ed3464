package dev.proxima.rl.ppo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.env.AutoresetMode;
import dev.proxima.core.env.VectorEnv;
import dev.proxima.envs.Envs;
import dev.proxima.rl.common.Evaluation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PPO solves CartPole-v1: with the RL Zoo tuned hyperparameters and 8 envs, a 100k-step run ends
 * with a deterministic evaluation mean of at least 475 over 20 episodes, for each of 3 seeds.
 */
@Tag("slow")
class PpoLearningTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void reachesEvaluationReturn475OnCartPoleWithin100kSteps(long seed) {
        try (VectorEnv envs = Envs.makeVector("CartPole-v1", 8, AutoresetMode.SAME_STEP, false)) {
            Ppo.Learner ppo = new Ppo.Learner(Ppo.Config.tunedCartPole(), envs, 100_000, seed);
            while (!ppo.done()) {
                ppo.iterate();
            }
            assertTrue(ppo.envSteps() <= 100_000);
            Evaluation.Result r = Evaluation.run(ppo.agent(), () -> Envs.make("CartPole-v1"), 20,
                    seed + Evaluation.SEED_OFFSET);
            assertTrue(r.mean() >= 475, "seed " + seed + ": deterministic evaluation mean " + r.mean());
        }
    }
}
