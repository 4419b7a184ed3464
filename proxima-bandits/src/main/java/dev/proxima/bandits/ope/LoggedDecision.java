package dev.proxima.bandits.ope;

import java.util.Arrays;

/**
 * One logged bandit decision in the shape off-policy evaluation needs (and the decision service
 * writes): the context, the chosen action, the probability it was chosen with, the full probability
 * vector of the logging policy, and the observed reward.
 *
 * <p>Validation: the probability vector sums to 1 (within 1e-6), the logged propensity is positive
 * and equals the vector's entry for the chosen action (within 1e-9).
 */
public record LoggedDecision(double[] context, int action, double propensity, double[] probabilities, double reward) {
    public LoggedDecision {
        context = context.clone();
        probabilities = probabilities.clone();
        if (probabilities.length == 0) {
            throw new IllegalArgumentException("probabilities: the action set is empty");
        }
        if (action < 0 || action >= probabilities.length) {
            throw new IllegalArgumentException("action: " + action + " is outside [0, " + probabilities.length + ")");
        }
        double sum = 0;
        for (double p : probabilities) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probabilities: " + Arrays.toString(probabilities)
                        + " has an entry outside [0, 1]");
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("probabilities: " + Arrays.toString(probabilities) + " sum to " + sum
                    + "; allowed: a probability vector summing to 1");
        }
        if (!(propensity > 0 && propensity <= 1)) {
            throw new IllegalArgumentException("propensity: " + propensity + " is not allowed; allowed: (0, 1] "
                    + "(a zero propensity means the logged action could not have been chosen)");
        }
        if (Math.abs(propensity - probabilities[action]) > 1e-9) {
            throw new IllegalArgumentException("propensity: " + propensity + " differs from probabilities[" + action
                    + "] = " + probabilities[action]);
        }
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("reward: must be finite, was " + reward);
        }
    }

    public int numActions() {
        return probabilities.length;
    }

    @Override
    public double[] context() {
        return context.clone();
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoggedDecision d && d.action == action && d.propensity == propensity && d.reward == reward
                && Arrays.equals(d.context, context) && Arrays.equals(d.probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(context) * 31 + action;
    }
}
