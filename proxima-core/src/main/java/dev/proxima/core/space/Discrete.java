package dev.proxima.core.space;

import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;

/**
 * The integers {@code start, ..., start + n - 1} (Gymnasium's {@code Discrete}).
 *
 * @param n     number of elements, at least 1
 * @param start smallest element (Gymnasium's default: 0)
 */
public record Discrete(int n, int start) implements Space<Integer> {
    public Discrete {
        Checks.positive(n, "n");
    }

    public Discrete(int n) {
        this(n, 0);
    }

    @Override
    public Integer sample(Rng rng) {
        return start + rng.nextInt(n);
    }

    @Override
    public boolean contains(Integer value) {
        return value != null && value >= start && value < start + n;
    }

    @Override
    public int flatSize() {
        return 1;
    }
}
