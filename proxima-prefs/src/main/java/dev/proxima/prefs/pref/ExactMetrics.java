package dev.proxima.prefs.pref;

/**
 * Exact comparisons of two policies on an enumerable preference task, by summing over every
 * response (seeds-preference spec §0.4).
 *
 * <pre>
 *   W(π, π') = (1/N_x) Σ_x Σ_{y, y'} π(y|x) · π'(y'|x) · P_x(y ≻ y')          win-rate of π against π'
 *   KL(π ‖ π') = (1/N_x) Σ_x Σ_y π(y|x) · log(π(y|x) / π'(y|x))              prompt-averaged KL
 * </pre>
 * Ties count ½ automatically since P(y ≻ y) = ½, and antisymmetry of P makes W(π, π) = ½ and
 * W(π, π') + W(π', π) = 1. Terms with π(y|x) = 0 contribute 0 to the KL; a response with
 * π(y|x) > 0 = π'(y|x) makes it +∞. Stateless and thread-safe.
 */
public final class ExactMetrics {
    private ExactMetrics() {}

    /** W(π, π') under the task's judge, averaged over prompts. */
    public static double winRate(ExactDistribution pi, ExactDistribution piPrime, ResponseSpace space) {
        checkShapes(pi, piPrime, "piPrime");
        checkShapes(pi, space);
        int n = space.size();
        double total = 0;
        for (int x = 0; x < space.promptCount(); x++) {
            double[] p = pi.view(x), q = piPrime.view(x), table = space.table(x);
            double w = 0;
            for (int i = 0; i < n; i++) {
                double inner = 0;
                for (int j = 0; j < n; j++) inner += table[i * n + j] * q[j];
                w += p[i] * inner;
            }
            total += w;
        }
        return total / space.promptCount();
    }

    /** The per-prompt win-rate Σ_{y,y'} π(y)·π'(y')·P(y ≻ y') for one prompt's distributions and its n × n table. */
    public static double winRate(double[] pi, double[] piPrime, double[][] preference) {
        if (pi.length != piPrime.length || preference.length != pi.length) {
            throw new IllegalArgumentException("pi, piPrime and preference must have one entry per response, had " + pi.length
                    + ", " + piPrime.length + " and " + preference.length);
        }
        double w = 0;
        for (int i = 0; i < pi.length; i++) {
            if (preference[i].length != pi.length) {
                throw new IllegalArgumentException("preference[" + i + "] must hold " + pi.length + " entries, held "
                        + preference[i].length);
            }
            for (int j = 0; j < pi.length; j++) w += pi[i] * piPrime[j] * preference[i][j];
        }
        return w;
    }

    /** KL(π ‖ π') averaged over prompts. */
    public static double klDivergence(ExactDistribution pi, ExactDistribution piPrime) {
        checkShapes(pi, piPrime, "piPrime");
        double total = 0;
        for (int x = 0; x < pi.promptCount(); x++) total += klDivergence(pi.view(x), piPrime.view(x));
        return total / pi.promptCount();
    }

    /** KL(p ‖ q) = Σ p log(p/q) of two distributions over the same responses. */
    public static double klDivergence(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("p and q must have the same length, had " + p.length + " and " + q.length);
        }
        double kl = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) kl += p[i] * (Math.log(p[i]) - Math.log(q[i]));
        }
        return kl;
    }

    private static void checkShapes(ExactDistribution a, ExactDistribution b, String field) {
        if (a.promptCount() != b.promptCount() || a.size() != b.size()) {
            throw new IllegalArgumentException(field + " covers " + b.promptCount() + " prompts × " + b.size()
                    + " responses, the other distribution " + a.promptCount() + " × " + a.size());
        }
    }

    private static void checkShapes(ExactDistribution a, ResponseSpace space) {
        if (a.promptCount() != space.promptCount() || a.size() != space.size()) {
            throw new IllegalArgumentException("the distributions cover " + a.promptCount() + " prompts × " + a.size()
                    + " responses, the space " + space.promptCount() + " × " + space.size());
        }
    }
}
