package dev.proxima.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Vector API kernels agree with the plain-loop fallback. Relative error is measured against
 * {@code Σ|a_ip·b_pj|}, the natural scale of a float32 dot product's rounding error.
 */
class KernelsTest {
    private static final double REL = 1e-5;

    @Test
    void vectorKernelsAreSelectedWhenTheModuleIsPresent() {
        assertEquals("vector", Kernels.get().name(), "tests run with --add-modules jdk.incubator.vector");
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "5,7,37", "4,64,64", "64,64,64", "128,4,64", "128,64,2", "3,9,1", "256,256,256", "17,33,48"})
    void gemmAgreesInBothStrideFormsAndWithAccumulation(int m, int k, int n) {
        Rng rng = Rng.of(m * 1000 + k * 10 + n);
        float[] a = random(rng, m * k), b = random(rng, k * n), init = random(rng, m * n);
        Kernels v = Kernels.get(), s = Kernels.scalar();
        for (boolean acc : new boolean[] {false, true}) {
            float[] cv = init.clone(), cs = init.clone();
            v.matmul(a, b, cv, m, k, n, acc);
            s.matmul(a, b, cs, m, k, n, acc);
            assertClose(cv, cs, scaleAB(a, b, m, k, n, false), "matmul " + m + "x" + k + "x" + n);
        }
        // A is read transposed: C[k, n] += A[m, k]ᵀ·B[m, n] with B = [m, n]
        float[] bt = random(rng, m * n), cv = new float[k * n], cs = new float[k * n];
        v.matmulTransA(a, bt, cv, m, k, n, false);
        s.matmulTransA(a, bt, cs, m, k, n, false);
        assertClose(cv, cs, scaleAB(a, bt, m, k, n, true), "matmulTransA");
        float[] scratch = new float[k * n];
        float[] bk = random(rng, k * n), rv = new float[m * k], rs = new float[m * k];
        float[] an = random(rng, m * n);
        v.matmulTransB(an, bk, rv, m, n, k, false, scratch);
        s.matmulTransB(an, bk, rs, m, n, k, false, scratch);
        for (int i = 0; i < rv.length; i++) {
            assertEquals(rs[i], rv[i], REL * (n + 1), "matmulTransB element " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "256,256,1", "256,256,3", "7,14,13", "256,256,14", "5,33,20", "3,17,31"})
    void rowDotFormAgreesWithTheScalarProduct(int m, int k, int n) {
        Rng rng = Rng.of(m * 7 + k * 3 + n);
        float[] a = random(rng, m * k), bt = random(rng, n * k), init = random(rng, m * n);
        float[] b = new float[k * n];
        Kernels.transpose(bt, 0, n, k, b, 0);
        for (boolean acc : new boolean[] {false, true}) {
            float[] cv = init.clone(), cs = init.clone();
            Kernels.get().gemmRowDots(a, 0, bt, 0, cv, 0, m, k, n, acc);
            Kernels.scalar().matmul(a, b, cs, m, k, n, acc);
            assertClose(cv, cs, scaleAB(a, b, m, k, n, false), "row dots " + m + "x" + k + "x" + n);
        }
    }

    @Test
    void reluBackwardPassesTheGradientWherever_xIsPositive() {
        Rng rng = Rng.of(4);
        for (int n : new int[] {1, 15, 16, 17, 100, 1000}) {
            float[] x = random(rng, n), g = random(rng, n), gv = random(rng, n), gs = gv.clone(), before = gv.clone();
            x[0] = 0f;
            Kernels.get().reluBackward(x, g, gv, n);
            Kernels.scalar().reluBackward(x, g, gs, n);
            for (int i = 0; i < n; i++) {
                assertEquals(gs[i], gv[i], 0f, "element " + i);
                assertEquals(x[i] > 0 ? before[i] + g[i] : before[i], gv[i], 0f, "element " + i);
            }
        }
    }

    @Test
    void elementwiseKernelsAgree() {
        Rng rng = Rng.of(9);
        for (int n : new int[] {1, 15, 16, 17, 100, 1000}) {
            float[] x = random(rng, n), y = random(rng, n);
            for (int i = 0; i < n; i++) x[i] *= 6; // cover tanh's saturation
            float[] tv = new float[n], ts = new float[n];
            Kernels.get().tanh(x, tv, n);
            Kernels.scalar().tanh(x, ts, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Math.tanh(x[i]), tv[i], 1e-6);
                assertEquals(tv[i], ts[i], 1e-6);
            }
            float dv = Kernels.get().dot(x, 0, y, 0, n), ds = Kernels.scalar().dot(x, 0, y, 0, n);
            double scale = 0;
            for (int i = 0; i < n; i++) scale += Math.abs(x[i] * y[i]);
            assertEquals(ds, dv, REL * scale + 1e-7);
            float[] av = y.clone(), as = y.clone();
            Kernels.get().axpy(0.37f, x, 0, av, 0, n);
            Kernels.scalar().axpy(0.37f, x, 0, as, 0, n);
            for (int i = 0; i < n; i++) assertEquals(as[i], av[i], 1e-6);
        }
    }

    private static float[] random(Rng rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rng.uniform(-1, 1);
        return x;
    }

    private static double[] scaleAB(float[] a, float[] b, int m, int k, int n, boolean transA) {
        int rows = transA ? k : m, inner = transA ? m : k;
        double[] s = new double[rows * n];
        for (int i = 0; i < rows; i++) {
            for (int p = 0; p < inner; p++) {
                float av = transA ? a[p * k + i] : a[i * k + p];
                for (int j = 0; j < n; j++) s[i * n + j] += Math.abs(av * b[p * n + j]);
            }
        }
        return s;
    }

    private static void assertClose(float[] v, float[] s, double[] scale, String what) {
        for (int i = 0; i < v.length; i++) {
            double err = Math.abs(v[i] - s[i]);
            assertTrue(err <= REL * Math.max(scale[i], 1), what + " element " + i + ": " + v[i] + " vs " + s[i]);
        }
    }
}
