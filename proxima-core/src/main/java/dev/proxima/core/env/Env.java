package dev.proxima.core.env;

import dev.proxima.core.space.Space;

/**
 * A reinforcement-learning environment with Gymnasium's contract.
 *
 * <ul>
 *   <li>{@link #reset(long)} seeds the environment's own generator and starts an episode;
 *       {@link #reset()} starts a new episode continuing that generator's stream.</li>
 *   <li>{@link #step} returns the next observation, the reward, and two separate end flags:
 *       {@code terminated} (a terminal state of the MDP: do not bootstrap) and {@code truncated}
 *       (cut short, e.g. by a time limit: bootstrap from the final observation).</li>
 *   <li>Stepping after an episode ended, or before the first reset, throws
 *       {@link IllegalStateException}.</li>
 * </ul>
 *
 * @param <O> observation type ({@code float[]} for Box observation spaces)
 * @param <A> action type ({@code Integer} for Discrete, {@code float[]} for Box)
 */
public interface Env<O, A> extends AutoCloseable {
    Space<O> observationSpace();

    Space<A> actionSpace();

    /** Seeds the environment's generator with {@code seed} and starts an episode. */
    Reset<O> reset(long seed);

    /** Starts an episode, continuing the generator seeded by the last {@link #reset(long)}. */
    Reset<O> reset();

    /** Advances one step. The action must be an element of {@link #actionSpace()}. */
    Step<O> step(A action);

    /** Identifier such as {@code CartPole-v1}. */
    String id();

    @Override
    default void close() {}
}
