package dev.proxima.core.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK Vector API: the general product runs 4 rows × 2 vectors register tiles with
 * 1-vector and scalar tails (the shape measured in {@code specs/engine.md}, Appendix A). Loaded
 * reflectively by {@link KernelSelection} only when {@code jdk.incubator.vector} is present.
 */
final class VectorKernels implements Kernels {
    static final VectorKernels INSTANCE = new VectorKernels();
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorKernels() {}

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void gemm(float[] a, int aOff, int rs, int cs, float[] b, int bOff, float[] c, int cOff,
                     int m, int kk, int n, boolean accumulate) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int j = 0;
            for (; j + 2 * L <= n; j += 2 * L) {
                tile4x2(a, aOff + i * rs, rs, cs, b, bOff + j, c, cOff + i * n + j, kk, n, accumulate);
            }
            for (; j + L <= n; j += L) {
                tile4x1(a, aOff + i * rs, rs, cs, b, bOff + j, c, cOff + i * n + j, kk, n, accumulate);
            }
            if (j < n) {
                for (int r = i; r < i + 4; r++) {
                    scalarTail(a, aOff + r * rs, cs, b, bOff, c, cOff + r * n, j, kk, n, accumulate);
                }
            }
        }
        for (; i < m; i++) {
            int j = 0;
            for (; j + L <= n; j += L) {
                tile1x1(a, aOff + i * rs, cs, b, bOff + j, c, cOff + i * n + j, kk, n, accumulate);
            }
            if (j < n) {
                scalarTail(a, aOff + i * rs, cs, b, bOff, c, cOff + i * n, j, kk, n, accumulate);
            }
        }
    }

    private static void tile4x2(float[] a, int a0, int rs, int cs, float[] b, int b0, float[] c, int c0,
                                int kk, int n, boolean acc) {
        FloatVector x0, x1, y0, y1, z0, z1, w0, w1;
        if (acc) {
            x0 = FloatVector.fromArray(S, c, c0);
            x1 = FloatVector.fromArray(S, c, c0 + L);
            y0 = FloatVector.fromArray(S, c, c0 + n);
            y1 = FloatVector.fromArray(S, c, c0 + n + L);
            z0 = FloatVector.fromArray(S, c, c0 + 2 * n);
            z1 = FloatVector.fromArray(S, c, c0 + 2 * n + L);
            w0 = FloatVector.fromArray(S, c, c0 + 3 * n);
            w1 = FloatVector.fromArray(S, c, c0 + 3 * n + L);
        } else {
            x0 = x1 = y0 = y1 = z0 = z1 = w0 = w1 = FloatVector.zero(S);
        }
        for (int p = 0; p < kk; p++) {
            int bp = b0 + p * n;
            FloatVector bA = FloatVector.fromArray(S, b, bp);
            FloatVector bB = FloatVector.fromArray(S, b, bp + L);
            int ap = a0 + p * cs;
            FloatVector v0 = FloatVector.broadcast(S, a[ap]);
            FloatVector v1 = FloatVector.broadcast(S, a[ap + rs]);
            FloatVector v2 = FloatVector.broadcast(S, a[ap + 2 * rs]);
            FloatVector v3 = FloatVector.broadcast(S, a[ap + 3 * rs]);
            x0 = v0.fma(bA, x0);
            x1 = v0.fma(bB, x1);
            y0 = v1.fma(bA, y0);
            y1 = v1.fma(bB, y1);
            z0 = v2.fma(bA, z0);
            z1 = v2.fma(bB, z1);
            w0 = v3.fma(bA, w0);
            w1 = v3.fma(bB, w1);
        }
        x0.intoArray(c, c0);
        x1.intoArray(c, c0 + L);
        y0.intoArray(c, c0 + n);
        y1.intoArray(c, c0 + n + L);
        z0.intoArray(c, c0 + 2 * n);
        z1.intoArray(c, c0 + 2 * n + L);
        w0.intoArray(c, c0 + 3 * n);
        w1.intoArray(c, c0 + 3 * n + L);
    }

    private static void tile4x1(float[] a, int a0, int rs, int cs, float[] b, int b0, float[] c, int c0,
                                int kk, int n, boolean acc) {
        FloatVector x0, y0, z0, w0;
        if (acc) {
            x0 = FloatVector.fromArray(S, c, c0);
            y0 = FloatVector.fromArray(S, c, c0 + n);
            z0 = FloatVector.fromArray(S, c, c0 + 2 * n);
            w0 = FloatVector.fromArray(S, c, c0 + 3 * n);
        } else {
            x0 = y0 = z0 = w0 = FloatVector.zero(S);
        }
        for (int p = 0; p < kk; p++) {
            FloatVector bA = FloatVector.fromArray(S, b, b0 + p * n);
            int ap = a0 + p * cs;
            x0 = FloatVector.broadcast(S, a[ap]).fma(bA, x0);
            y0 = FloatVector.broadcast(S, a[ap + rs]).fma(bA, y0);
            z0 = FloatVector.broadcast(S, a[ap + 2 * rs]).fma(bA, z0);
            w0 = FloatVector.broadcast(S, a[ap + 3 * rs]).fma(bA, w0);
        }
        x0.intoArray(c, c0);
        y0.intoArray(c, c0 + n);
        z0.intoArray(c, c0 + 2 * n);
        w0.intoArray(c, c0 + 3 * n);
    }

    private static void tile1x1(float[] a, int a0, int cs, float[] b, int b0, float[] c, int c0,
                                int kk, int n, boolean acc) {
        FloatVector x0 = acc ? FloatVector.fromArray(S, c, c0) : FloatVector.zero(S);
        for (int p = 0; p < kk; p++) {
            x0 = FloatVector.broadcast(S, a[a0 + p * cs]).fma(FloatVector.fromArray(S, b, b0 + p * n), x0);
        }
        x0.intoArray(c, c0);
    }

    /** Columns {@code from..n-1} of one output row, for widths that are not a multiple of a vector. */
    private static void scalarTail(float[] a, int aRow, int cs, float[] b, int bOff, float[] c, int cRow,
                                   int from, int kk, int n, boolean acc) {
        for (int j = from; j < n; j++) {
            float s = acc ? c[cRow + j] : 0f;
            for (int p = 0; p < kk; p++) {
                s = Math.fma(a[aRow + p * cs], b[bOff + p * n + j], s);
            }
            c[cRow + j] = s;
        }
    }

    /**
     * The same rational approximation as the fallback, in vector form. {@code VectorOperators.TANH}
     * is not used: its intrinsic and its interpreted fallback round differently, so results would
     * depend on when the JIT compiles the loop and equal seeds would not give equal runs. FMA,
     * multiply, divide, min and max are exactly rounded in both modes.
     */
    @Override
    public void tanh(float[] x, float[] y, int n) {
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i).max(-ScalarKernels.CLAMP).min(ScalarKernels.CLAMP);
            FloatVector x2 = v.mul(v);
            FloatVector p = x2.fma(ScalarKernels.A13, ScalarKernels.A11);
            p = x2.fma(p, FloatVector.broadcast(S, ScalarKernels.A9));
            p = x2.fma(p, FloatVector.broadcast(S, ScalarKernels.A7));
            p = x2.fma(p, FloatVector.broadcast(S, ScalarKernels.A5));
            p = x2.fma(p, FloatVector.broadcast(S, ScalarKernels.A3));
            p = x2.fma(p, FloatVector.broadcast(S, ScalarKernels.A1));
            p = v.mul(p);
            FloatVector q = x2.fma(ScalarKernels.B6, ScalarKernels.B4);
            q = x2.fma(q, FloatVector.broadcast(S, ScalarKernels.B2));
            q = x2.fma(q, FloatVector.broadcast(S, ScalarKernels.B0));
            p.div(q).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = ScalarKernels.rationalTanh(x[i]);
        }
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += L) {
            va.fma(FloatVector.fromArray(S, x, xOff + i), FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += L) {
            acc = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), acc);
        }
        // Lanes are summed in a fixed order: reduceLanes may associate differently when compiled
        // and when interpreted, which would make results depend on JIT timing.
        float s = 0;
        for (int lane = 0; lane < L; lane++) {
            s += acc.lane(lane);
        }
        for (; i < n; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }
}
