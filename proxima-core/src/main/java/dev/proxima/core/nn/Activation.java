package dev.proxima.core.nn;

import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;

/** Hidden-layer nonlinearities. */
public enum Activation {
    TANH, RELU, GELU;

    public Tensor apply(Graph g, Tensor x) {
        return switch (this) {
            case TANH -> g.tanh(x);
            case RELU -> g.relu(x);
            case GELU -> g.gelu(x);
        };
    }

    /** Parses a case-insensitive name, with an error that lists the allowed values. */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("activation must be one of tanh, relu, gelu, was '" + name + "'");
    }
}
