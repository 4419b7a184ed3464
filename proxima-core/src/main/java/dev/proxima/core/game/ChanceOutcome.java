package dev.proxima.core.game;

/** One outcome of a chance node: its action and probability. */
public record ChanceOutcome(int action, double probability) {
    public ChanceOutcome {
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("chance probability must be in (0, 1], was " + probability);
        }
    }
}
