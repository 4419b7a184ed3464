package dev.proxima.core.env.wrappers;

import dev.proxima.core.env.Env;
import dev.proxima.core.env.Reset;
import dev.proxima.core.env.Step;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.io.Stateful;
import dev.proxima.core.space.Space;
import java.util.Objects;

/**
 * Base of every wrapper: forwards to the wrapped env and checks the call order itself.
 *
 * <p>The order check lives in each layer because a layer may end an episode the env below it
 * knows nothing about: after {@link TimeLimit} truncates, the inner env would happily take
 * another step, so the wrapper must refuse it.
 *
 * <p>Saved state nests the wrapped env's state under {@code prefix + "env."}, mirroring how
 * Gymnasium reaches the inner env through {@code .env}, so stacking the same wrapper twice cannot
 * collide. Saving requires the wrapped env to be {@link Stateful}: a checkpoint that silently
 * left out the inner env would resume a different episode.
 *
 * @param <O> observation type
 * @param <A> action type
 */
public abstract class EnvWrapper<O, A> implements Env<O, A>, Stateful {
    /** The wrapped env. */
    protected final Env<O, A> env;
    private boolean started;
    private boolean episodeRunning;

    protected EnvWrapper(Env<O, A> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** The env this wrapper wraps (one layer down). */
    public Env<O, A> inner() {
        return env;
    }

    /** The innermost env below any number of wrappers (Gymnasium's {@code env.unwrapped}). */
    public static Env<?, ?> unwrap(Env<?, ?> env) {
        Env<?, ?> current = env;
        while (current instanceof EnvWrapper<?, ?> wrapper) {
            current = wrapper.env;
        }
        return current;
    }

    @Override
    public Space<O> observationSpace() {
        return env.observationSpace();
    }

    @Override
    public Space<A> actionSpace() {
        return env.actionSpace();
    }

    @Override
    public String id() {
        return env.id();
    }

    @Override
    public final Reset<O> reset(long seed) {
        Reset<O> result = afterReset(env.reset(seed));
        started = true;
        episodeRunning = true;
        return result;
    }

    @Override
    public final Reset<O> reset() {
        Reset<O> result = afterReset(env.reset());
        started = true;
        episodeRunning = true;
        return result;
    }

    @Override
    public final Step<O> step(A action) {
        if (!episodeRunning) {
            throw new IllegalStateException(id() + " (" + getClass().getSimpleName() + "): "
                    + (started ? "the episode has ended; call reset() before stepping again"
                               : "step called before reset; call reset(seed) first"));
        }
        checkActionType(action);
        Step<O> result = wrapStep(action);
        episodeRunning = !result.done();
        return result;
    }

    /**
     * Rejects an action of the wrong Java type with an {@link IllegalArgumentException} before
     * {@link #wrapStep} sees it; the parameter is {@code Object} because callers holding a raw or
     * wildcard-typed env can pass anything, and the generic cast would fail with a bare
     * ClassCastException. Wrappers that only forward the action leave the check to the env below.
     */
    protected void checkActionType(Object action) {}

    /** Adjusts what the inner env's reset returned; also the place to clear per-episode counters. */
    protected Reset<O> afterReset(Reset<O> innerReset) {
        return innerReset;
    }

    /** Steps the inner env (possibly with a transformed action) and adjusts the result. */
    protected Step<O> wrapStep(A action) {
        return env.step(action);
    }

    @Override
    public void close() {
        env.close();
    }

    @Override
    public final void saveState(StateDict out, String prefix) {
        innerStateful().saveState(out, prefix + "env.");
        out.putLongs(prefix + "order", new long[] {started ? 1 : 0, episodeRunning ? 1 : 0});
        saveOwnState(out, prefix);
    }

    @Override
    public final void loadState(StateDict in, String prefix) {
        innerStateful().loadState(in, prefix + "env.");
        long[] order = in.longs(prefix + "order");
        if (order.length != 2) {
            throw new IllegalArgumentException("state '" + prefix + "order' must hold 2 values, held " + order.length);
        }
        started = order[0] != 0;
        episodeRunning = order[1] != 0;
        loadOwnState(in, prefix);
    }

    /** Adds the wrapper's own state; names start with {@code prefix} and must not start with "env.". */
    protected void saveOwnState(StateDict out, String prefix) {}

    /** Restores what {@link #saveOwnState} wrote. */
    protected void loadOwnState(StateDict in, String prefix) {}

    private Stateful innerStateful() {
        if (env instanceof Stateful stateful) {
            return stateful;
        }
        throw new IllegalStateException(getClass().getSimpleName() + " cannot save or load state: the wrapped env "
                + env.getClass().getName() + " (" + env.id() + ") does not implement Stateful");
    }
}
