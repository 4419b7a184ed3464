package dev.proxima.core.nn;

import dev.proxima.core.io.StateDict;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import java.util.List;

/**
 * Affine layer {@code y = x·W + b}. W is stored {@code [in, out]} so the forward pass is the
 * vectorised {@code x·W} product; checkpoints store it transposed, {@code [out, in]}, which is
 * PyTorch's {@code nn.Linear.weight} layout.
 */
public final class Linear {
    public final Tensor weight;
    public final Tensor bias;

    public Linear(int in, int out) {
        this.weight = Tensor.parameter(in, out);
        this.bias = Tensor.parameter(1, out);
    }

    /** PyTorch's default {@code nn.Linear} initialisation: weight and bias uniform in ±1/√in. */
    public Linear initUniform(Rng rng) {
        Init.uniformFanIn(weight, in(), rng);
        Init.uniformFanIn(bias, in(), rng);
        return this;
    }

    /** TensorFlow's default dense initialisation: Glorot-uniform weight, zero bias. */
    public Linear initGlorot(Rng rng) {
        Init.glorotUniform(weight, in(), out(), rng);
        Init.constant(bias, 0f);
        return this;
    }

    public int in() {
        return weight.rows;
    }

    public int out() {
        return weight.cols;
    }

    public Tensor forward(Graph g, Tensor x) {
        return g.linear(x, weight, bias);
    }

    public List<Tensor> parameters() {
        return List.of(weight, bias);
    }

    public void saveState(StateDict out, String prefix) {
        float[] t = new float[weight.data.length];
        dev.proxima.core.tensor.Kernels.transpose(weight.data, 0, weight.rows, weight.cols, t, 0);
        out.putFloats(prefix + ".weight", t, out(), in());
        out.putFloats(prefix + ".bias", bias.data, out());
    }

    public void loadState(StateDict in, String prefix) {
        int[] shape = in.shape(prefix + ".weight");
        if (shape.length != 2 || shape[0] != out() || shape[1] != in()) {
            throw new IllegalArgumentException("'" + prefix + ".weight' has shape " + java.util.Arrays.toString(shape)
                    + " but the layer expects [" + out() + ", " + in() + "]");
        }
        dev.proxima.core.tensor.Kernels.transpose(in.floats(prefix + ".weight"), 0, out(), in(), weight.data, 0);
        in.copyFloatsInto(prefix + ".bias", bias.data);
    }
}
