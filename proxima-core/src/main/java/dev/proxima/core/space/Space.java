package dev.proxima.core.space;

import dev.proxima.core.random.Rng;

/**
 * The set of valid observations or actions of an environment (Gymnasium's {@code Space}).
 *
 * @param <T> element type: {@code Integer} for {@link Discrete}, {@code float[]} for {@link Box}
 */
public sealed interface Space<T> permits Discrete, Box {
    /** A uniformly drawn element (for unbounded Box dimensions: a standard normal draw). */
    T sample(Rng rng);

    /** Whether {@code value} is an element of this space. */
    boolean contains(T value);

    /** Number of scalars in one element once flattened (1 for Discrete). */
    int flatSize();
}
