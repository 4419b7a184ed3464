package dev.proxima.games.search;

import dev.proxima.core.rl.MirrorDescent;
import dev.proxima.core.util.Checks;

/**
 * A per-information-state policy update {@code π'(·|s) = u(π(·|s), q(s, ·), ρ(·|s))}: the rule
 * that a last-iterate learner applies everywhere and that an update-equivalent planner applies at
 * the state it faces (spec §3(a)). {@code magnet} is ignored by rules without one.
 */
@FunctionalInterface
public interface UpdateRule {
    double[] apply(double[] policy, double[] actionValues, double[] magnet);

    /** Mirror descent with KL: {@code π' ∝ π·exp(η q)}; sound in common-payoff games for small η. */
    static UpdateRule mirrorDescent(double stepSize) {
        Checks.positive(stepSize, "stepSize");
        return (pi, q, rho) -> step(pi, q, stepSize, 0, null);
    }

    /** Magnetic mirror descent: {@code π' ∝ (π·ρ^{ηα}·exp(η q))^{1/(1+ηα)}}. */
    static UpdateRule magneticMirrorDescent(double stepSize, double magnetWeight) {
        Checks.positive(stepSize, "stepSize");
        Checks.nonNegative(magnetWeight, "magnetWeight");
        return (pi, q, rho) -> step(pi, q, stepSize, magnetWeight, rho);
    }

    /**
     * Greedy (SPARTA-style) best response to the blueprint: all mass on the best action, ties
     * within 1e-12 broken towards the lowest action index. Not sound.
     */
    static UpdateRule greedy() {
        return (pi, q, rho) -> {
            int best = 0;
            for (int a = 1; a < q.length; a++) {
                if (q[a] > q[best] + 1e-12) {
                    best = a;
                }
            }
            double[] out = new double[q.length];
            out[best] = 1;
            return out;
        };
    }

    private static double[] step(double[] pi, double[] q, double eta, double alpha, double[] rho) {
        int n = pi.length;
        double[] lp = new double[n], lm = alpha == 0 ? null : new double[n], out = new double[n];
        for (int a = 0; a < n; a++) {
            lp[a] = Math.log(pi[a]);
            if (lm != null) {
                lm[a] = Math.log(rho[a]);
            }
        }
        MirrorDescent.tabularStep(lp, q, eta, alpha, lm, out);
        for (int a = 0; a < n; a++) out[a] = Math.exp(out[a]);
        return out;
    }
}
