package dev.proxima.prefs.reward;

import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.pref.ExactDistribution;
import dev.proxima.prefs.pref.ResponseSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic comparisons from an enumerable preference task, labelled by its judge (the
 * synthetic stand-in for human raters of seeds-preference spec §2.15(b)).
 *
 * <pre>
 *   x ~ uniform over prompts
 *   (y, y') two distinct responses: uniform over ordered pairs, or y ~ π(·|x), y' ~ π(·|x, y' ≠ y)
 *   chosen = y with probability P_x(y ≻ y'), else y'
 * </pre>
 * Identical pairs are excluded because they carry no information for a judge to learn. Drawing
 * y' from π restricted to the other responses is exactly rejection sampling of a second draw
 * until it differs, done by renormalisation so that a nearly deterministic π cannot stall it.
 */
public final class ComparisonSampler {
    /** A sampled pair together with the prompt number and the truth, for evaluation. */
    public record Pair(int x, int y, int yPrime) {}

    private final ResponseSpace space;

    public ComparisonSampler(ResponseSpace space) {
        if (space == null) {
            throw new IllegalArgumentException("space must not be null");
        }
        if (space.size() < 2) {
            throw new IllegalArgumentException(space.task().name() + " has " + space.size()
                    + " response per prompt; comparisons need two distinct ones");
        }
        this.space = space;
    }

    /** {@code count} ordered pairs of distinct responses, prompts and pairs uniform. */
    public List<Pair> uniformPairs(int count, Rng rng) {
        Checks.nonNegative(count, "count");
        int n = space.size();
        List<Pair> pairs = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int x = rng.nextInt(space.promptCount());
            int y = rng.nextInt(n);
            int yPrime = rng.nextInt(n - 1);
            if (yPrime >= y) yPrime++; // uniform over the n − 1 others
            pairs.add(new Pair(x, y, yPrime));
        }
        return pairs;
    }

    /** {@code count} pairs of distinct responses drawn from a policy's exact distribution, prompts uniform. */
    public List<Pair> policyPairs(ExactDistribution policy, int count, Rng rng) {
        Checks.nonNegative(count, "count");
        if (policy.promptCount() != space.promptCount() || policy.size() != space.size()) {
            throw new IllegalArgumentException("policy covers " + policy.promptCount() + " prompts × " + policy.size()
                    + " responses, the task " + space.promptCount() + " × " + space.size());
        }
        List<Pair> pairs = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int x = rng.nextInt(space.promptCount());
            double[] p = policy.probabilities(x);
            int y = draw(p, -1, rng);
            if (p[y] >= 1) {
                throw new IllegalArgumentException("policy puts all its mass on response " + y + " of prompt " + x
                        + ": no distinct second response can be drawn");
            }
            pairs.add(new Pair(x, y, draw(p, y, rng)));
        }
        return pairs;
    }

    /** Labels every pair with one draw from the judge: chosen = y with probability P_x(y ≻ y'). */
    public List<Comparison> label(List<Pair> pairs, Rng rng) {
        List<Comparison> out = new ArrayList<>(pairs.size());
        for (Pair pair : pairs) {
            boolean firstWins = rng.nextDouble() < space.preference(pair.x(), pair.y(), pair.yPrime());
            int chosen = firstWins ? pair.y() : pair.yPrime(), rejected = firstWins ? pair.yPrime() : pair.y();
            out.add(new Comparison(space.prompt(pair.x()), space.response(chosen), space.response(rejected)));
        }
        return out;
    }

    /** {@code count} labelled comparisons of uniform distinct pairs. */
    public List<Comparison> uniform(int count, Rng rng) {
        return label(uniformPairs(count, rng), rng);
    }

    /** Index drawn from p with {@code excluded} (or none, if −1) removed and the rest renormalised. */
    private static int draw(double[] p, int excluded, Rng rng) {
        double total = 0;
        for (int i = 0; i < p.length; i++) if (i != excluded) total += p[i];
        double u = rng.nextDouble() * total, acc = 0;
        int last = -1;
        for (int i = 0; i < p.length; i++) {
            if (i == excluded || p[i] <= 0) continue;
            acc += p[i];
            last = i;
            if (u < acc) return i;
        }
        return last; // u within rounding of the total
    }
}
