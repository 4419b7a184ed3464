package dev.proxima.core.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Log-probabilities, entropies and KL divergences against closed forms, and the closed-form KL
 * against a Monte-Carlo estimate of {@code E_p[log p − log q]} (MDPO spec §1(c)): 10⁵ samples,
 * within 4 standard errors, on pairs with KL between 0.1 and 2 and unequal standard deviations,
 * chosen so that the reversed direction KL(q‖p) lies outside the interval and would fail.
 */
class DistributionsTest {
    private static final int SAMPLES = 100_000;

    private static Tensor row(float... v) {
        return Tensor.of(1, v.length, v);
    }

    @Test
    void gaussianLogProbAndEntropyMatchClosedForms() {
        Graph g = new Graph();
        Tensor mean = Tensor.of(2, 2, 0.5f, -1f, 0f, 2f), logStd = row(-0.3f, 0.4f);
        Tensor x = Tensor.of(2, 2, 0.1f, 0.2f, -1f, 2.5f);
        Tensor lp = DiagGaussian.logProb(g, mean, logStd, x);
        for (int r = 0; r < 2; r++) {
            double expected = 0;
            for (int j = 0; j < 2; j++) {
                double s = Math.exp(logStd.data[j]), z = (x.get(r, j) - mean.get(r, j)) / s;
                expected += -0.5 * z * z - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
            }
            assertEquals(expected, lp.data[r], 1e-5);
        }
        double h = -0.3 + 0.4 + 2 * 0.5 * Math.log(2 * Math.PI * Math.E);
        assertEquals(h, DiagGaussian.entropy(g, logStd).item(), 1e-5);
    }

    @Test
    void categoricalLogProbAndEntropyMatchClosedForms() {
        Graph g = new Graph();
        Tensor logits = Tensor.of(1, 3, 1f, 2f, 0.5f);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(0.5);
        double[] p = {Math.exp(1) / z, Math.exp(2) / z, Math.exp(0.5) / z};
        assertEquals(Math.log(p[1]), Categorical.logProb(g, logits, new int[] {1}).item(), 1e-6);
        double h = 0;
        for (double pi : p) h -= pi * Math.log(pi);
        assertEquals(h, Categorical.entropy(g, logits).item(), 1e-6);
    }

    @Test
    void gaussianKlMatchesMonteCarloAndNotTheReverseDirection() {
        double[][][] pairs = {
            {{0.0, 0.5}, {1.0, 0.4}, {0.4, -0.1}, {0.6, 0.7}}, // meanP, stdP, meanQ, stdQ
            {{0.0}, {0.5}, {0.3}, {1.2}},
            {{1.0, -1.0}, {2.0, 0.3}, {0.0, -0.6}, {1.0, 0.6}},
        };
        Rng rng = Rng.of(11);
        for (double[][] pq : pairs) {
            double[] mp = pq[0], sp = pq[1], mq = pq[2], sq = pq[3];
            double closed = klFromGraph(mp, sp, mq, sq);
            assertEquals(DiagGaussian.kl(mp, sp, mq, sq), closed, 1e-5, "graph and double closed forms");
            assertTrue(closed > 0.1 && closed < 2, "pair chosen with KL in (0.1, 2): " + closed);
            double sum = 0, sumSq = 0;
            for (int i = 0; i < SAMPLES; i++) {
                double logRatio = 0;
                for (int j = 0; j < mp.length; j++) {
                    double x = mp[j] + sp[j] * rng.nextGaussian();
                    logRatio += logNormal(x, mp[j], sp[j]) - logNormal(x, mq[j], sq[j]);
                }
                sum += logRatio;
                sumSq += logRatio * logRatio;
            }
            double mc = sum / SAMPLES, se = Math.sqrt((sumSq / SAMPLES - mc * mc) / SAMPLES);
            assertEquals(mc, closed, 4 * se, "KL(p||q) within 4 standard errors");
            double reversed = DiagGaussian.kl(mq, sq, mp, sp);
            assertTrue(Math.abs(reversed - mc) > 4 * se, "the reversed KL must be distinguishable: " + reversed);
        }
    }

    @Test
    void categoricalKlMatchesMonteCarloAndNotTheReverseDirection() {
        float[][][] pairs = {
            {{2f, 0f, -1f}, {0f, 1f, 0.5f}},
            {{0f, 0f, 0f, 3f}, {1f, -1f, 0.5f, 1.5f}},
            {{-1f, 2.5f}, {0.7f, 0.2f}},
        };
        Rng rng = Rng.of(12);
        Graph g = new Graph();
        for (float[][] pq : pairs) {
            int n = pq[0].length;
            g.reset();
            double closed = Categorical.kl(g, Tensor.of(1, n, pq[0]), Tensor.of(1, n, pq[1])).item();
            g.reset();
            double reversed = Categorical.kl(g, Tensor.of(1, n, pq[1]), Tensor.of(1, n, pq[0])).item();
            assertTrue(closed > 0.1 && closed < 2, "pair chosen with KL in (0.1, 2): " + closed);
            double sum = 0, sumSq = 0;
            for (int i = 0; i < SAMPLES; i++) {
                int a = Categorical.sample(pq[0], 0, n, rng);
                double lr = Categorical.logProb(pq[0], 0, n, a) - Categorical.logProb(pq[1], 0, n, a);
                sum += lr;
                sumSq += lr * lr;
            }
            double mc = sum / SAMPLES, se = Math.sqrt((sumSq / SAMPLES - mc * mc) / SAMPLES);
            assertEquals(mc, closed, 4 * se);
            assertTrue(Math.abs(reversed - mc) > 4 * se, "the reversed KL must be distinguishable: " + reversed);
        }
    }

    @Test
    void tanhGaussianLogProbIsTheChangeOfVariables() {
        Graph g = new Graph();
        Tensor mean = row(0.3f, -0.2f), logStd = row(-0.5f, 0.1f), u = row(0.8f, -1.9f);
        double lp = TanhGaussian.logProb(g, mean, logStd, u).item();
        double expected = 0;
        for (int j = 0; j < 2; j++) {
            double s = Math.exp(logStd.data[j]);
            double t = Math.tanh(u.data[j]);
            expected += logNormal(u.data[j], mean.data[j], s) - Math.log(1 - t * t);
        }
        assertEquals(expected, lp, 1e-5);
        assertEquals(-lp, TanhGaussian.entropyEstimate(g, mean, logStd, u).item(), 1e-6);
        // KL is invariant under the shared bijection: it equals the pre-squash Gaussians' KL.
        Tensor mean2 = row(0f, 0f), logStd2 = row(0f, 0f);
        assertEquals(DiagGaussian.kl(new double[] {0.3, -0.2}, new double[] {Math.exp(-0.5), Math.exp(0.1)},
                new double[] {0, 0}, new double[] {1, 1}), TanhGaussian.kl(g, mean, logStd, mean2, logStd2).item(), 1e-5);
    }

    @Test
    void samplersFollowTheirDistributions() {
        Rng rng = Rng.of(13);
        float[] logits = {0f, (float) Math.log(3)};
        int ones = 0;
        for (int i = 0; i < 40_000; i++) ones += Categorical.sample(logits, 0, 2, rng);
        assertEquals(0.75, ones / 40_000.0, 0.01);
        assertEquals(1, Categorical.mode(logits, 0, 2));
        float[] out = new float[1];
        double sum = 0, sumSq = 0;
        for (int i = 0; i < 40_000; i++) {
            DiagGaussian.sample(new float[] {2f}, 0, new float[] {(float) Math.log(0.5)}, 0, 1, rng, out, 0);
            sum += out[0];
            sumSq += out[0] * out[0];
        }
        double m = sum / 40_000;
        assertEquals(2, m, 0.01);
        assertEquals(0.25, sumSq / 40_000 - m * m, 0.01);
    }

    private static double klFromGraph(double[] mp, double[] sp, double[] mq, double[] sq) {
        int d = mp.length;
        float[] a = new float[d], b = new float[d], c = new float[d], e = new float[d];
        for (int j = 0; j < d; j++) {
            a[j] = (float) mp[j];
            b[j] = (float) Math.log(sp[j]);
            c[j] = (float) mq[j];
            e[j] = (float) Math.log(sq[j]);
        }
        return DiagGaussian.kl(new Graph(), row(a), row(b), row(c), row(e)).item();
    }

    private static double logNormal(double x, double m, double s) {
        double z = (x - m) / s;
        return -0.5 * z * z - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
    }
}
