package dev.proxima.core.tensor;

/** Plain-loop kernels for JVMs without the Vector API module. */
final class ScalarKernels implements Kernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    // Eigen's float rational approximation of tanh (max abs error about 3e-7), which costs about
    // 1 ns per element against 11-30 ns for Math.tanh (specs/engine.md §2c).
    static final float A1 = 4.89352455891786e-03f, A3 = 6.37261928875436e-04f,
            A5 = 1.48572235717979e-05f, A7 = 5.12229709037114e-08f, A9 = -8.60467152213735e-11f,
            A11 = 2.00018790482477e-13f, A13 = -2.76076847742355e-16f;
    static final float B0 = 4.89352518554385e-03f, B2 = 2.26843463243900e-03f,
            B4 = 1.18534705686654e-04f, B6 = 1.19825839466702e-06f;
    static final float CLAMP = 7.90531110763549805f;

    private ScalarKernels() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemm(float[] a, int aOff, int aRowStride, int aColStride, float[] b, int bOff, float[] c, int cOff,
                     int m, int kk, int n, boolean accumulate) {
        // The output never aliases an input, so it is accumulated in place; this flat loop is not
        // auto-vectorised by C2 (specs/engine.md §2b), which is why the Vector API kernels exist.
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            }
            for (int p = 0; p < kk; p++) {
                float av = a[aOff + i * aRowStride + p * aColStride];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += av * b[bp + j];
                }
            }
        }
    }

    @Override
    public void tanh(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = rationalTanh(x[i]);
        }
    }

    /** Rational tanh with fused multiply-adds, so the vector kernel can compute it identically. */
    static float rationalTanh(float v) {
        float x = Math.max(-CLAMP, Math.min(CLAMP, v));
        float x2 = x * x;
        float p = Math.fma(x2, A13, A11);
        p = Math.fma(x2, p, A9);
        p = Math.fma(x2, p, A7);
        p = Math.fma(x2, p, A5);
        p = Math.fma(x2, p, A3);
        p = Math.fma(x2, p, A1);
        p = x * p;
        float q = Math.fma(x2, B6, B4);
        q = Math.fma(x2, q, B2);
        q = Math.fma(x2, q, B0);
        return p / q;
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }
}
