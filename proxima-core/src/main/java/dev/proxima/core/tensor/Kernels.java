package dev.proxima.core.tensor;

/**
 * The compute kernels the engine's hot loops run on. Two implementations exist: a JDK Vector API
 * one (register-tiled, measured at about 100 GFLOP/s single-threaded on AVX-512, see
 * {@code specs/engine.md}) and a plain-loop fallback. {@link #get()} picks the Vector API version
 * when the {@code jdk.incubator.vector} module is present at start-up; setting the system property
 * {@code proxima.kernels=scalar} forces the fallback.
 *
 * <p>Matrices are row-major flat arrays. The general product reads its left operand through two
 * strides so that one kernel serves both {@code A·B} and {@code Aᵀ·B}.
 */
public interface Kernels {
    /** "vector" or "scalar". */
    String name();

    /**
     * {@code C[m,n] (+)= Σ_p A(i,p)·B[p,n]} with {@code A(i,p) = a[aOff + i·aRowStride + p·aColStride]},
     * B row-major {@code [kk, n]} and C row-major {@code [m, n]}. Overwrites C unless
     * {@code accumulate}.
     */
    void gemm(float[] a, int aOff, int aRowStride, int aColStride, float[] b, int bOff, float[] c, int cOff,
              int m, int kk, int n, boolean accumulate);

    /** {@code y[i] = tanh(x[i])} for i < n. */
    void tanh(float[] x, float[] y, int n);

    /** {@code y[i] += a·x[i]}. */
    void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n);

    /** Σ x[i]·y[i]. */
    float dot(float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * {@code C[m,n] (+)= A[m,kk]·B[n,kk]ᵀ} as {@code m·n} dot products of contiguous rows. This is
     * the fast form when n is too narrow for the register tiles of {@link #gemm} (a critic's
     * one-unit output, an actor's mean head, the gradient of a 14-wide input layer), which would
     * otherwise run as scalar column tails.
     */
    default void gemmRowDots(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int kk, int n,
                             boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float d = dot(a, aOff + i * kk, b, bOff + j * kk, kk);
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + d : d;
            }
        }
    }

    /** True when an output width n is better served by {@link #gemmRowDots} than by {@link #gemm}. */
    default boolean prefersRowDots(int n) {
        return false;
    }

    /** {@code gx[i] += x[i] > 0 ? g[i] : 0}: the ReLU's backward pass. */
    default void reluBackward(float[] x, float[] g, float[] gx, int n) {
        for (int i = 0; i < n; i++) {
            gx[i] += x[i] > 0 ? g[i] : 0f;
        }
    }

    /** C[m,n] (+)= A[m,k]·B[k,n]. */
    default void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        gemm(a, 0, k, 1, b, 0, c, 0, m, k, n, accumulate);
    }

    /** C[k,n] (+)= A[m,k]ᵀ·B[m,n]. */
    default void matmulTransA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        gemm(a, 0, 1, k, b, 0, c, 0, k, m, n, accumulate);
    }

    /**
     * C[m,k] (+)= A[m,n]·B[k,n]ᵀ, transposing B into {@code scratch} (length ≥ k·n) first so the
     * product runs in the vectorised axpy form instead of as m·k short dot products.
     */
    default void matmulTransB(float[] a, float[] b, float[] c, int m, int n, int k, boolean accumulate,
                              float[] scratch) {
        if (prefersRowDots(k)) {
            gemmRowDots(a, 0, b, 0, c, 0, m, n, k, accumulate);
            return;
        }
        transpose(b, 0, k, n, scratch, 0);
        gemm(a, 0, n, 1, scratch, 0, c, 0, m, n, k, accumulate);
    }

    /**
     * dst[c,r] = src[r,c] for a {@code [rows, cols]} source, in 16×16 blocks so that neither the
     * reads nor the strided writes leave the cache between neighbouring elements.
     */
    static void transpose(float[] src, int srcOff, int rows, int cols, float[] dst, int dstOff) {
        final int block = 16;
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            for (int c0 = 0; c0 < cols; c0 += block) {
                int c1 = Math.min(cols, c0 + block);
                for (int r = r0; r < r1; r++) {
                    int s = srcOff + r * cols;
                    for (int c = c0; c < c1; c++) {
                        dst[dstOff + c * rows + r] = src[s + c];
                    }
                }
            }
        }
    }

    /** The kernels selected at start-up. */
    static Kernels get() {
        return KernelSelection.SELECTED;
    }

    /** The plain-loop fallback, always available (used to cross-check the vector kernels). */
    static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }
}
