package dev.proxima.core.env;

import java.util.Arrays;

/**
 * Reusable output buffers of one {@link VectorEnv} step; the vector env overwrites them on
 * every call so the rollout loop allocates nothing.
 *
 * <p>Layout: {@code observations[i * observationSize + j]} is feature j of sub-env i.
 */
public final class VectorStep {
    public final int numEnvs;
    public final int observationSize;
    /** Next observations, [numEnvs * observationSize]. */
    public final float[] observations;
    public final double[] rewards;
    public final boolean[] terminated;
    public final boolean[] truncated;
    /** SAME_STEP mode only: the last observation of an episode that ended at this step. */
    public final float[] finalObservations;
    /** Whether sub-env i finished an episode at this step (either flag). */
    public final boolean[] episodeEnded;
    /** Return and length of the finished episode where recorded by RecordEpisodeStatistics, else NaN / 0. */
    public final double[] episodeReturns;
    public final int[] episodeLengths;

    public VectorStep(int numEnvs, int observationSize) {
        this.numEnvs = numEnvs;
        this.observationSize = observationSize;
        this.observations = new float[numEnvs * observationSize];
        this.rewards = new double[numEnvs];
        this.terminated = new boolean[numEnvs];
        this.truncated = new boolean[numEnvs];
        this.finalObservations = new float[numEnvs * observationSize];
        this.episodeEnded = new boolean[numEnvs];
        this.episodeReturns = new double[numEnvs];
        this.episodeLengths = new int[numEnvs];
    }

    /** Clears the per-step episode-end records. */
    public void clearEpisodeInfo() {
        Arrays.fill(episodeEnded, false);
        Arrays.fill(episodeReturns, Double.NaN);
        Arrays.fill(episodeLengths, 0);
    }
}
