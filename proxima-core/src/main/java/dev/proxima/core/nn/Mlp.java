package dev.proxima.core.nn;

import dev.proxima.core.io.StateDict;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Multi-layer perceptron: affine layers with an activation between them and none after the last.
 * The constructor initialises orthogonally with gain √2 on hidden layers and {@code outputGain}
 * on the last, as the PPO reference implementations do, biases at zero; {@link #uniformInit} is
 * PyTorch's default initialisation.
 */
public final class Mlp {
    private final List<Linear> layers;
    private final Activation activation;

    /**
     * @param sizes      layer widths from input to output, e.g. {@code {4, 64, 64, 2}}
     * @param activation nonlinearity after every layer but the last
     * @param outputGain orthogonal-initialisation gain of the last layer
     */
    public Mlp(int[] sizes, Activation activation, double outputGain, Rng rng) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least input and output sizes, got " + sizes.length);
        }
        List<Linear> list = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            if (sizes[i] <= 0 || sizes[i + 1] <= 0) {
                throw new IllegalArgumentException("layer sizes must be positive, were " + java.util.Arrays.toString(sizes));
            }
            Linear layer = new Linear(sizes[i], sizes[i + 1]);
            boolean last = i + 2 == sizes.length;
            Init.orthogonal(layer.weight, last ? outputGain : Math.sqrt(2), rng);
            list.add(layer);
        }
        this.layers = Collections.unmodifiableList(list);
        this.activation = activation;
    }

    /**
     * The same network initialised as PyTorch's {@code nn.Linear} is by default: weights and
     * biases uniform in ±1/√fan-in. The off-policy reference implementations (SAC's and TD3's
     * authors, CleanRL, SB3) keep this initialisation.
     */
    public static Mlp uniformInit(int[] sizes, Activation activation, Rng rng) {
        return of(sizes, activation, layer -> layer.initUniform(rng));
    }

    /**
     * The same network initialised as TensorFlow's dense layers are by default: Glorot-uniform
     * weights, zero biases (the TensorFlow reference implementations, e.g. Stable Baselines 2).
     */
    public static Mlp glorotInit(int[] sizes, Activation activation, Rng rng) {
        return of(sizes, activation, layer -> layer.initGlorot(rng));
    }

    private static Mlp of(int[] sizes, Activation activation, UnaryOperator<Linear> init) {
        List<Linear> list = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            list.add(init.apply(new Linear(sizes[i], sizes[i + 1])));
        }
        return new Mlp(list, activation);
    }

    private Mlp(List<Linear> layers, Activation activation) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("an MLP needs at least input and output sizes");
        }
        this.layers = Collections.unmodifiableList(layers);
        this.activation = activation;
    }

    public Tensor forward(Graph g, Tensor x) {
        Tensor h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(g, h);
            if (i + 1 < layers.size()) {
                h = activation.apply(g, h);
            }
        }
        return h;
    }

    public List<Linear> layers() {
        return layers;
    }

    public int inputSize() {
        return layers.get(0).in();
    }

    public int outputSize() {
        return layers.get(layers.size() - 1).out();
    }

    public List<Tensor> parameters() {
        List<Tensor> ps = new ArrayList<>();
        for (Linear l : layers) {
            ps.addAll(l.parameters());
        }
        return ps;
    }

    /** Copies every parameter value from {@code other}, which must have the same layer sizes. */
    public void copyFrom(Mlp other) {
        List<Tensor> mine = parameters(), theirs = other.parameters();
        if (mine.size() != theirs.size()) {
            throw new IllegalArgumentException("MLPs differ in depth");
        }
        for (int i = 0; i < mine.size(); i++) {
            if (mine.get(i).size() != theirs.get(i).size()) {
                throw new IllegalArgumentException("MLPs differ in layer sizes");
            }
            System.arraycopy(theirs.get(i).data, 0, mine.get(i).data, 0, mine.get(i).size());
        }
    }

    /** Saves as {@code prefix.<layer>.weight/bias}, the keys of a PyTorch {@code nn.Sequential}'s linear layers. */
    public void saveState(StateDict out, String prefix) {
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).saveState(out, prefix + "." + (2 * i));
        }
    }

    public void loadState(StateDict in, String prefix) {
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).loadState(in, prefix + "." + (2 * i));
        }
    }
}
