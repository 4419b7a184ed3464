package dev.proxima.games.search;

import dev.proxima.games.eval.PolicyEvaluation;
import dev.proxima.games.tree.GameTree;
import dev.proxima.games.tree.TabularPolicy;

/**
 * The synchronous learner update: every information set applies the rule to the blueprint's
 * belief-weighted action values, all computed from the blueprint before anything changes. By
 * update equivalence, this is also the joint policy when every player searches at every decision.
 */
public final class LearnerUpdate {
    private LearnerUpdate() {}

    /** The updated joint policy; {@code magnet} may be null for rules without one. */
    public static TabularPolicy apply(GameTree tree, TabularPolicy blueprint, UpdateRule rule, TabularPolicy magnet) {
        double[][] q = PolicyEvaluation.infosetActionValues(tree, blueprint);
        TabularPolicy next = blueprint.copy();
        for (int set = 0; set < tree.numInfosets(); set++) {
            double[] updated = rule.apply(blueprint.at(set), q[set], magnet == null ? null : magnet.at(set));
            System.arraycopy(updated, 0, next.at(set), 0, updated.length);
        }
        return next;
    }

    /**
     * Applies the rule {@code iterations} times, each time from the previous result, flooring
     * probabilities at {@code floor} and renormalising (iterated mirror descent as a learner).
     */
    public static TabularPolicy iterate(GameTree tree, TabularPolicy start, UpdateRule rule, int iterations, double floor) {
        TabularPolicy pi = start.copy();
        for (int i = 0; i < iterations; i++) {
            pi = apply(tree, pi, rule, null);
            for (int set = 0; set < tree.numInfosets(); set++) {
                double[] p = pi.at(set);
                double sum = 0;
                for (int a = 0; a < p.length; a++) {
                    p[a] = Math.max(p[a], floor);
                    sum += p[a];
                }
                for (int a = 0; a < p.length; a++) p[a] /= sum;
            }
        }
        return pi;
    }
}
