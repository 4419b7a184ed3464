package dev.proxima.core.game;

/**
 * A finite game in extensive form with chance and imperfect information (OpenSpiel's split of
 * {@code Game} and {@code State}). Normal-form games are written as extensive-form games in which
 * later players cannot see earlier players' actions.
 */
public interface Game {
    /** Short identifier, e.g. {@code kuhn}, {@code leduc}, {@code tiny-hanabi-b}. */
    String name();

    int numPlayers();

    /** Number of distinct player actions; actions are {@code 0 .. numDistinctActions() - 1}. */
    int numDistinctActions();

    Utility utility();

    double minUtility();

    double maxUtility();

    State initialState();

    /** How players' payoffs relate. */
    enum Utility {
        /** Payoffs sum to zero at every terminal. */
        ZERO_SUM,
        /** All players receive the same payoff. */
        COMMON_PAYOFF,
        GENERAL_SUM
    }
}
