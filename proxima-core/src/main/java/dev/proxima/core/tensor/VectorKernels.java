package dev.proxima.core.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK Vector API: the general product runs 8 rows × 2 vectors register tiles with
 * 4-row, 1-vector and scalar tails (4 × 2 is the shape measured in {@code specs/engine.md},
 * Appendix A; 8 × 2 measured faster since). Loaded reflectively by {@link KernelSelection} only
 * when {@code jdk.incubator.vector} is present.
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
        // Panels of B (kk × 2 vectors) outside, row blocks of A inside: one panel of a 256-deep
        // product is 32 KB and stays in L1 while every row block streams past it.
        int m4 = m - m % 4, m8 = m - m % 8;
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            for (int i = 0; i < m8; i += 8) {
                tile8x2(a, aOff + i * rs, rs, cs, b, bOff + j, c, cOff + i * n + j, kk, n, accumulate);
            }
            if (m8 < m4) {
                tile4x2(a, aOff + m8 * rs, rs, cs, b, bOff + j, c, cOff + m8 * n + j, kk, n, accumulate);
            }
        }
        for (; j + L <= n; j += L) {
            for (int i = 0; i < m4; i += 4) {
                tile4x1(a, aOff + i * rs, rs, cs, b, bOff + j, c, cOff + i * n + j, kk, n, accumulate);
            }
        }
        if (j < n) {
            for (int r = 0; r < m4; r++) {
                scalarTail(a, aOff + r * rs, cs, b, bOff, c, cOff + r * n, j, kk, n, accumulate);
            }
        }
        for (int i = m4; i < m; i++) {
            int jj = 0;
            for (; jj + L <= n; jj += L) {
                tile1x1(a, aOff + i * rs, cs, b, bOff + jj, c, cOff + i * n + jj, kk, n, accumulate);
            }
            if (jj < n) {
                scalarTail(a, aOff + i * rs, cs, b, bOff, c, cOff + i * n, jj, kk, n, accumulate);
            }
        }
    }

    /**
     * Eight rows × two vectors: sixteen accumulators, two loads of B and eight broadcasts of A per
     * sixteen FMAs, which measured about 40% faster than the 4×2 tile on 256-wide products
     * (AVX-512 has 32 vector registers). Each output is the same FMA chain over p as in every
     * other tile, so the tile shape never changes a result.
     */
    private static void tile8x2(float[] a, int a0, int rs, int cs, float[] b, int b0, float[] c, int c0,
                                int kk, int n, boolean acc) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (acc) {
            c00 = FloatVector.fromArray(S, c, c0);
            c01 = FloatVector.fromArray(S, c, c0 + L);
            c10 = FloatVector.fromArray(S, c, c0 + n);
            c11 = FloatVector.fromArray(S, c, c0 + n + L);
            c20 = FloatVector.fromArray(S, c, c0 + 2 * n);
            c21 = FloatVector.fromArray(S, c, c0 + 2 * n + L);
            c30 = FloatVector.fromArray(S, c, c0 + 3 * n);
            c31 = FloatVector.fromArray(S, c, c0 + 3 * n + L);
            c40 = FloatVector.fromArray(S, c, c0 + 4 * n);
            c41 = FloatVector.fromArray(S, c, c0 + 4 * n + L);
            c50 = FloatVector.fromArray(S, c, c0 + 5 * n);
            c51 = FloatVector.fromArray(S, c, c0 + 5 * n + L);
            c60 = FloatVector.fromArray(S, c, c0 + 6 * n);
            c61 = FloatVector.fromArray(S, c, c0 + 6 * n + L);
            c70 = FloatVector.fromArray(S, c, c0 + 7 * n);
            c71 = FloatVector.fromArray(S, c, c0 + 7 * n + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(S);
            c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = c00;
        }
        for (int p = 0; p < kk; p++) {
            int bp = b0 + p * n;
            FloatVector bA = FloatVector.fromArray(S, b, bp);
            FloatVector bB = FloatVector.fromArray(S, b, bp + L);
            int ap = a0 + p * cs;
            FloatVector v = FloatVector.broadcast(S, a[ap]);
            c00 = v.fma(bA, c00);
            c01 = v.fma(bB, c01);
            v = FloatVector.broadcast(S, a[ap + rs]);
            c10 = v.fma(bA, c10);
            c11 = v.fma(bB, c11);
            v = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c20 = v.fma(bA, c20);
            c21 = v.fma(bB, c21);
            v = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c30 = v.fma(bA, c30);
            c31 = v.fma(bB, c31);
            v = FloatVector.broadcast(S, a[ap + 4 * rs]);
            c40 = v.fma(bA, c40);
            c41 = v.fma(bB, c41);
            v = FloatVector.broadcast(S, a[ap + 5 * rs]);
            c50 = v.fma(bA, c50);
            c51 = v.fma(bB, c51);
            v = FloatVector.broadcast(S, a[ap + 6 * rs]);
            c60 = v.fma(bA, c60);
            c61 = v.fma(bB, c61);
            v = FloatVector.broadcast(S, a[ap + 7 * rs]);
            c70 = v.fma(bA, c70);
            c71 = v.fma(bB, c71);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + L);
        c10.intoArray(c, c0 + n);
        c11.intoArray(c, c0 + n + L);
        c20.intoArray(c, c0 + 2 * n);
        c21.intoArray(c, c0 + 2 * n + L);
        c30.intoArray(c, c0 + 3 * n);
        c31.intoArray(c, c0 + 3 * n + L);
        c40.intoArray(c, c0 + 4 * n);
        c41.intoArray(c, c0 + 4 * n + L);
        c50.intoArray(c, c0 + 5 * n);
        c51.intoArray(c, c0 + 5 * n + L);
        c60.intoArray(c, c0 + 6 * n);
        c61.intoArray(c, c0 + 6 * n + L);
        c70.intoArray(c, c0 + 7 * n);
        c71.intoArray(c, c0 + 7 * n + L);
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

    /** Widths below one tile that leave a scalar remainder run faster as row dot products. */
    @Override
    public boolean prefersRowDots(int n) {
        return n < 2 * L && n % L != 0;
    }

    /** One row of A against up to four rows of B at a time, so each load of A feeds four FMAs. */
    @Override
    public void gemmRowDots(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int kk, int n,
                            boolean accumulate) {
        int vk = S.loopBound(kk);
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * kk, ci = cOff + i * n;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int b0 = bOff + j * kk, b1 = b0 + kk, b2 = b1 + kk, b3 = b2 + kk;
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < vk; p += L) {
                    FloatVector x = FloatVector.fromArray(S, a, ai + p);
                    s0 = x.fma(FloatVector.fromArray(S, b, b0 + p), s0);
                    s1 = x.fma(FloatVector.fromArray(S, b, b1 + p), s1);
                    s2 = x.fma(FloatVector.fromArray(S, b, b2 + p), s2);
                    s3 = x.fma(FloatVector.fromArray(S, b, b3 + p), s3);
                }
                float d0 = sumLanes(s0), d1 = sumLanes(s1), d2 = sumLanes(s2), d3 = sumLanes(s3);
                for (int p = vk; p < kk; p++) {
                    float x = a[ai + p];
                    d0 += x * b[b0 + p];
                    d1 += x * b[b1 + p];
                    d2 += x * b[b2 + p];
                    d3 += x * b[b3 + p];
                }
                store(c, ci + j, d0, accumulate);
                store(c, ci + j + 1, d1, accumulate);
                store(c, ci + j + 2, d2, accumulate);
                store(c, ci + j + 3, d3, accumulate);
            }
            for (; j < n; j++) {
                store(c, ci + j, dot(a, ai, b, bOff + j * kk, kk), accumulate);
            }
        }
    }

    private static void store(float[] c, int at, float d, boolean accumulate) {
        c[at] = accumulate ? c[at] + d : d;
    }

    /**
     * Lanes summed in a fixed order: {@code reduceLanes} may associate differently when compiled
     * and when interpreted, which would make results depend on JIT timing.
     */
    private static float sumLanes(FloatVector v) {
        float s = 0;
        for (int lane = 0; lane < L; lane++) {
            s += v.lane(lane);
        }
        return s;
    }

    @Override
    public void reluBackward(float[] x, float[] g, float[] gx, int n) {
        // A data-dependent branch per element mispredicts half the time on a ReLU's inputs; the
        // masked add has no branch.
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += L) {
            FloatVector xv = FloatVector.fromArray(S, x, i);
            FloatVector gv = zero.blend(FloatVector.fromArray(S, g, i), xv.compare(VectorOperators.GT, 0f));
            FloatVector.fromArray(S, gx, i).add(gv).intoArray(gx, i);
        }
        for (; i < n; i++) {
            gx[i] += x[i] > 0 ? g[i] : 0f;
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
        float s = sumLanes(acc);
        for (; i < n; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }
}
