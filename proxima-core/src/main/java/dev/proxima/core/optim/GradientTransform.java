package dev.proxima.core.optim;

import dev.proxima.core.io.StateDict;
import dev.proxima.core.tensor.Tensor;
import java.util.List;

/**
 * One stage of an optimizer, in the style of optax: it rewrites the update vectors (which start
 * as the gradients, held in each parameter's gradient array) in place. Stages compose with
 * {@link Optimizers#chain}; the last stage turns updates into parameter increments.
 */
public interface GradientTransform {
    /** Per-parameter state for {@code params}; {@link State#NONE} for stateless stages. */
    State init(List<Tensor> params);

    /** Rewrites {@code updates[i]} (the update of {@code params.get(i)}) in place. */
    void update(State state, List<Tensor> params, float[][] updates, long step);

    /** Named float arrays a stage keeps between steps (e.g. Adam's moments). */
    interface State {
        State NONE = new State() {
            @Override
            public void save(StateDict out, String prefix) {}

            @Override
            public void load(StateDict in, String prefix) {}
        };

        void save(StateDict out, String prefix);

        void load(StateDict in, String prefix);
    }
}
