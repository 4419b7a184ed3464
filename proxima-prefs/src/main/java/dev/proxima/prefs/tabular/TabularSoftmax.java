package dev.proxima.prefs.tabular;

/**
 * The chain rule through a single-context softmax policy π = softmax(θ): given G(y) = ∂L/∂log π(y),
 * ∂L/∂θ = G − (Σ_y G(y))·π. Every tabular loss here is first differentiated with respect to
 * log-probabilities and then passed through this map, so that the structure of a gradient (for
 * instance DPO's exact zero on responses absent from the data) is a property of the loss and not
 * of a shortcut in its code.
 */
public final class TabularSoftmax {
    private TabularSoftmax() {}

    /** Overwrites {@code g} (∂L/∂log π) with ∂L/∂θ. */
    public static void logProbGradientToLogits(double[] g, double[] pi) {
        double s = 0;
        for (double v : g) s += v;
        for (int i = 0; i < g.length; i++) g[i] -= s * pi[i];
    }
}
