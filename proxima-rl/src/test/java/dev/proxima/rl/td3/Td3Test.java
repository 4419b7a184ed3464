package dev.proxima.rl.td3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.env.Env;
import dev.proxima.core.env.Step;
import dev.proxima.envs.Envs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class Td3Test {
    @Test
    void theSameSeedGivesBitIdenticalLearnersAndAnEmptyExtensionChangesNothing() {
        Td3.Config c = new Td3.Config(32, 32, 3e-4, 0.99, 0.005, 10_000, 200, 0.1, 0.2, 0.5, 2);
        Td3.Learner a = new Td3.Learner(c, Envs.makeContinuous("Pendulum-v1"), 5);
        Td3.Learner b = new Td3.Learner(c, Envs.makeContinuous("Pendulum-v1"), 5, (g, batch) -> null);
        for (int t = 0; t < 500; t++) {
            a.step();
            b.step();
        }
        float[] obs = {0.1f, 0.99f, -2f};
        assertArrayEquals(a.act(obs), b.act(obs));
        assertArrayEquals(a.lastLosses(), b.lastLosses());
    }

    /**
     * Pendulum, the CPU setting, 20k steps: 10 deterministic evaluation episodes reach ≥ −250 in at
     * least 4 of 5 seeds, the bar of the SAC/MDPO Pendulum check (seeds-control §1(c)).
     */
    @Test
    @Tag("slow")
    void solvesPendulumInFourOfFiveSeeds() {
        int solved = 0;
        StringBuilder all = new StringBuilder();
        for (long seed = 1; seed <= 5; seed++) {
            Td3.Learner td3 = new Td3.Learner(Td3.Config.cpu(), Envs.makeContinuous("Pendulum-v1"), seed);
            while (td3.envSteps() < 20_000) td3.step();
            double total = 0;
            for (int e = 0; e < 10; e++) {
                try (Env<float[], float[]> env = Envs.makeContinuous("Pendulum-v1")) {
                    float[] obs = env.reset(1_000_000 + seed * 100 + e).observation();
                    while (true) {
                        Step<float[]> s = env.step(td3.act(obs));
                        total += s.reward();
                        if (s.done()) {
                            break;
                        }
                        obs = s.observation();
                    }
                }
            }
            all.append(String.format(java.util.Locale.ROOT, " %.1f", total / 10));
            if (total / 10 >= -250) solved++;
        }
        System.out.println("TD3 Pendulum, eval after 20k steps, seeds 1-5:" + all);
        assertTrue(solved >= 4, "seeds at or above -250: " + solved + " of 5;" + all);
    }
}
