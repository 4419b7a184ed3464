package dev.proxima.core.nn;

import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Tensor;

/** Parameter initialisers. */
public final class Init {
    private Init() {}

    /**
     * Orthogonal initialisation (Saxe, McClelland, Ganguli 2014), scaled by {@code gain}: the
     * rows (or columns, whichever are fewer) of W are orthonormal. This is the initialisation
     * the PPO reference implementations use (gain √2 for hidden layers, 0.01 for the policy head,
     * 1 for the value head). Computed by modified Gram–Schmidt on a Gaussian matrix in double.
     */
    public static void orthogonal(Tensor w, double gain, Rng rng) {
        int rows = w.rows, cols = w.cols;
        boolean tall = rows >= cols;
        int n = tall ? rows : cols, k = tall ? cols : rows; // orthonormalise k vectors of length n
        double[][] v = new double[k][n];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                v[i][j] = rng.nextGaussian();
            }
        }
        for (int i = 0; i < k; i++) {
            for (int p = 0; p < i; p++) {
                double dot = 0;
                for (int j = 0; j < n; j++) dot += v[i][j] * v[p][j];
                for (int j = 0; j < n; j++) v[i][j] -= dot * v[p][j];
            }
            double norm = 0;
            for (int j = 0; j < n; j++) norm += v[i][j] * v[i][j];
            norm = Math.sqrt(norm);
            for (int j = 0; j < n; j++) v[i][j] /= norm;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double x = tall ? v[c][r] : v[r][c];
                w.data[r * cols + c] = (float) (gain * x);
            }
        }
    }

    /** U(−1/√fanIn, 1/√fanIn), PyTorch's default for {@code nn.Linear} weights and biases. */
    public static void uniformFanIn(Tensor w, int fanIn, Rng rng) {
        double bound = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] = (float) rng.uniform(-bound, bound);
        }
    }

    /**
     * Glorot (Xavier) uniform, U(−√(6/(fanIn + fanOut)), +√(6/(fanIn + fanOut))): TensorFlow's
     * default for dense kernels, which the TensorFlow reference implementations keep (their
     * biases start at zero).
     */
    public static void glorotUniform(Tensor w, int fanIn, int fanOut, Rng rng) {
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] = (float) rng.uniform(-bound, bound);
        }
    }

    /** N(0, std²) entries (GPT-2's initialisation of weights and embeddings uses std 0.02). */
    public static void normal(Tensor w, double std, Rng rng) {
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] = (float) (std * rng.nextGaussian());
        }
    }

    public static void constant(Tensor w, float value) {
        java.util.Arrays.fill(w.data, value);
    }
}
