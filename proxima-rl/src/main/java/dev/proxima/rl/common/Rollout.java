package dev.proxima.rl.common;

import dev.proxima.core.env.VectorEnv;
import dev.proxima.core.env.VectorStep;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.io.Stateful;
import dev.proxima.core.random.Rng;
import dev.proxima.core.rl.Returns;
import dev.proxima.core.space.Discrete;
import dev.proxima.core.tensor.Graph;
import java.util.Arrays;

/**
 * On-policy experience of one iteration: {@code steps} transitions from each of the vector env's
 * sub-envs, stored time-major ({@code t * numEnvs + e}), plus the env's current observations so
 * the next iteration continues where this one stopped. All buffers are allocated once.
 *
 * <p>Truncated episodes are bootstrapped from the value of their final observation, which the
 * vector env keeps in SAME_STEP autoreset mode; terminated ones are not.
 */
public final class Rollout implements Stateful {
    public final int steps;
    public final int numEnvs;
    public final int observationSize;
    public final int actionSize;
    public final boolean discrete;
    public final float[] observations;
    public final int[] discreteActions;
    public final float[] continuousActions;
    public final float[] logProbs;
    public final float[] values;
    public final float[] rewards;
    public final float[] nextValues;
    public final float[] advantages;
    public final float[] returns;
    public final boolean[] terminated;
    public final boolean[] ended;

    private final VectorEnv env;
    private final VectorStep current;
    private final int[] stepActions;
    private final float[] stepContinuous;
    private final float[] stepLogProbs;
    private final float[] stepValues;
    private final float[] finalValues;
    private double[] finishedReturns = new double[16];
    private int[] finishedLengths = new int[16];
    private int finishedCount;
    private long envSteps;

    public Rollout(VectorEnv env, int steps) {
        if (env.autoresetMode() != dev.proxima.core.env.AutoresetMode.SAME_STEP) {
            throw new IllegalArgumentException("on-policy rollouts need a vector env in SAME_STEP autoreset mode, got "
                    + env.autoresetMode());
        }
        this.env = env;
        this.steps = steps;
        this.numEnvs = env.numEnvs();
        this.observationSize = env.singleObservationSpace().flatSize();
        this.discrete = env.singleActionSpace() instanceof Discrete;
        this.actionSize = discrete ? 1 : env.singleActionSpace().flatSize();
        int n = steps * numEnvs;
        observations = new float[n * observationSize];
        discreteActions = new int[discrete ? n : 0];
        continuousActions = new float[discrete ? 0 : n * actionSize];
        logProbs = new float[n];
        values = new float[n];
        rewards = new float[n];
        nextValues = new float[n];
        advantages = new float[n];
        returns = new float[n];
        terminated = new boolean[n];
        ended = new boolean[n];
        current = env.newStep();
        stepActions = new int[numEnvs];
        stepContinuous = new float[numEnvs * actionSize];
        stepLogProbs = new float[numEnvs];
        stepValues = new float[numEnvs];
        finalValues = new float[numEnvs];
    }

    /** Resets the vector env (sub-env i with seed + i). */
    public void start(long seed) {
        env.reset(seed, current);
    }

    /** Number of transitions per rollout, {@code steps · numEnvs}. */
    public int size() {
        return steps * numEnvs;
    }

    /** Environment steps taken so far, summed over sub-envs. */
    public long envSteps() {
        return envSteps;
    }

    /** Collects {@code steps} transitions per sub-env with {@code policy}, sampling actions from {@code rng}. */
    public void collect(ActorCritic policy, Graph graph, Rng rng) {
        finishedCount = 0;
        for (int t = 0; t < steps; t++) {
            int base = t * numEnvs;
            System.arraycopy(current.observations, 0, observations, base * observationSize, numEnvs * observationSize);
            policy.act(graph, current.observations, numEnvs, rng, false, stepActions, stepContinuous, stepLogProbs,
                    stepValues);
            System.arraycopy(stepLogProbs, 0, logProbs, base, numEnvs);
            System.arraycopy(stepValues, 0, values, base, numEnvs);
            if (discrete) {
                System.arraycopy(stepActions, 0, discreteActions, base, numEnvs);
                env.step(stepActions, current);
            } else {
                System.arraycopy(stepContinuous, 0, continuousActions, base * actionSize, numEnvs * actionSize);
                env.step(stepContinuous, current);
            }
            envSteps += numEnvs;
            boolean anyTruncated = false;
            for (int e = 0; e < numEnvs; e++) {
                rewards[base + e] = (float) current.rewards[e];
                terminated[base + e] = current.terminated[e];
                ended[base + e] = current.terminated[e] || current.truncated[e];
                anyTruncated |= current.truncated[e] && !current.terminated[e];
                if (current.episodeEnded[e] && !Double.isNaN(current.episodeReturns[e])) {
                    recordEpisode(current.episodeReturns[e], current.episodeLengths[e]);
                }
            }
            if (anyTruncated) {
                policy.values(graph, current.finalObservations, numEnvs, finalValues);
                for (int e = 0; e < numEnvs; e++) {
                    if (current.truncated[e] && !current.terminated[e]) {
                        nextValues[base + e] = finalValues[e];
                    }
                }
            }
        }
        policy.values(graph, current.observations, numEnvs, finalValues);
        for (int t = 0; t < steps; t++) {
            for (int e = 0; e < numEnvs; e++) {
                int i = t * numEnvs + e;
                if (!ended[i]) {
                    nextValues[i] = t + 1 < steps ? values[i + numEnvs] : finalValues[e];
                } else if (terminated[i]) {
                    nextValues[i] = 0f;
                }
            }
        }
    }

    /** GAE advantages and the λ-returns {@code Â + V} used as value targets. */
    public void computeAdvantages(double gamma, double lambda) {
        Returns.gae(rewards, values, nextValues, terminated, ended, steps, numEnvs, gamma, lambda, advantages);
        for (int i = 0; i < size(); i++) {
            returns[i] = advantages[i] + values[i];
        }
    }

    private void recordEpisode(double ret, int length) {
        if (finishedCount == finishedReturns.length) {
            finishedReturns = Arrays.copyOf(finishedReturns, 2 * finishedCount);
            finishedLengths = Arrays.copyOf(finishedLengths, 2 * finishedCount);
        }
        finishedReturns[finishedCount] = ret;
        finishedLengths[finishedCount++] = length;
    }

    /** Episodes that finished during the last {@link #collect}. */
    public int finishedEpisodes() {
        return finishedCount;
    }

    /** Mean return of the episodes finished during the last collect, NaN if none. */
    public double meanEpisodeReturn() {
        if (finishedCount == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < finishedCount; i++) s += finishedReturns[i];
        return s / finishedCount;
    }

    /** Mean length of the episodes finished during the last collect, NaN if none. */
    public double meanEpisodeLength() {
        if (finishedCount == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < finishedCount; i++) s += finishedLengths[i];
        return s / finishedCount;
    }

    @Override
    public void saveState(StateDict out, String prefix) {
        if (!(env instanceof Stateful s)) {
            throw new UnsupportedOperationException("the vector env " + env.getClass().getSimpleName()
                    + " cannot save its state, so this run cannot be checkpointed for exact resumption");
        }
        s.saveState(out, prefix + "env.");
        out.putFloats(prefix + "current_observations", current.observations);
        out.putLongs(prefix + "env_steps", new long[] {envSteps});
    }

    @Override
    public void loadState(StateDict in, String prefix) {
        if (!(env instanceof Stateful s)) {
            throw new UnsupportedOperationException("the vector env " + env.getClass().getSimpleName()
                    + " cannot restore a saved state");
        }
        s.loadState(in, prefix + "env.");
        in.copyFloatsInto(prefix + "current_observations", current.observations);
        envSteps = in.longs(prefix + "env_steps")[0];
    }
}
