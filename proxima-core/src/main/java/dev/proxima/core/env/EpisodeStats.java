package dev.proxima.core.env;

/**
 * Return and length of a finished episode, put in the final step's info under {@link #INFO_KEY}
 * by the RecordEpisodeStatistics wrapper (Gymnasium's {@code info["episode"]}).
 */
public record EpisodeStats(double episodeReturn, int length) {
    public static final String INFO_KEY = "episode";
}
