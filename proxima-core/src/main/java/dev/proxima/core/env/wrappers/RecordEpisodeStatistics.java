package dev.proxima.core.env.wrappers;

import dev.proxima.core.env.Env;
import dev.proxima.core.env.EpisodeStats;
import dev.proxima.core.env.Reset;
import dev.proxima.core.env.Step;
import dev.proxima.core.io.StateDict;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Sums the rewards and counts the steps of each episode and, on the step that ends it, puts an
 * {@link EpisodeStats} into the info map under {@link EpisodeStats#INFO_KEY} (Gymnasium's
 * {@code RecordEpisodeStatistics}, without the wall-clock field: library code reads no clock).
 *
 * <p>The return is of the rewards this wrapper sees, so place it below any reward normalizer
 * to log the task's own return.
 */
public final class RecordEpisodeStatistics<O, A> extends EnvWrapper<O, A> {
    private double episodeReturn;
    private int episodeLength;

    public RecordEpisodeStatistics(Env<O, A> env) {
        super(env);
    }

    @Override
    protected Reset<O> afterReset(Reset<O> innerReset) {
        episodeReturn = 0;
        episodeLength = 0;
        return innerReset;
    }

    @Override
    protected Step<O> wrapStep(A action) {
        Step<O> step = env.step(action);
        episodeReturn += step.reward();
        episodeLength++;
        if (!step.done()) {
            return step;
        }
        if (step.info().containsKey(EpisodeStats.INFO_KEY)) {
            throw new IllegalStateException(id() + ": the info map already holds '" + EpisodeStats.INFO_KEY
                    + "'; wrap the env in RecordEpisodeStatistics only once");
        }
        Map<String, Object> info = new HashMap<>(step.info());
        info.put(EpisodeStats.INFO_KEY, new EpisodeStats(episodeReturn, episodeLength));
        return new Step<>(step.observation(), step.reward(), step.terminated(), step.truncated(),
                Collections.unmodifiableMap(info));
    }

    @Override
    protected void saveOwnState(StateDict out, String prefix) {
        out.putDoubles(prefix + "episode_return", new double[] {episodeReturn});
        out.putLongs(prefix + "episode_length", new long[] {episodeLength});
    }

    @Override
    protected void loadOwnState(StateDict in, String prefix) {
        episodeReturn = in.doubles(prefix + "episode_return")[0];
        episodeLength = Math.toIntExact(in.longs(prefix + "episode_length")[0]);
    }
}
