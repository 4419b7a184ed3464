package dev.proxima.prefs.policy;

import dev.proxima.core.seq.PreferenceTask;

/**
 * A trainer that samples fresh responses every step and asks a preference task's judge about
 * them, counting the questions so that methods compare at equal label budgets.
 */
public abstract class OnlinePreferenceLearner extends PolicyLearner {
    protected final PreferenceTask task;
    private long queries;

    /** The policy's allowed tokens must be the task's response tokens. */
    protected OnlinePreferenceLearner(TransformerPolicy policy, TransformerPolicy reference, PreferenceTask task, long seed,
                                      double learningRate, double maxGradNorm) {
        super(policy, reference, task.vocabularySize(), seed, learningRate, maxGradNorm);
        this.task = task;
    }

    /** Preference labels asked of the judge so far. */
    public final long queries() {
        return queries;
    }

    protected final void countQueries(long asked) {
        queries += asked;
    }
}
