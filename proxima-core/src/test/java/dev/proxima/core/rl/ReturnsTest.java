package dev.proxima.core.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReturnsTest {
    /**
     * One env, 4 steps, γ = 0.9, λ = 0.8; the episode terminates at t = 1 and a new one runs
     * t = 2..3, cut by the rollout's end (bootstrapped with V(s_4) = 2).
     * <pre>
     *   r = [1, 2, 0, 1],  V = [0.5, 1, 1.5, 1],  V(next) = [1, 99 (ignored), 1, 2]
     *   δ0 = 1 + 0.9·1 − 0.5 = 1.4      δ1 = 2 + 0 − 1 = 1
     *   δ2 = 0 + 0.9·1 − 1.5 = −0.6     δ3 = 1 + 0.9·2 − 1 = 1.8
     *   Â3 = 1.8
     *   Â2 = −0.6 + 0.72·1.8 = 0.696
     *   Â1 = 1                           (episode ended: no look-ahead)
     *   Â0 = 1.4 + 0.72·1 = 2.12
     * </pre>
     */
    @Test
    void gaeMatchesHandWorkedExample() {
        float[] r = {1, 2, 0, 1}, v = {0.5f, 1, 1.5f, 1}, next = {1, 99, 1, 2};
        boolean[] term = {false, true, false, false}, ended = {false, true, false, false};
        float[] adv = new float[4];
        Returns.gae(r, v, next, term, ended, 4, 1, 0.9, 0.8, adv);
        assertArrayEquals(new float[] {2.12f, 1f, 0.696f, 1.8f}, adv, 1e-6f);
    }

    @Test
    void truncationBootstrapsFromTheFinalObservationButStopsTheRecursion() {
        // Step 0 is truncated: δ0 = 1 + 0.5·V(final)=4 → 1 + 2 − 1 = 2 and nothing from step 1 leaks in.
        float[] r = {1, 5}, v = {1, 0}, next = {4, 0};
        boolean[] term = {false, true}, ended = {true, true};
        float[] adv = new float[2];
        Returns.gae(r, v, next, term, ended, 2, 1, 0.5, 0.9, adv);
        assertArrayEquals(new float[] {2f, 5f}, adv, 1e-6f);
    }

    @Test
    void gaeWithLambdaOneIsReturnMinusValueAndLambdaZeroIsTdError() {
        float[] r = {1, 1, 1}, v = {0.2f, 0.4f, 0.6f}, next = {0.4f, 0.6f, 3f};
        boolean[] none = new boolean[3];
        float[] adv = new float[3], ret = new float[3];
        Returns.gae(r, v, next, none, none, 3, 1, 0.9, 1.0, adv);
        Returns.discounted(r, next, none, none, 3, 1, 0.9, ret);
        for (int t = 0; t < 3; t++) assertEquals(ret[t] - v[t], adv[t], 1e-6);
        Returns.gae(r, v, next, none, none, 3, 1, 0.9, 0.0, adv);
        for (int t = 0; t < 3; t++) assertEquals(r[t] + 0.9 * next[t] - v[t], adv[t], 1e-6);
    }

    @Test
    void environmentsInATimeMajorBatchAreIndependent() {
        // Two envs interleaved: env 0 rewards 1s, env 1 rewards 2s; each must equal its solo run.
        float[] r = {1, 2, 1, 2}, v = new float[4], next = new float[4];
        boolean[] none = new boolean[4];
        float[] adv = new float[4];
        Returns.gae(r, v, next, none, none, 2, 2, 0.5, 1, adv);
        assertArrayEquals(new float[] {1.5f, 3f, 1f, 2f}, adv, 1e-6f);
    }

    @Test
    void standardizeAndExplainedVariance() {
        float[] x = {1, 2, 3, 4};
        Returns.standardize(x, 4);
        double sd = Math.sqrt(5.0 / 3.0);
        assertArrayEquals(new float[] {(float) (-1.5 / sd), (float) (-0.5 / sd), (float) (0.5 / sd), (float) (1.5 / sd)}, x, 1e-6f);
        assertEquals(1.0, Returns.explainedVariance(new float[] {1, 2, 3}, new float[] {1, 2, 3}, 3), 1e-12);
        assertEquals(0.0, Returns.explainedVariance(new float[] {2, 2, 2}, new float[] {1, 2, 3}, 3), 1e-12);
        assertEquals(1 + 0.9 * 2 + 0.81 * 3, Returns.discountedSum(new double[] {1, 2, 3}, 0.9), 1e-12);
    }
}
