package dev.proxima.core.env.wrappers;

import dev.proxima.core.env.Env;
import dev.proxima.core.env.Step;
import dev.proxima.core.env.Reset;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.util.Checks;

/**
 * Truncates an episode once it has lasted {@code maxEpisodeSteps} steps (Gymnasium's
 * {@code TimeLimit}). The step that reaches the limit reports {@code truncated = true}, even if it
 * also terminates, so learners can tell a cut-short episode (bootstrap) from a finished one.
 */
public final class TimeLimit<O, A> extends EnvWrapper<O, A> {
    private final int maxEpisodeSteps;
    private int elapsedSteps;

    public TimeLimit(Env<O, A> env, int maxEpisodeSteps) {
        super(env);
        this.maxEpisodeSteps = Checks.positive(maxEpisodeSteps, "maxEpisodeSteps");
    }

    public int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    /** Steps taken in the current episode. */
    public int elapsedSteps() {
        return elapsedSteps;
    }

    @Override
    protected Reset<O> afterReset(Reset<O> innerReset) {
        elapsedSteps = 0;
        return innerReset;
    }

    @Override
    protected Step<O> wrapStep(A action) {
        Step<O> step = env.step(action);
        elapsedSteps++;
        if (elapsedSteps >= maxEpisodeSteps && !step.truncated()) {
            return new Step<>(step.observation(), step.reward(), step.terminated(), true, step.info());
        }
        return step;
    }

    @Override
    protected void saveOwnState(StateDict out, String prefix) {
        out.putLongs(prefix + "elapsed_steps", new long[] {elapsedSteps});
    }

    @Override
    protected void loadOwnState(StateDict in, String prefix) {
        elapsedSteps = Math.toIntExact(in.longs(prefix + "elapsed_steps")[0]);
    }
}
