package dev.proxima.envs.games;

import dev.proxima.core.game.State;
import java.util.Arrays;

/** Checks shared by the game implementations. */
final class GameChecks {
    private GameChecks() {}

    /** Throws a clear error when {@code action} is not legal in {@code state}. */
    static void requireLegal(State state, int action) {
        int[] legal = state.legalActions();
        if (state.isTerminal()) {
            throw new IllegalArgumentException("illegal action " + action + " at history " + Arrays.toString(state.history())
                    + ": the game is over");
        }
        if (Arrays.binarySearch(legal, action) < 0) {
            throw new IllegalArgumentException("illegal action " + action + " at history " + Arrays.toString(state.history())
                    + "; legal: " + Arrays.toString(legal));
        }
    }
}
