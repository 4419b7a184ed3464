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
        transpose(b, 0, k, n, scratch, 0);
        gemm(a, 0, n, 1, scratch, 0, c, 0, m, n, k, accumulate);
    }

    /** dst[c,r] = src[r,c] for a {@code [rows, cols]} source. */
    static void transpose(float[] src, int srcOff, int rows, int cols, float[] dst, int dstOff) {
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * cols;
            for (int c = 0; c < cols; c++) {
                dst[dstOff + c * rows + r] = src[s + c];
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
