package dev.proxima.bandits.policy;

/** Pull counts and running mean rewards per arm, shared by the context-free learners. */
final class ArmStatistics {
    final long[] pulls;
    final double[] means;
    long total;

    ArmStatistics(int arms) {
        if (arms <= 0) {
            throw new IllegalArgumentException("number of actions must be > 0, was " + arms);
        }
        pulls = new long[arms];
        means = new double[arms];
    }

    void add(int arm, double reward) {
        if (arm < 0 || arm >= pulls.length) {
            throw new IllegalArgumentException("action " + arm + " is outside [0, " + pulls.length + ")");
        }
        pulls[arm]++;
        total++;
        means[arm] += (reward - means[arm]) / pulls[arm];
    }

    /** Best arm by mean, lowest index among exact ties. */
    int bestMean() {
        int best = 0;
        for (int a = 1; a < means.length; a++) {
            if (means[a] > means[best]) {
                best = a;
            }
        }
        return best;
    }
}
