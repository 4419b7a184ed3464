package dev.proxima.bandits.ope;

/**
 * A policy-value estimate with its standard error and a normal-approximation confidence interval
 * {@code value ± z·stdError} (z = 1.96 for 95%).
 */
public record Estimate(String estimator, double value, double stdError, double lower, double upper, int n) {
    static Estimate of(String estimator, double value, double stdError, int n) {
        return new Estimate(estimator, value, stdError, value - 1.96 * stdError, value + 1.96 * stdError, n);
    }

    public boolean covers(double truth) {
        return truth >= lower && truth <= upper;
    }
}
