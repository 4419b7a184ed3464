package dev.proxima.rl.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.proxima.core.env.AutoresetMode;
import dev.proxima.core.env.VectorEnv;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.envs.Envs;
import dev.proxima.rl.mdpo.Mdpo;
import dev.proxima.rl.common.OnPolicyLearner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class PpoDeterminismTest {
    private static final long STEPS = 8 * 512;

    private static VectorEnv envs(String id, boolean threaded) {
        return Envs.makeVector(id, 4, AutoresetMode.SAME_STEP, threaded);
    }

    private static List<Map<String, Double>> run(OnPolicyLearner l) {
        List<Map<String, Double>> metrics = new ArrayList<>();
        while (!l.done()) metrics.add(l.iterate());
        return metrics;
    }

    private static float[] flatParameters(OnPolicyLearner l) {
        List<Tensor> ps = l.agent().parameters();
        int n = ps.stream().mapToInt(Tensor::size).sum();
        float[] all = new float[n];
        int o = 0;
        for (Tensor p : ps) {
            System.arraycopy(p.data, 0, all, o, p.size());
            o += p.size();
        }
        return all;
    }

    @Test
    void sameSeedGivesBitIdenticalParametersAndMetricsAndADifferentSeedDoesNot() {
        for (String env : new String[] {"CartPole-v1", "Pendulum-v1"}) {
            BiFunction<Long, Boolean, OnPolicyLearner> make = (seed, threaded) ->
                    new Ppo.Learner(Ppo.Config.classicControl(), envs(env, threaded), STEPS, seed);
            OnPolicyLearner a = make.apply(7L, false), b = make.apply(7L, false), c = make.apply(8L, false);
            OnPolicyLearner threaded = make.apply(7L, true);
            List<Map<String, Double>> ma = run(a);
            assertEquals(ma, run(b), env);
            assertEquals(ma, run(threaded), env + ": threaded and sync vector envs must agree");
            run(c);
            assertArrayEquals(flatParameters(a), flatParameters(b), env);
            assertArrayEquals(flatParameters(a), flatParameters(threaded), env);
            assertFalse(Arrays.equals(flatParameters(a), flatParameters(c)), env);
        }
    }

    @Test
    void resumingFromSavedStateEndsIdenticalToAnUninterruptedRun() {
        for (boolean mdpo : new boolean[] {false, true}) {
            OnPolicyLearner whole = learner(mdpo), first = learner(mdpo), resumed = learner(mdpo);
            List<Map<String, Double>> all = run(whole);
            List<Map<String, Double>> pieces = new ArrayList<>();
            for (int i = 0; i < 3; i++) pieces.add(first.iterate());
            StateDict saved = new StateDict();
            first.saveState(saved, "");
            resumed.loadState(saved, "");
            pieces.addAll(run(resumed));
            assertEquals(all, pieces, mdpo ? "mdpo" : "ppo");
            assertArrayEquals(flatParameters(whole), flatParameters(resumed));
        }
    }

    private static OnPolicyLearner learner(boolean mdpo) {
        return mdpo ? new Mdpo.Learner(Mdpo.Config.classicControl(), envs("CartPole-v1", false), STEPS, 3)
                : new Ppo.Learner(Ppo.Config.classicControl(), envs("CartPole-v1", false), STEPS, 3);
    }
}
