package dev.proxima.bandits.ope;

import java.util.List;
import java.util.function.Function;

/**
 * Off-policy estimators of a target policy's value from logs of another policy (Dudík, Langford,
 * Li 2011, "Doubly Robust Policy Evaluation and Learning"). With importance weights
 * {@code w_i = π(a_i|x_i) / p_i}:
 * <pre>
 *   IPS   = mean_i  w_i·r_i
 *   SNIPS = Σ w_i r_i / Σ w_i                                   (self-normalised; delta-method error)
 *   DM    = mean_i  Σ_a π(a|x_i)·q̂(x_i, a)
 *   DR    = mean_i [ Σ_a π(a|x_i)·q̂(x_i, a) + w_i·(r_i − q̂(x_i, a_i)) ]
 * </pre>
 * Standard errors are the sample standard deviation of the per-decision terms over √n (for DM this
 * ignores the reward model's own estimation error, so its interval is optimistic). The reward
 * model q̂ is supplied by the caller, e.g. {@link RidgeRewardModel} fitted on a separate log split.
 */
public final class OffPolicyEstimators {
    private OffPolicyEstimators() {}

    /** A target policy: its probability vector for a context. */
    @FunctionalInterface
    public interface Target {
        double[] probabilities(double[] context);
    }

    /** A reward model q̂(x, a). */
    @FunctionalInterface
    public interface RewardModel {
        double predict(double[] context, int action);
    }

    public static Estimate ips(List<LoggedDecision> log, Target target) {
        return mean("ips", log, d -> weight(d, target) * d.reward());
    }

    public static Estimate snips(List<LoggedDecision> log, Target target) {
        requireNonEmpty(log);
        int n = log.size();
        double sw = 0, swr = 0;
        double[] w = new double[n], r = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = weight(log.get(i), target);
            r[i] = log.get(i).reward();
            sw += w[i];
            swr += w[i] * r[i];
        }
        if (sw == 0) {
            throw new IllegalArgumentException("snips: the target policy gives zero probability to every logged action");
        }
        double v = swr / sw, meanW = sw / n, var = 0;
        for (int i = 0; i < n; i++) {
            double term = w[i] * (r[i] - v) / meanW; // influence function of the ratio estimator
            var += term * term;
        }
        return Estimate.of("snips", v, Math.sqrt(var / (n - 1.0)) / Math.sqrt(n), n);
    }

    public static Estimate directMethod(List<LoggedDecision> log, Target target, RewardModel model) {
        return mean("dm", log, d -> modelValue(d, target, model));
    }

    public static Estimate doublyRobust(List<LoggedDecision> log, Target target, RewardModel model) {
        return mean("dr", log, d -> modelValue(d, target, model)
                + weight(d, target) * (d.reward() - model.predict(d.context(), d.action())));
    }

    /** π(a_i|x_i) / p_i, checking the target's probability vector fits the logged action set. */
    static double weight(LoggedDecision d, Target target) {
        double[] pi = target.probabilities(d.context());
        if (pi.length != d.numActions()) {
            throw new IllegalArgumentException("target policy: gives " + pi.length + " probabilities for a log with "
                    + d.numActions() + " actions");
        }
        return pi[d.action()] / d.propensity();
    }

    private static double modelValue(LoggedDecision d, Target target, RewardModel model) {
        double[] pi = target.probabilities(d.context());
        double v = 0;
        for (int a = 0; a < pi.length; a++) {
            if (pi[a] > 0) {
                v += pi[a] * model.predict(d.context(), a);
            }
        }
        return v;
    }

    private static Estimate mean(String name, List<LoggedDecision> log, Function<LoggedDecision, Double> term) {
        requireNonEmpty(log);
        int n = log.size();
        double sum = 0, sumSq = 0;
        for (LoggedDecision d : log) {
            double t = term.apply(d);
            sum += t;
            sumSq += t * t;
        }
        double mean = sum / n;
        double var = n > 1 ? Math.max(0, (sumSq - n * mean * mean) / (n - 1)) : 0;
        return Estimate.of(name, mean, Math.sqrt(var / n), n);
    }

    private static void requireNonEmpty(List<LoggedDecision> log) {
        if (log.isEmpty()) {
            throw new IllegalArgumentException("log: no decisions to evaluate");
        }
    }
}
