package dev.proxima.rl.mdpo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.env.AutoresetMode;
import dev.proxima.core.env.VectorEnv;
import dev.proxima.envs.Envs;
import dev.proxima.rl.common.Evaluation;
import dev.proxima.rl.common.OnPolicyLearner;
import dev.proxima.rl.ppo.Ppo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Spec §1(c) on CartPole-v1 with the CPU setting (batch 512, learning rate 1e-3), 5 seeds and a
 * 200k-step budget:
 * <ul>
 *   <li>on-policy MDPO ends with a deterministic evaluation mean ≥ 475 (20 episodes) in at least
 *       4 of 5 seeds;</li>
 *   <li>its 5-seed mean is at least 0.95× that of the PPO-clip baseline of spec §1(b): the same
 *       networks and batch, 10 epochs of minibatch 64, ε 0.2, learning rate 1e-3;</li>
 *   <li>the measured KL(π_{k+1} ‖ π_k) averaged over the last 10% of iterations is at most 0.25×
 *       its average over the first 10%, as the growing KL weight 1/t_k implies.</li>
 * </ul>
 */
@Tag("slow")
class MdpoLearningTest {
    private static final long STEPS = 200_000;
    private static final long[] SEEDS = {1, 2, 3, 4, 5};

    @Test
    void solvesCartPoleOnParWithPpoAndItsStepsShrink() {
        double[] mdpo = new double[SEEDS.length], ppo = new double[SEEDS.length];
        int solved = 0;
        List<String> klReport = new ArrayList<>();
        for (int i = 0; i < SEEDS.length; i++) {
            List<Double> kls = new ArrayList<>();
            mdpo[i] = train(new Mdpo.Learner(Mdpo.Config.classicControl(), envs(), STEPS, SEEDS[i]), SEEDS[i], kls);
            solved += mdpo[i] >= 475 ? 1 : 0;
            ppo[i] = train(new Ppo.Learner(ppoBaseline(), envs(), STEPS, SEEDS[i]), SEEDS[i], null);
            int tenth = Math.max(1, kls.size() / 10);
            double first = kls.subList(0, tenth).stream().mapToDouble(d -> d).average().orElseThrow();
            double last = kls.subList(kls.size() - tenth, kls.size()).stream().mapToDouble(d -> d).average().orElseThrow();
            klReport.add(String.format("seed %d: first %.3g last %.3g", SEEDS[i], first, last));
            assertTrue(last <= 0.25 * first, "KL(pi_k+1 || pi_k) must shrink: " + klReport);
        }
        double mdpoMean = Arrays.stream(mdpo).average().orElseThrow();
        double ppoMean = Arrays.stream(ppo).average().orElseThrow();
        String report = "MDPO " + Arrays.toString(mdpo) + " PPO " + Arrays.toString(ppo) + " KL " + klReport;
        assertTrue(solved >= 4, "MDPO reached 475 in " + solved + "/5 seeds: " + report);
        assertTrue(mdpoMean >= 0.95 * ppoMean, "MDPO mean " + mdpoMean + " vs PPO mean " + ppoMean + ": " + report);
    }

    /** PPO-clip baseline of spec §1(b) in the CPU setting. */
    static Ppo.Config ppoBaseline() {
        Ppo.Config c = Ppo.Config.classicControl();
        return new Ppo.Config(c.numSteps(), 8, 10, 1e-3, c.annealLearningRate(), c.gamma(), c.gaeLambda(),
                c.clipCoef(), c.annealClipCoef(), c.clipValueLoss(), c.entCoef(), c.vfCoef(), c.maxGradNorm(),
                c.normalizeAdvantages(), c.targetKl(), c.hiddenSize(), c.hiddenLayers(), c.activation(), c.adamEpsilon());
    }

    private static VectorEnv envs() {
        return Envs.makeVector("CartPole-v1", 4, AutoresetMode.SAME_STEP, false);
    }

    private static double train(OnPolicyLearner learner, long seed, List<Double> kls) {
        while (!learner.done()) {
            Map<String, Double> m = learner.iterate();
            if (kls != null) {
                kls.add(m.get("losses/kl_new_old"));
            }
        }
        return Evaluation.run(learner.agent(), () -> Envs.make("CartPole-v1"), 20, seed + Evaluation.SEED_OFFSET).mean();
    }
}
