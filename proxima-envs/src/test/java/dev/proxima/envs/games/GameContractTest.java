package dev.proxima.envs.games;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.game.ChanceOutcome;
import dev.proxima.core.game.Game;
import dev.proxima.core.game.State;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The contract catches broken games. */
class GameContractTest {
    @Test
    void positionKeysFailThePerfectRecallCheck() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> GameContract.check(new TicTacToe(), GameContract.Recall.PERFECT));
        assertTrue(e.getMessage().startsWith("perfect recall"), e.getMessage());
    }

    @Test
    void aKeyThatDoesNotTellThePlayersApartIsCaught() {
        // Kuhn where player 1's key is its card alone: the same string as player 0's first key.
        Game forgetful = new Tweaked(new KuhnPoker(), (state, key) -> key.length() == 2 ? key.substring(0, 1) : key);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> GameContract.check(forgetful));
        assertTrue(e.getMessage().contains("two acting players"), e.getMessage());
    }

    @Test
    void aKeyThatForgetsOwnActionsIsCaught() {
        // Kuhn where player 0, facing a bet after passing ("pb"), forgets that it passed: the key is
        // the same as at its first decision, with the same legal actions but a different own past.
        Game merged = new Tweaked(new KuhnPoker(), (state, key) -> key.endsWith("pb") ? key.substring(0, 1) : key);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> GameContract.check(merged));
        assertTrue(e.getMessage().startsWith("perfect recall"), e.getMessage());
    }

    /** A game whose states rename their information-state keys. */
    private record Tweaked(Game inner, BiFunction<State, String, String> rekey) implements Game {
        public String name() { return inner.name(); }
        public int numPlayers() { return inner.numPlayers(); }
        public int numDistinctActions() { return inner.numDistinctActions(); }
        public Utility utility() { return inner.utility(); }
        public double minUtility() { return inner.minUtility(); }
        public double maxUtility() { return inner.maxUtility(); }
        public State initialState() { return new TweakedState(inner.initialState()); }

        private final class TweakedState implements State {
            private final State s;

            TweakedState(State s) { this.s = s; }
            public int currentPlayer() { return s.currentPlayer(); }
            public int[] legalActions() { return s.legalActions(); }
            public List<ChanceOutcome> chanceOutcomes() { return s.chanceOutcomes(); }
            public State child(int action) { return new TweakedState(s.child(action)); }
            public double[] returns() { return s.returns(); }
            public String informationStateKey(int player) { return rekey.apply(s, s.informationStateKey(player)); }
            public int[] history() { return s.history(); }
            public String actionToString(int action) { return s.actionToString(action); }
            public String toString() { return s.toString(); }
        }
    }
}
