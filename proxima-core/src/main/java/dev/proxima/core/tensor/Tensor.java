package dev.proxima.core.tensor;

import java.util.Arrays;

/**
 * A row-major float32 matrix {@code [rows, cols]} with an optional gradient. Every tensor in the
 * engine is two-dimensional: vectors are {@code [1, n]} rows, scalars {@code [1, 1]}, sequences
 * of length T in a batch of B are {@code [B*T, d]}.
 *
 * <p>Tensors are either <em>parameters</em> (created with {@link #parameter}; they live across
 * steps and accumulate gradients until an optimizer consumes them) or <em>values</em> produced by
 * a {@link Graph}, which owns and recycles their storage. A value also records the operation that
 * produced it, so the graph can run the backward pass over its tape.
 */
public final class Tensor {
    public final int rows;
    public final int cols;
    /** The values, {@code data[r * cols + c]}. */
    public final float[] data;
    /** d(loss)/d(data), allocated for tensors that require a gradient. */
    float[] grad;
    boolean requiresGrad;
    final boolean parameter;

    // The node that produced this value (null for parameters and constants).
    Op op;
    Tensor a;
    Tensor b;
    Tensor c;
    int i0;
    int i1;
    int i2;
    float f0;
    float f1;
    int[] indices;
    float[] saved0;
    float[] saved1;

    Tensor(int rows, int cols, boolean parameter) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("tensor shape must be positive, was [" + rows + ", " + cols + "]");
        }
        this.rows = rows;
        this.cols = cols;
        this.data = new float[Math.multiplyExact(rows, cols)];
        this.parameter = parameter;
    }

    /** A trainable tensor with a zeroed gradient. */
    public static Tensor parameter(int rows, int cols) {
        Tensor t = new Tensor(rows, cols, true);
        t.requiresGrad = true;
        t.grad = new float[t.data.length];
        return t;
    }

    /** A constant tensor holding a copy of {@code values}. */
    public static Tensor of(int rows, int cols, float... values) {
        Tensor t = new Tensor(rows, cols, false);
        if (values.length != t.data.length) {
            throw new IllegalArgumentException("expected " + t.data.length + " values for shape [" + rows
                    + ", " + cols + "], got " + values.length);
        }
        System.arraycopy(values, 0, t.data, 0, values.length);
        return t;
    }

    public int size() {
        return data.length;
    }

    public float get(int r, int c) {
        return data[r * cols + c];
    }

    public void set(int r, int c, float v) {
        data[r * cols + c] = v;
    }

    /** The single value of a {@code [1, 1]} tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs a [1, 1] tensor, shape is " + shape());
        }
        return data[0];
    }

    /** The gradient array (null when this tensor does not require one). */
    public float[] grad() {
        return grad;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Freezes ({@code false}) or unfreezes a parameter, as PyTorch's {@code requires_grad_}: a
     * frozen parameter still passes gradients through to its inputs but accumulates none itself,
     * which saves the weight-gradient products of a network that only serves as a differentiable
     * function (a critic inside an actor's loss).
     */
    public void requiresGrad(boolean on) {
        if (!parameter) {
            throw new IllegalStateException("only parameters can be frozen or unfrozen; " + this + " is a graph value");
        }
        requiresGrad = on;
    }

    public boolean isParameter() {
        return parameter;
    }

    public void zeroGrad() {
        if (grad != null) {
            Arrays.fill(grad, 0f);
        }
    }

    public String shape() {
        return "[" + rows + ", " + cols + "]";
    }

    boolean sameShape(Tensor o) {
        return rows == o.rows && cols == o.cols;
    }

    @Override
    public String toString() {
        return "Tensor" + shape() + (parameter ? " (parameter)" : op == null ? "" : " (" + op + ")");
    }
}
