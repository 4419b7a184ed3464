package dev.proxima.bandits;

import java.util.Arrays;

/**
 * One decision: the chosen action, the probability it was chosen with, and the full probability
 * vector it was sampled from, which off-policy evaluation needs.
 */
public record Decision(int action, double probability, double[] probabilities) {
    public Decision {
        probabilities = probabilities.clone();
        if (action < 0 || action >= probabilities.length) {
            throw new IllegalArgumentException("action " + action + " is outside [0, " + probabilities.length + ")");
        }
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decision d && d.action == action && d.probability == probability
                && Arrays.equals(d.probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * action + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "Decision(action " + action + ", p " + probability + ", " + Arrays.toString(probabilities) + ")";
    }
}
