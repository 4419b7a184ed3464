package dev.proxima.core.optim;

import dev.proxima.core.io.StateDict;
import dev.proxima.core.io.Stateful;
import dev.proxima.core.tensor.Tensor;
import java.util.List;

/**
 * Applies a chain of {@link GradientTransform}s to a fixed list of parameters: each
 * {@link #step()} transforms the accumulated gradients into increments, adds them to the
 * parameters and zeroes the gradients. Allocation-free after construction.
 */
public final class Optimizer implements Stateful {
    private final List<Tensor> params;
    private final GradientTransform[] stages;
    private final GradientTransform.State[] states;
    private final float[][] updates;
    private long step;

    public Optimizer(List<Tensor> params, GradientTransform... stages) {
        for (Tensor p : params) {
            if (!p.isParameter()) {
                throw new IllegalArgumentException("optimizer given a non-parameter tensor " + p);
            }
        }
        this.params = List.copyOf(params);
        this.stages = stages.clone();
        this.states = new GradientTransform.State[stages.length];
        for (int i = 0; i < stages.length; i++) {
            states[i] = stages[i].init(this.params);
        }
        this.updates = new float[this.params.size()][];
        for (int i = 0; i < updates.length; i++) {
            updates[i] = this.params.get(i).grad();
        }
    }

    /** Transforms the gradients, applies them, clears them and advances the step count. */
    public void step() {
        for (int i = 0; i < stages.length; i++) {
            stages[i].update(states[i], params, updates, step);
        }
        for (int p = 0; p < updates.length; p++) {
            float[] theta = params.get(p).data, u = updates[p];
            for (int i = 0; i < u.length; i++) {
                theta[i] += u[i];
                u[i] = 0f;
            }
        }
        step++;
    }

    public void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    /** Number of steps taken. */
    public long stepCount() {
        return step;
    }

    public List<Tensor> parameters() {
        return params;
    }

    @Override
    public void saveState(StateDict out, String prefix) {
        out.putLongs(prefix + ".step", new long[] {step});
        for (int i = 0; i < states.length; i++) {
            states[i].save(out, prefix + ".stage" + i);
        }
    }

    @Override
    public void loadState(StateDict in, String prefix) {
        step = in.longs(prefix + ".step")[0];
        for (int i = 0; i < states.length; i++) {
            states[i].load(in, prefix + ".stage" + i);
        }
    }
}
