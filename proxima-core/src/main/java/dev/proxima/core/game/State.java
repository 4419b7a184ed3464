package dev.proxima.core.game;

import java.util.List;

/**
 * An immutable game state (a history): {@link #child} returns a new state and never changes this
 * one, so search and solvers can share states freely.
 *
 * <p>Contract (checked by the conformance suite): {@link #legalActions()} is sorted ascending and
 * non-empty at decision nodes; chance outcomes' probabilities are positive and sum to 1;
 * {@link #child} throws {@link IllegalArgumentException} naming the action, the history and the
 * legal actions when the action is not legal; terminal states have no children; an information
 * state key identifies the player's information set (equal keys ⇔ the player cannot tell the
 * states apart), and with perfect recall it determines the player's own past actions.
 */
public interface State {
    int CHANCE = -1;
    int TERMINAL = -4;

    /** The player to act: {@code 0 .. n-1}, {@link #CHANCE} or {@link #TERMINAL}. */
    int currentPlayer();

    default boolean isTerminal() {
        return currentPlayer() == TERMINAL;
    }

    default boolean isChance() {
        return currentPlayer() == CHANCE;
    }

    /** Legal actions in ascending order (chance outcomes' actions at chance nodes); empty at terminals. */
    int[] legalActions();

    /** Outcomes of a chance node with their probabilities. */
    List<ChanceOutcome> chanceOutcomes();

    /** The state after {@code action}. */
    State child(int action);

    /** Payoff of every player at a terminal state (zeros elsewhere). */
    double[] returns();

    /** Key of {@code player}'s information set containing this state. */
    String informationStateKey(int player);

    /** Every action taken so far, chance outcomes included. */
    int[] history();

    /** Human-readable name of {@code action} at this state. */
    String actionToString(int action);
}
