package dev.proxima.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.dist.Categorical;
import dev.proxima.core.dist.DiagGaussian;
import dev.proxima.core.dist.TanhGaussian;
import dev.proxima.core.random.Rng;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks of every differentiable operation. The loss is a fixed random
 * projection {@code Σ out·R}, so every output element's gradient is exercised. Central
 * differences in float32 with step 1e-2 are accurate to about 1e-4 here; a wrong backward rule
 * is off by O(1), far outside the 3e-3 tolerance.
 */
class GradientCheckTest {
    private static final float H = 1e-2f;
    private static final double TOL = 3e-3;

    private static Tensor param(Rng rng, int rows, int cols, double lo, double hi) {
        Tensor t = Tensor.parameter(rows, cols);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) rng.uniform(lo, hi);
        }
        return t;
    }

    private static Tensor param(Rng rng, int rows, int cols) {
        return param(rng, rows, cols, -1, 1);
    }

    /** Compares analytic and numeric gradients of Σ f(g)·R with respect to every parameter. */
    static void check(String name, Function<Graph, Tensor> f, Tensor... params) {
        Graph g = new Graph();
        Tensor out = f.apply(g);
        Rng rng = Rng.of(name.hashCode());
        float[] proj = new float[out.data.length];
        for (int i = 0; i < proj.length; i++) proj[i] = (float) rng.uniform(-1, 1);
        for (Tensor p : params) p.zeroGrad();
        g.reset();
        Tensor o = f.apply(g);
        Tensor r = g.constant(proj, 0, o.rows, o.cols);
        g.backward(g.sum(g.mul(o, r)));
        for (int pi = 0; pi < params.length; pi++) {
            Tensor p = params[pi];
            float[] analytic = p.grad().clone();
            for (int i = 0; i < p.data.length; i++) {
                float saved = p.data[i];
                p.data[i] = saved + H;
                double up = projected(g, f, proj);
                p.data[i] = saved - H;
                double down = projected(g, f, proj);
                p.data[i] = saved;
                double numeric = (up - down) / (2 * H);
                double err = Math.abs(numeric - analytic[i]);
                assertTrue(err <= TOL * Math.max(1, Math.abs(numeric)),
                        name + ": parameter " + pi + " element " + i + " analytic " + analytic[i]
                                + " numeric " + numeric);
            }
        }
    }

    private static double projected(Graph g, Function<Graph, Tensor> f, float[] proj) {
        g.reset();
        Tensor o = f.apply(g);
        double s = 0;
        for (int i = 0; i < proj.length; i++) s += (double) o.data[i] * proj[i];
        return s;
    }

    @Test
    void products() {
        Rng rng = Rng.of(1);
        Tensor x = param(rng, 5, 7), w = param(rng, 7, 37), b = param(rng, 1, 37);
        check("linear", g -> g.linear(x, w, b), x, w, b);
        // Narrow outputs (a mean head, a critic's single unit) take the row-dot product forms.
        Tensor x14 = param(rng, 6, 14), w3 = param(rng, 14, 3), b3 = param(rng, 1, 3), w1 = param(rng, 14, 1);
        check("linear narrow", g -> g.linear(x14, w3, b3), x14, w3, b3);
        check("linear one unit", g -> g.linear(x14, w1, null), x14, w1);
        Tensor a = param(rng, 6, 20), c = param(rng, 4, 20);
        check("matmulTransB", g -> g.matmulTransB(a, c), a, c);
        Tensor big = param(rng, 9, 40), w2 = param(rng, 40, 33);
        check("matmul", g -> g.matmul(big, w2), big, w2);
    }

    @Test
    void binaryWithBroadcasting() {
        Rng rng = Rng.of(2);
        Tensor a = param(rng, 4, 3), same = param(rng, 4, 3), row = param(rng, 1, 3), scalar = param(rng, 1, 1);
        for (Tensor b : new Tensor[] {same, row, scalar}) {
            check("add" + b.shape(), g -> g.add(a, b), a, b);
            check("sub" + b.shape(), g -> g.sub(a, b), a, b);
            check("mul" + b.shape(), g -> g.mul(a, b), a, b);
        }
        Tensor p = param(rng, 3, 4), q = param(rng, 3, 4);
        for (int i = 0; i < q.data.length; i++) {
            q.data[i] = p.data[i] + (i % 2 == 0 ? 0.3f : -0.3f); // keep away from the tie
        }
        check("min", g -> g.min(p, q), p, q);
        Tensor wide = param(rng, 3, 2);
        check("concatColumns", g -> g.concatColumns(p, wide), p, wide);
    }

    @Test
    void unary() {
        Rng rng = Rng.of(3);
        Tensor x = param(rng, 3, 5, -2, 2);
        check("scale", g -> g.scale(x, -1.7f), x);
        check("addScalar", g -> g.addScalar(x, 0.3f), x);
        check("tanh", g -> g.tanh(x), x);
        check("gelu", g -> g.gelu(x), x);
        check("sigmoid", g -> g.sigmoid(x), x);
        check("exp", g -> g.exp(x), x);
        check("square", g -> g.square(x), x);
        check("softplus", g -> g.softplus(x), x);
        check("logSigmoid", g -> g.logSigmoid(x), x);
        Tensor pos = param(rng, 3, 5, 0.5, 3);
        check("log", g -> g.log(pos), pos);
        Tensor away = param(rng, 4, 5, 0.1, 1);
        for (int i = 0; i < away.data.length; i += 2) away.data[i] = -away.data[i];
        check("relu", g -> g.relu(away), away);
        Tensor c = Tensor.parameter(1, 6);
        float[] vals = {-2f, -0.5f, 0.1f, 0.6f, 1.5f, -1.4f};
        System.arraycopy(vals, 0, c.data, 0, 6);
        check("clamp", g -> g.clamp(c, -1f, 1f), c);
    }

    @Test
    void reductions() {
        Rng rng = Rng.of(4);
        Tensor x = param(rng, 4, 6);
        check("sum", g -> g.sum(x), x);
        check("mean", g -> g.mean(x), x);
        check("rowSum", g -> g.rowSum(x), x);
    }

    @Test
    void softmaxFamilyAndGather() {
        Rng rng = Rng.of(5);
        Tensor x = param(rng, 4, 5, -2, 2);
        check("logSoftmax", g -> g.logSoftmax(x), x);
        check("softmax", g -> g.softmax(x), x);
        int[] idx = {0, 4, 2, 2};
        check("gather", g -> g.gather(x, idx), x);
    }

    @Test
    void sequenceLayers() {
        Rng rng = Rng.of(6);
        Tensor x = param(rng, 5, 8, -2, 2), gamma = param(rng, 1, 8, 0.5, 1.5), beta = param(rng, 1, 8);
        check("layerNorm", g -> g.layerNorm(x, gamma, beta, 1e-5f), x, gamma, beta);
        Tensor table = param(rng, 6, 4);
        int[] ids = {1, 5, 1, 0};
        check("embedding", g -> g.embedding(table, ids), table);
        int batch = 2, time = 4, heads = 2, d = 8;
        Tensor qkv = param(rng, batch * time, 3 * d, -1.5, 1.5);
        check("causalSelfAttention", g -> g.causalSelfAttention(qkv, batch, time, heads), qkv);
    }

    @Test
    void distributions() {
        Rng rng = Rng.of(7);
        Tensor logits = param(rng, 3, 4, -2, 2), other = param(rng, 3, 4, -2, 2);
        int[] actions = {1, 3, 0};
        check("categorical.logProb", g -> Categorical.logProb(g, logits, actions), logits);
        check("categorical.entropy", g -> Categorical.entropy(g, logits), logits);
        check("categorical.kl", g -> Categorical.kl(g, logits, other), logits, other);
        Tensor mean = param(rng, 3, 2), logStd = param(rng, 1, 2, -0.5, 0.5), x = param(rng, 3, 2);
        Tensor mean2 = param(rng, 3, 2), logStd2 = param(rng, 3, 2, -0.5, 0.5);
        check("gaussian.logProb", g -> DiagGaussian.logProb(g, mean, logStd, x), mean, logStd, x);
        check("gaussian.entropy", g -> DiagGaussian.entropy(g, logStd), logStd);
        check("gaussian.kl", g -> DiagGaussian.kl(g, mean, logStd, mean2, logStd2), mean, logStd, mean2, logStd2);
        check("gaussian.klReversed", g -> DiagGaussian.kl(g, mean2, logStd2, mean, logStd), mean, logStd, mean2, logStd2);
        Tensor noise = Tensor.of(3, 2, 0.3f, -1.1f, 0.7f, 0.2f, -0.4f, 1.3f);
        check("tanhGaussian.logProb", g -> {
            Tensor u = TanhGaussian.preSquashSample(g, mean2, logStd2, noise);
            return TanhGaussian.logProb(g, mean2, logStd2, u);
        }, mean2, logStd2);
    }

    @Test
    void klGradientIsExactlyZeroWherePoliciesCoincide() {
        Rng rng = Rng.of(8);
        Tensor logits = param(rng, 3, 4, -2, 2), mean = param(rng, 3, 2), logStd = param(rng, 1, 2);
        Graph g = new Graph();
        g.backward(g.sum(Categorical.kl(g, logits, g.detach(logits))));
        for (float v : logits.grad()) assertEquals(0f, v);
        g.reset();
        g.backward(g.sum(DiagGaussian.kl(g, mean, logStd, g.detach(mean), g.detach(logStd))));
        for (float v : mean.grad()) assertEquals(0f, v);
        for (float v : logStd.grad()) assertEquals(0f, v);
    }

    @Test
    void aFrozenParameterPassesGradientsThroughButTakesNone() {
        Rng rng = Rng.of(11);
        Tensor x = param(rng, 4, 14), w = param(rng, 14, 32), w2 = param(rng, 32, 1);
        Graph g = new Graph();
        g.backward(g.mean(g.linear(g.relu(g.linear(x, w, null)), w2, null)));
        float[] xGrad = x.grad().clone(), wGrad = w.grad().clone();
        x.zeroGrad();
        w.zeroGrad();
        w2.zeroGrad();
        w2.requiresGrad(false);
        g.reset();
        g.backward(g.mean(g.linear(g.relu(g.linear(x, w, null)), w2, null)));
        assertArrayEquals(xGrad, x.grad(), "the input's gradient is unchanged");
        assertArrayEquals(wGrad, w.grad(), "the earlier layer's gradient is unchanged");
        for (float v : w2.grad()) assertEquals(0f, v, "the frozen weight took no gradient");
        assertThrows(IllegalStateException.class, () -> g.relu(x).requiresGrad(false));
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilCleared() {
        Tensor w = Tensor.parameter(1, 1);
        w.data[0] = 3f;
        Graph g = new Graph();
        for (int i = 0; i < 2; i++) {
            g.reset();
            g.backward(g.sum(g.square(w)));
        }
        assertEquals(12f, w.grad()[0], 1e-6); // 2 · (2·3)
        w.zeroGrad();
        assertEquals(0f, w.grad()[0]);
    }
}
