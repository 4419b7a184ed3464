package dev.proxima.core.env.wrappers;

import dev.proxima.core.env.Env;
import dev.proxima.core.env.Step;
import dev.proxima.core.space.Box;
import dev.proxima.core.space.Space;

/**
 * Clips continuous actions into the wrapped env's Box bounds before stepping (Gymnasium's
 * {@code ClipAction}). A Gaussian policy samples outside the bounds; clipping here keeps the
 * policy's log-probabilities about the unclipped sample while the env sees a valid action.
 *
 * <p>As in Gymnasium 1.x, the wrapper's own action space is unbounded (same size), since any
 * finite action is now acceptable. NaN is passed through so the env below reports it.
 */
public final class ClipAction<O> extends EnvWrapper<O, float[]> {
    private final Box bounds;
    private final Box unboundedSpace;

    public ClipAction(Env<O, float[]> env) {
        super(env);
        if (!(env.actionSpace() instanceof Box box)) {
            throw new IllegalArgumentException("ClipAction needs a Box action space, but " + env.id() + " has "
                    + env.actionSpace());
        }
        this.bounds = box;
        this.unboundedSpace = Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, box.flatSize());
    }

    @Override
    public Space<float[]> actionSpace() {
        return unboundedSpace;
    }

    @Override
    protected void checkActionType(Object action) {
        if (!(action instanceof float[] values) || values.length != bounds.flatSize()) {
            throw new IllegalArgumentException(id() + ": action must be a float[" + bounds.flatSize()
                    + "], was " + describe(action));
        }
    }

    @Override
    protected Step<O> wrapStep(float[] action) {
        float[] clipped = new float[action.length];
        for (int i = 0; i < action.length; i++) {
            clipped[i] = Math.min(Math.max(action[i], bounds.low(i)), bounds.high(i));
        }
        return env.step(clipped);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        return value instanceof float[] f ? "float[" + f.length + "]" : value.getClass().getSimpleName();
    }
}
