package dev.proxima.core.tensor;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * Records operations on {@link Tensor}s and runs reverse-mode differentiation over them.
 *
 * <p><b>Storage recycling.</b> A training step performs the same operations with the same shapes
 * every time. The graph therefore keeps the tensors it produced on its tape and, after
 * {@link #reset()}, hands the tensor in the same tape position back to the same operation instead
 * of allocating a new one. After the first step a forward and backward pass allocate nothing.
 * Use one graph per kind of computation (e.g. one for rollouts, one for updates), so shapes stay
 * stable per position.
 *
 * <p>Values returned by a graph are valid until the next {@link #reset()}. Parameters accumulate
 * gradients across {@link #backward} calls until an optimizer (or {@link Tensor#zeroGrad()})
 * clears them.
 *
 * <p>Broadcasting in {@link #add}, {@link #sub} and {@link #mul}: the right operand may have the
 * left operand's shape, be a row {@code [1, n]} repeated over rows, or be a scalar {@code [1, 1]}.
 *
 * <p>Not thread-safe; use one graph per thread.
 */
public final class Graph {
    private static final int SAME = 0, ROW = 1, SCALAR = 2;
    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);

    private final Kernels kernels;
    private final boolean recording;
    private final ArrayList<Tensor> tape = new ArrayList<>();
    private int position;
    private float[] scratch = new float[256];

    /** A recording graph on the start-up kernels. */
    public Graph() {
        this(Kernels.get(), true);
    }

    /**
     * @param kernels   the kernels to run on
     * @param recording false for inference: nothing requires a gradient and backward is refused
     */
    public Graph(Kernels kernels, boolean recording) {
        this.kernels = kernels;
        this.recording = recording;
    }

    /** A graph for forward passes only (acting, evaluation). */
    public static Graph inference() {
        return new Graph(Kernels.get(), false);
    }

    public Kernels kernels() {
        return kernels;
    }

    /** Starts a new computation; tensors from the previous one are recycled. */
    public void reset() {
        position = 0;
    }

    // ---------------------------------------------------------------- tape mechanics

    private Tensor next(int rows, int cols) {
        Tensor t;
        if (position < tape.size()) {
            t = tape.get(position);
            if (t.rows != rows || t.cols != cols) {
                t = new Tensor(rows, cols, false);
                tape.set(position, t);
            }
        } else {
            t = new Tensor(rows, cols, false);
            tape.add(t);
        }
        position++;
        t.op = Op.CONST;
        t.a = null;
        t.b = null;
        t.c = null;
        t.requiresGrad = false;
        return t;
    }

    private Tensor node(Op op, int rows, int cols, Tensor a, Tensor b, Tensor c) {
        Tensor t = next(rows, cols);
        t.op = op;
        t.a = a;
        t.b = b;
        t.c = c;
        t.requiresGrad = recording && (needs(a) || needs(b) || needs(c));
        if (t.requiresGrad && t.grad == null) {
            t.grad = new float[t.data.length];
        }
        return t;
    }

    private static boolean needs(Tensor t) {
        return t != null && t.requiresGrad;
    }

    private float[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new float[Math.max(n, scratch.length * 2)];
        }
        return scratch;
    }

    private static float[] saved0(Tensor t, int n) {
        if (t.saved0 == null || t.saved0.length != n) {
            t.saved0 = new float[n];
        }
        return t.saved0;
    }

    private static float[] saved1(Tensor t, int n) {
        if (t.saved1 == null || t.saved1.length != n) {
            t.saved1 = new float[n];
        }
        return t.saved1;
    }

    /** A constant {@code [rows, cols]} tensor for the caller to fill; valid until {@link #reset()}. */
    public Tensor constant(int rows, int cols) {
        return next(rows, cols);
    }

    /** A constant holding a copy of {@code values[offset .. offset + rows*cols)}. */
    public Tensor constant(float[] values, int offset, int rows, int cols) {
        Tensor t = next(rows, cols);
        System.arraycopy(values, offset, t.data, 0, t.data.length);
        return t;
    }

    /** A constant copy of {@code x}: gradients do not flow through it. */
    public Tensor detach(Tensor x) {
        return constant(x.data, 0, x.rows, x.cols);
    }

    /** Runs the backward pass from a {@code [1, 1]} loss, accumulating into parameter gradients. */
    public void backward(Tensor loss) {
        if (!recording) {
            throw new IllegalStateException("backward() on an inference graph");
        }
        if (loss.data.length != 1) {
            throw new IllegalArgumentException("backward() needs a [1, 1] loss, got " + loss.shape());
        }
        if (!loss.requiresGrad) {
            throw new IllegalArgumentException("the loss does not depend on any parameter");
        }
        int end = tape.indexOf(loss);
        if (end < 0 || end >= position) {
            throw new IllegalArgumentException("the loss was not produced by this graph since its last reset()");
        }
        for (int i = 0; i <= end; i++) {
            Tensor t = tape.get(i);
            if (t.requiresGrad) {
                Arrays.fill(t.grad, 0f);
            }
        }
        loss.grad[0] = 1f;
        for (int i = end; i >= 0; i--) {
            Tensor t = tape.get(i);
            if (t.requiresGrad && t.op != Op.CONST) {
                backwardOf(t);
            }
        }
    }

    // ---------------------------------------------------------------- products

    /** {@code x·W + b}: x {@code [m, k]}, W {@code [k, n]}, b {@code [1, n]} or null. */
    public Tensor linear(Tensor x, Tensor w, Tensor b) {
        if (x.cols != w.rows || (b != null && (b.rows != 1 || b.cols != w.cols))) {
            throw new IllegalArgumentException("linear: x " + x.shape() + ", W " + w.shape()
                    + (b == null ? "" : ", b " + b.shape()) + " do not fit");
        }
        int m = x.rows, n = w.cols;
        Tensor y = node(Op.LINEAR, m, n, x, w, b);
        if (b != null) {
            for (int r = 0; r < m; r++) {
                System.arraycopy(b.data, 0, y.data, r * n, n);
            }
        }
        int k = x.cols;
        if (kernels.prefersRowDots(n)) {
            float[] wt = scratch(k * n);
            Kernels.transpose(w.data, 0, k, n, wt, 0);
            kernels.gemmRowDots(x.data, 0, wt, 0, y.data, 0, m, k, n, b != null);
        } else {
            kernels.gemm(x.data, 0, k, 1, w.data, 0, y.data, 0, m, k, n, b != null);
        }
        return y;
    }

    /** {@code a·b}: {@code [m, k]·[k, n]}. */
    public Tensor matmul(Tensor a, Tensor b) {
        return linear(a, b, null);
    }

    /** {@code a·bᵀ}: {@code [m, k]·[n, k]ᵀ → [m, n]}. */
    public Tensor matmulTransB(Tensor a, Tensor b) {
        if (a.cols != b.cols) {
            throw new IllegalArgumentException("matmulTransB: " + a.shape() + " and " + b.shape() + " do not fit");
        }
        Tensor y = node(Op.MATMUL_TB, a.rows, b.rows, a, b, null);
        kernels.matmulTransB(a.data, b.data, y.data, a.rows, a.cols, b.rows, false, scratch(b.data.length));
        return y;
    }

    private void backwardLinear(Tensor y) {
        Tensor x = y.a, w = y.b, b = y.c;
        int m = x.rows, k = x.cols, n = w.cols;
        if (x.requiresGrad) {
            kernels.matmulTransB(y.grad, w.data, x.grad, m, n, k, true, scratch(w.data.length));
        }
        if (w.requiresGrad) {
            if (kernels.prefersRowDots(n)) {
                // dWᵀ[n, k] = dYᵀ·X runs with the wide k as the vector dimension, then is added back.
                float[] gt = scratch(n * k);
                kernels.gemm(y.grad, 0, 1, n, x.data, 0, gt, 0, n, m, k, false);
                for (int j = 0; j < n; j++) {
                    for (int r = 0; r < k; r++) {
                        w.grad[r * n + j] += gt[j * k + r];
                    }
                }
            } else {
                kernels.matmulTransA(x.data, y.grad, w.grad, m, k, n, true);
            }
        }
        if (b != null && b.requiresGrad) {
            for (int r = 0; r < m; r++) {
                kernels.axpy(1f, y.grad, r * n, b.grad, 0, n);
            }
        }
    }

    private void backwardMatmulTransB(Tensor y) {
        Tensor a = y.a, b = y.b;
        int m = a.rows, k = a.cols, n = b.rows;
        if (a.requiresGrad) {
            kernels.matmul(y.grad, b.data, a.grad, m, n, k, true);
        }
        if (b.requiresGrad) {
            kernels.matmulTransA(y.grad, a.data, b.grad, m, n, k, true);
        }
    }

    // ---------------------------------------------------------------- elementwise binary

    public Tensor add(Tensor a, Tensor b) {
        return binary(Op.ADD, a, b);
    }

    public Tensor sub(Tensor a, Tensor b) {
        return binary(Op.SUB, a, b);
    }

    public Tensor mul(Tensor a, Tensor b) {
        return binary(Op.MUL, a, b);
    }

    /** Elementwise minimum of two tensors of the same shape; ties send the gradient to {@code a}. */
    public Tensor min(Tensor a, Tensor b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException("min: shapes " + a.shape() + " and " + b.shape() + " differ");
        }
        Tensor y = node(Op.MIN, a.rows, a.cols, a, b, null);
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = Math.min(a.data[i], b.data[i]);
        }
        return y;
    }

    private static int broadcastMode(Op op, Tensor a, Tensor b) {
        if (a.sameShape(b)) {
            return SAME;
        }
        if (b.rows == 1 && b.cols == a.cols) {
            return ROW;
        }
        if (b.data.length == 1) {
            return SCALAR;
        }
        throw new IllegalArgumentException(op.name().toLowerCase() + ": cannot broadcast " + b.shape()
                + " to " + a.shape() + " (allowed: same shape, [1, " + a.cols + "] or [1, 1])");
    }

    private Tensor binary(Op op, Tensor a, Tensor b) {
        int mode = broadcastMode(op, a, b);
        Tensor y = node(op, a.rows, a.cols, a, b, null);
        y.i0 = mode;
        float[] yd = y.data, ad = a.data, bd = b.data;
        int n = a.cols;
        for (int r = 0; r < a.rows; r++) {
            int o = r * n;
            for (int j = 0; j < n; j++) {
                float bv = mode == SAME ? bd[o + j] : mode == ROW ? bd[j] : bd[0];
                float av = ad[o + j];
                yd[o + j] = op == Op.ADD ? av + bv : op == Op.SUB ? av - bv : av * bv;
            }
        }
        return y;
    }

    private void backwardBinary(Tensor y) {
        Tensor a = y.a, b = y.b;
        int mode = y.i0, n = a.cols;
        float[] g = y.grad;
        for (int r = 0; r < a.rows; r++) {
            int o = r * n;
            for (int j = 0; j < n; j++) {
                int bi = mode == SAME ? o + j : mode == ROW ? j : 0;
                float gv = g[o + j];
                switch (y.op) {
                    case ADD -> {
                        if (a.requiresGrad) a.grad[o + j] += gv;
                        if (b.requiresGrad) b.grad[bi] += gv;
                    }
                    case SUB -> {
                        if (a.requiresGrad) a.grad[o + j] += gv;
                        if (b.requiresGrad) b.grad[bi] -= gv;
                    }
                    default -> {
                        if (a.requiresGrad) a.grad[o + j] += gv * b.data[bi];
                        if (b.requiresGrad) b.grad[bi] += gv * a.data[o + j];
                    }
                }
            }
        }
    }

    private static void backwardMin(Tensor y) {
        Tensor a = y.a, b = y.b;
        for (int i = 0; i < y.data.length; i++) {
            if (a.data[i] <= b.data[i]) {
                if (a.requiresGrad) a.grad[i] += y.grad[i];
            } else if (b.requiresGrad) {
                b.grad[i] += y.grad[i];
            }
        }
    }

    /**
     * {@code [a | b]}: the columns of {@code a} followed by those of {@code b}, row by row (e.g. a
     * critic's input, state and action). Both must have the same number of rows.
     */
    public Tensor concatColumns(Tensor a, Tensor b) {
        if (a.rows != b.rows) {
            throw new IllegalArgumentException("concatColumns: row counts " + a.rows + " and " + b.rows + " differ");
        }
        Tensor y = node(Op.CONCAT_COLUMNS, a.rows, a.cols + b.cols, a, b, null);
        for (int r = 0; r < a.rows; r++) {
            System.arraycopy(a.data, r * a.cols, y.data, r * y.cols, a.cols);
            System.arraycopy(b.data, r * b.cols, y.data, r * y.cols + a.cols, b.cols);
        }
        return y;
    }

    private static void backwardConcatColumns(Tensor y) {
        Tensor a = y.a, b = y.b;
        for (int r = 0; r < y.rows; r++) {
            if (a.requiresGrad) {
                for (int c = 0; c < a.cols; c++) a.grad[r * a.cols + c] += y.grad[r * y.cols + c];
            }
            if (b.requiresGrad) {
                for (int c = 0; c < b.cols; c++) b.grad[r * b.cols + c] += y.grad[r * y.cols + a.cols + c];
            }
        }
    }

    // ---------------------------------------------------------------- elementwise unary

    /** {@code s·x}. */
    public Tensor scale(Tensor x, float s) {
        Tensor y = node(Op.SCALE, x.rows, x.cols, x, null, null);
        y.f0 = s;
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = s * x.data[i];
        }
        return y;
    }

    /** {@code x + s}. */
    public Tensor addScalar(Tensor x, float s) {
        Tensor y = node(Op.ADD_SCALAR, x.rows, x.cols, x, null, null);
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = x.data[i] + s;
        }
        return y;
    }

    public Tensor tanh(Tensor x) {
        Tensor y = node(Op.TANH, x.rows, x.cols, x, null, null);
        kernels.tanh(x.data, y.data, y.data.length);
        return y;
    }

    public Tensor relu(Tensor x) {
        Tensor y = node(Op.RELU, x.rows, x.cols, x, null, null);
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = Math.max(0f, x.data[i]);
        }
        return y;
    }

    /** GELU, tanh approximation (Hendrycks and Gimpel, 2016), as in GPT-2. */
    public Tensor gelu(Tensor x) {
        Tensor y = node(Op.GELU, x.rows, x.cols, x, null, null);
        float[] th = saved0(y, y.data.length);
        for (int i = 0; i < th.length; i++) {
            float v = x.data[i];
            th[i] = SQRT_2_OVER_PI * (v + 0.044715f * v * v * v);
        }
        kernels.tanh(th, th, th.length);
        for (int i = 0; i < th.length; i++) {
            y.data[i] = 0.5f * x.data[i] * (1f + th[i]);
        }
        return y;
    }

    public Tensor sigmoid(Tensor x) {
        Tensor y = node(Op.SIGMOID, x.rows, x.cols, x, null, null);
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = sigmoid(x.data[i]);
        }
        return y;
    }

    private static float sigmoid(float v) {
        return v >= 0 ? 1f / (1f + (float) Math.exp(-v)) : (float) (Math.exp(v) / (1 + Math.exp(v)));
    }

    public Tensor exp(Tensor x) {
        Tensor y = node(Op.EXP, x.rows, x.cols, x, null, null);
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = (float) Math.exp(x.data[i]);
        }
        return y;
    }

    public Tensor log(Tensor x) {
        Tensor y = node(Op.LOG, x.rows, x.cols, x, null, null);
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = (float) Math.log(x.data[i]);
        }
        return y;
    }

    public Tensor square(Tensor x) {
        Tensor y = node(Op.SQUARE, x.rows, x.cols, x, null, null);
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = x.data[i] * x.data[i];
        }
        return y;
    }

    /** {@code log(1 + e^x)}, computed without overflow. */
    public Tensor softplus(Tensor x) {
        Tensor y = node(Op.SOFTPLUS, x.rows, x.cols, x, null, null);
        for (int i = 0; i < y.data.length; i++) {
            float v = x.data[i];
            y.data[i] = (float) (Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
        }
        return y;
    }

    /** {@code log σ(x) = −softplus(−x)}. */
    public Tensor logSigmoid(Tensor x) {
        return scale(softplus(scale(x, -1f)), -1f);
    }

    /** Clips to {@code [lo, hi]}; the gradient passes where {@code lo ≤ x ≤ hi}. */
    public Tensor clamp(Tensor x, float lo, float hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp: lo must be <= hi, were " + lo + " and " + hi);
        }
        Tensor y = node(Op.CLAMP, x.rows, x.cols, x, null, null);
        y.f0 = lo;
        y.f1 = hi;
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = Math.min(hi, Math.max(lo, x.data[i]));
        }
        return y;
    }

    private void backwardUnary(Tensor y) {
        Tensor x = y.a;
        if (!x.requiresGrad) {
            return;
        }
        float[] g = y.grad, xd = x.data, yd = y.data, gx = x.grad;
        int n = yd.length;
        switch (y.op) {
            case SCALE -> {
                for (int i = 0; i < n; i++) gx[i] += y.f0 * g[i];
            }
            case ADD_SCALAR -> {
                for (int i = 0; i < n; i++) gx[i] += g[i];
            }
            case TANH -> {
                for (int i = 0; i < n; i++) gx[i] += g[i] * (1f - yd[i] * yd[i]);
            }
            case RELU -> kernels.reluBackward(xd, g, gx, n);
            case GELU -> {
                float[] th = y.saved0;
                for (int i = 0; i < n; i++) {
                    float v = xd[i], t = th[i];
                    float dInner = SQRT_2_OVER_PI * (1f + 3f * 0.044715f * v * v);
                    gx[i] += g[i] * (0.5f * (1f + t) + 0.5f * v * (1f - t * t) * dInner);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) gx[i] += g[i] * yd[i] * (1f - yd[i]);
            }
            case EXP -> {
                for (int i = 0; i < n; i++) gx[i] += g[i] * yd[i];
            }
            case LOG -> {
                for (int i = 0; i < n; i++) gx[i] += g[i] / xd[i];
            }
            case SQUARE -> {
                for (int i = 0; i < n; i++) gx[i] += 2f * xd[i] * g[i];
            }
            case SOFTPLUS -> {
                for (int i = 0; i < n; i++) gx[i] += g[i] * sigmoid(xd[i]);
            }
            case CLAMP -> {
                for (int i = 0; i < n; i++) gx[i] += (xd[i] >= y.f0 && xd[i] <= y.f1) ? g[i] : 0f;
            }
            default -> throw new AssertionError(y.op);
        }
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements, {@code [1, 1]}. */
    public Tensor sum(Tensor x) {
        Tensor y = node(Op.SUM, 1, 1, x, null, null);
        double s = 0;
        for (float v : x.data) {
            s += v;
        }
        y.data[0] = (float) s;
        return y;
    }

    /** Mean of all elements, {@code [1, 1]}. */
    public Tensor mean(Tensor x) {
        Tensor y = node(Op.MEAN, 1, 1, x, null, null);
        double s = 0;
        for (float v : x.data) {
            s += v;
        }
        y.data[0] = (float) (s / x.data.length);
        return y;
    }

    /** Sum over each row, {@code [m, n] → [m, 1]}. */
    public Tensor rowSum(Tensor x) {
        Tensor y = node(Op.ROW_SUM, x.rows, 1, x, null, null);
        for (int r = 0; r < x.rows; r++) {
            float s = 0;
            for (int j = 0, o = r * x.cols; j < x.cols; j++) {
                s += x.data[o + j];
            }
            y.data[r] = s;
        }
        return y;
    }

    private static void backwardReduction(Tensor y) {
        Tensor x = y.a;
        if (!x.requiresGrad) {
            return;
        }
        switch (y.op) {
            case SUM -> {
                float g = y.grad[0];
                for (int i = 0; i < x.grad.length; i++) x.grad[i] += g;
            }
            case MEAN -> {
                float g = y.grad[0] / x.data.length;
                for (int i = 0; i < x.grad.length; i++) x.grad[i] += g;
            }
            case ROW_SUM -> {
                for (int r = 0; r < x.rows; r++) {
                    float g = y.grad[r];
                    for (int j = 0, o = r * x.cols; j < x.cols; j++) x.grad[o + j] += g;
                }
            }
            default -> throw new AssertionError(y.op);
        }
    }

    // ---------------------------------------------------------------- softmax family

    /** Row-wise {@code log softmax}. */
    public Tensor logSoftmax(Tensor x) {
        Tensor y = node(Op.LOG_SOFTMAX, x.rows, x.cols, x, null, null);
        logSoftmaxRows(x.data, y.data, x.rows, x.cols);
        return y;
    }

    /** Row-wise softmax. */
    public Tensor softmax(Tensor x) {
        Tensor y = node(Op.SOFTMAX, x.rows, x.cols, x, null, null);
        softmaxRows(x.data, y.data, x.rows, x.cols);
        return y;
    }

    private static void softmaxRows(float[] x, float[] y, int rows, int n) {
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) max = Math.max(max, x[o + j]);
            float s = 0;
            for (int j = 0; j < n; j++) {
                float e = (float) Math.exp(x[o + j] - max);
                y[o + j] = e;
                s += e;
            }
            float inv = 1f / s;
            for (int j = 0; j < n; j++) y[o + j] *= inv;
        }
    }

    private static void backwardSoftmaxFamily(Tensor y) {
        Tensor x = y.a;
        if (!x.requiresGrad) {
            return;
        }
        int n = x.cols;
        for (int r = 0; r < x.rows; r++) {
            int o = r * n;
            if (y.op == Op.LOG_SOFTMAX) {
                float gs = 0;
                for (int j = 0; j < n; j++) gs += y.grad[o + j];
                for (int j = 0; j < n; j++) x.grad[o + j] += y.grad[o + j] - (float) Math.exp(y.data[o + j]) * gs;
            } else {
                float dot = 0;
                for (int j = 0; j < n; j++) dot += y.grad[o + j] * y.data[o + j];
                for (int j = 0; j < n; j++) x.grad[o + j] += y.data[o + j] * (y.grad[o + j] - dot);
            }
        }
    }

    /**
     * {@code KL(softmax(p) ‖ softmax(q))} per row, {@code [m, n] → [m, 1]}, as one operation whose
     * gradient {@code ∂KL/∂p = π_p ⊙ (log π_p − log π_q − KL)} is exactly zero where the two
     * distributions coincide, which keeps mirror-descent identities exact in float32.
     */
    public Tensor categoricalKl(Tensor logitsP, Tensor logitsQ) {
        if (!logitsP.sameShape(logitsQ)) {
            throw new IllegalArgumentException("categoricalKl: shapes " + logitsP.shape() + " and " + logitsQ.shape()
                    + " differ");
        }
        int m = logitsP.rows, n = logitsP.cols;
        Tensor y = node(Op.CATEGORICAL_KL, m, 1, logitsP, logitsQ, null);
        float[] logp = saved0(y, m * n), logq = saved1(y, m * n);
        logSoftmaxRows(logitsP.data, logp, m, n);
        logSoftmaxRows(logitsQ.data, logq, m, n);
        for (int r = 0; r < m; r++) {
            float kl = 0;
            for (int j = 0, o = r * n; j < n; j++) {
                kl += (float) Math.exp(logp[o + j]) * (logp[o + j] - logq[o + j]);
            }
            y.data[r] = kl;
        }
        return y;
    }

    private static void logSoftmaxRows(float[] x, float[] y, int rows, int n) {
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) max = Math.max(max, x[o + j]);
            double s = 0;
            for (int j = 0; j < n; j++) s += Math.exp(x[o + j] - max);
            float lse = max + (float) Math.log(s);
            for (int j = 0; j < n; j++) y[o + j] = x[o + j] - lse;
        }
    }

    private static void backwardCategoricalKl(Tensor y) {
        Tensor p = y.a, q = y.b;
        int n = p.cols;
        float[] logp = y.saved0, logq = y.saved1;
        for (int r = 0; r < p.rows; r++) {
            float g = y.grad[r], kl = y.data[r];
            for (int j = 0, o = r * n; j < n; j++) {
                float pj = (float) Math.exp(logp[o + j]);
                if (p.requiresGrad) p.grad[o + j] += g * pj * (logp[o + j] - logq[o + j] - kl);
                if (q.requiresGrad) q.grad[o + j] += g * ((float) Math.exp(logq[o + j]) - pj);
            }
        }
    }

    /** Picks {@code x[r, index[r]]} from every row: {@code [m, n] → [m, 1]}. */
    public Tensor gather(Tensor x, int[] index) {
        if (index.length != x.rows) {
            throw new IllegalArgumentException("gather: " + index.length + " indices for " + x.rows + " rows");
        }
        Tensor y = node(Op.GATHER, x.rows, 1, x, null, null);
        if (y.indices == null || y.indices.length != index.length) {
            y.indices = new int[index.length];
        }
        for (int r = 0; r < x.rows; r++) {
            int j = index[r];
            if (j < 0 || j >= x.cols) {
                throw new IllegalArgumentException("gather: index " + j + " at row " + r + " is outside [0, " + x.cols + ")");
            }
            y.indices[r] = j;
            y.data[r] = x.data[r * x.cols + j];
        }
        return y;
    }

    private static void backwardGather(Tensor y) {
        Tensor x = y.a;
        if (x.requiresGrad) {
            for (int r = 0; r < x.rows; r++) x.grad[r * x.cols + y.indices[r]] += y.grad[r];
        }
    }

    // ---------------------------------------------------------------- layers for sequence models

    /** Layer normalisation over each row (Ba, Kiros, Hinton 2016): {@code γ·(x−μ)/√(σ²+ε) + β}. */
    public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        int n = x.cols;
        if (gamma.rows != 1 || gamma.cols != n || beta.rows != 1 || beta.cols != n) {
            throw new IllegalArgumentException("layerNorm: gamma " + gamma.shape() + " and beta " + beta.shape()
                    + " must be [1, " + n + "]");
        }
        Tensor y = node(Op.LAYER_NORM, x.rows, n, x, gamma, beta);
        float[] mean = saved0(y, x.rows), rstd = saved1(y, x.rows);
        for (int r = 0; r < x.rows; r++) {
            int o = r * n;
            float mu = 0;
            for (int j = 0; j < n; j++) mu += x.data[o + j];
            mu /= n;
            float var = 0;
            for (int j = 0; j < n; j++) {
                float d = x.data[o + j] - mu;
                var += d * d;
            }
            float rs = (float) (1.0 / Math.sqrt(var / n + eps));
            mean[r] = mu;
            rstd[r] = rs;
            for (int j = 0; j < n; j++) {
                y.data[o + j] = (x.data[o + j] - mu) * rs * gamma.data[j] + beta.data[j];
            }
        }
        return y;
    }

    private static void backwardLayerNorm(Tensor y) {
        Tensor x = y.a, gamma = y.b, beta = y.c;
        int n = x.cols;
        for (int r = 0; r < x.rows; r++) {
            int o = r * n;
            float mu = y.saved0[r], rs = y.saved1[r];
            float sumG = 0, sumGx = 0;
            for (int j = 0; j < n; j++) {
                float xhat = (x.data[o + j] - mu) * rs;
                float gy = y.grad[o + j];
                if (gamma.requiresGrad) gamma.grad[j] += gy * xhat;
                if (beta.requiresGrad) beta.grad[j] += gy;
                float gh = gy * gamma.data[j];
                sumG += gh;
                sumGx += gh * xhat;
            }
            if (x.requiresGrad) {
                float mg = sumG / n, mgx = sumGx / n;
                for (int j = 0; j < n; j++) {
                    float xhat = (x.data[o + j] - mu) * rs;
                    x.grad[o + j] += rs * (y.grad[o + j] * gamma.data[j] - mg - xhat * mgx);
                }
            }
        }
    }

    /** Rows {@code table[ids[i]]}: {@code [V, d] → [ids.length, d]}. */
    public Tensor embedding(Tensor table, int[] ids) {
        Tensor y = node(Op.EMBEDDING, ids.length, table.cols, table, null, null);
        if (y.indices == null || y.indices.length != ids.length) {
            y.indices = new int[ids.length];
        }
        int d = table.cols;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= table.rows) {
                throw new IllegalArgumentException("embedding: id " + ids[i] + " at position " + i
                        + " is outside [0, " + table.rows + ")");
            }
            y.indices[i] = ids[i];
            System.arraycopy(table.data, ids[i] * d, y.data, i * d, d);
        }
        return y;
    }

    private void backwardEmbedding(Tensor y) {
        Tensor table = y.a;
        if (table.requiresGrad) {
            int d = table.cols;
            for (int i = 0; i < y.rows; i++) kernels.axpy(1f, y.grad, i * d, table.grad, y.indices[i] * d, d);
        }
    }

    /**
     * Multi-head causal self-attention on fused projections: {@code qkv} is {@code [B*T, 3d]} with
     * queries, keys and values side by side; returns the heads' outputs concatenated,
     * {@code [B*T, d]}. Position t attends to positions ≤ t; scores are scaled by 1/√(d/heads).
     */
    public Tensor causalSelfAttention(Tensor qkv, int batch, int time, int heads) {
        if (qkv.rows != batch * time || qkv.cols % 3 != 0 || (qkv.cols / 3) % heads != 0) {
            throw new IllegalArgumentException("causalSelfAttention: qkv " + qkv.shape() + " does not fit batch "
                    + batch + ", time " + time + ", heads " + heads);
        }
        int d = qkv.cols / 3, hd = d / heads;
        Tensor y = node(Op.CAUSAL_ATTENTION, batch * time, d, qkv, null, null);
        y.i0 = batch;
        y.i1 = time;
        y.i2 = heads;
        float[] p = saved0(y, batch * heads * time * time);
        float scale = (float) (1 / Math.sqrt(hd));
        Arrays.fill(y.data, 0f);
        int w = 3 * d;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int pBase = (b * heads + h) * time * time;
                for (int t = 0; t < time; t++) {
                    int qo = (b * time + t) * w + h * hd;
                    int po = pBase + t * time;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int s = 0; s <= t; s++) {
                        int ko = (b * time + s) * w + d + h * hd;
                        float sc = scale * kernels.dot(qkv.data, qo, qkv.data, ko, hd);
                        p[po + s] = sc;
                        max = Math.max(max, sc);
                    }
                    float sum = 0;
                    for (int s = 0; s <= t; s++) {
                        float e = (float) Math.exp(p[po + s] - max);
                        p[po + s] = e;
                        sum += e;
                    }
                    float inv = 1f / sum;
                    int yo = (b * time + t) * d + h * hd;
                    for (int s = 0; s <= t; s++) {
                        p[po + s] *= inv;
                        kernels.axpy(p[po + s], qkv.data, (b * time + s) * w + 2 * d + h * hd, y.data, yo, hd);
                    }
                    for (int s = t + 1; s < time; s++) {
                        p[po + s] = 0f;
                    }
                }
            }
        }
        return y;
    }

    private void backwardAttention(Tensor y) {
        Tensor qkv = y.a;
        if (!qkv.requiresGrad) {
            return;
        }
        int batch = y.i0, time = y.i1, heads = y.i2, d = y.cols, hd = d / heads, w = 3 * d;
        float scale = (float) (1 / Math.sqrt(hd));
        float[] p = y.saved0, dp = scratch(time);
        float[] x = qkv.data, gx = qkv.grad;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int pBase = (b * heads + h) * time * time;
                for (int t = 0; t < time; t++) {
                    int po = pBase + t * time, yo = (b * time + t) * d + h * hd;
                    int qo = (b * time + t) * w + h * hd;
                    float dotPdP = 0;
                    for (int s = 0; s <= t; s++) {
                        int vo = (b * time + s) * w + 2 * d + h * hd;
                        dp[s] = kernels.dot(y.grad, yo, x, vo, hd);
                        dotPdP += p[po + s] * dp[s];
                        kernels.axpy(p[po + s], y.grad, yo, gx, vo, hd);
                    }
                    for (int s = 0; s <= t; s++) {
                        float ds = p[po + s] * (dp[s] - dotPdP) * scale;
                        int ko = (b * time + s) * w + d + h * hd;
                        kernels.axpy(ds, x, ko, gx, qo, hd);
                        kernels.axpy(ds, x, qo, gx, ko, hd);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- dispatch

    private void backwardOf(Tensor t) {
        switch (t.op) {
            case LINEAR, MATMUL -> backwardLinear(t);
            case MATMUL_TB -> backwardMatmulTransB(t);
            case ADD, SUB, MUL -> backwardBinary(t);
            case MIN -> backwardMin(t);
            case CONCAT_COLUMNS -> backwardConcatColumns(t);
            case SCALE, ADD_SCALAR, TANH, RELU, GELU, SIGMOID, EXP, LOG, SQUARE, SOFTPLUS, CLAMP -> backwardUnary(t);
            case SUM, MEAN, ROW_SUM -> backwardReduction(t);
            case LOG_SOFTMAX, SOFTMAX -> backwardSoftmaxFamily(t);
            case GATHER -> backwardGather(t);
            case CATEGORICAL_KL -> backwardCategoricalKl(t);
            case LAYER_NORM -> backwardLayerNorm(t);
            case EMBEDDING -> backwardEmbedding(t);
            case CAUSAL_ATTENTION -> backwardAttention(t);
            case CONST -> { }
        }
    }
}
