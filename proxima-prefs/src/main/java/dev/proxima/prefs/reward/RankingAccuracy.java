package dev.proxima.prefs.reward;

import dev.proxima.prefs.pref.ResponseSpace;
import java.util.List;

/**
 * Held-out accuracy of a learned judge against the task's true judge (seeds-preference spec
 * §2.15(c)): the fraction of pairs (x, y, y') on which the learned judge ranks higher the
 * response that is truly more likely to win, i.e. y when P_x(y ≻ y') > ½.
 *
 * <pre>
 *   accuracy = (1/|D|) Σ_{(x,y,y') ∈ D} [ sign(m(x, y, y')) = sign(P_x(y ≻ y') − ½) ],   D = pairs with P ≠ ½
 * </pre>
 * m is the learned margin: r_φ(x, y) − r_φ(x, y') for a reward model, P_φ(y ≻ y') − ½ for a
 * preference model. Pairs the true judge calls even (P = ½: no response is more likely to win)
 * are left out and counted in {@link Result#ties()}; a margin of exactly 0 counts ½. The score is
 * measured against the truth, not against sampled labels, so it can reach 1 while a label-based
 * accuracy could not exceed the judge's own consistency.
 */
public final class RankingAccuracy {
    private RankingAccuracy() {}

    /**
     * @param accuracy fraction ranked as the true judge does, over the pairs it does not call even
     * @param counted  pairs scored
     * @param ties     pairs left out because P = ½
     */
    public record Result(double accuracy, int counted, int ties) {}

    /** Accuracy of given margins, one per pair. */
    public static Result of(double[] margins, List<ComparisonSampler.Pair> pairs, ResponseSpace space) {
        if (margins.length != pairs.size()) {
            throw new IllegalArgumentException("need one margin per pair, got " + margins.length + " for " + pairs.size());
        }
        double correct = 0;
        int counted = 0, ties = 0;
        for (int k = 0; k < margins.length; k++) {
            ComparisonSampler.Pair pair = pairs.get(k);
            double truth = space.preference(pair.x(), pair.y(), pair.yPrime()) - 0.5;
            if (truth == 0) {
                ties++;
                continue;
            }
            counted++;
            if (margins[k] == 0) {
                correct += 0.5;
            } else if ((margins[k] > 0) == (truth > 0)) {
                correct += 1;
            }
        }
        return new Result(counted == 0 ? Double.NaN : correct / counted, counted, ties);
    }

    /** Accuracy of a reward model: margin r_φ(x, y) − r_φ(x, y'). */
    public static Result of(RewardModel model, List<ComparisonSampler.Pair> pairs, ResponseSpace space) {
        double[][] r = model.rewardTable(space);
        double[] margins = new double[pairs.size()];
        for (int k = 0; k < margins.length; k++) {
            ComparisonSampler.Pair p = pairs.get(k);
            margins[k] = r[p.x()][p.y()] - r[p.x()][p.yPrime()];
        }
        return of(margins, pairs, space);
    }

    /** Accuracy of a pairwise preference model: margin P_φ(y ≻ y' | x) − ½. */
    public static Result of(PairwisePreferenceModel model, List<ComparisonSampler.Pair> pairs, ResponseSpace space) {
        List<int[]> prompts = new java.util.ArrayList<>(), first = new java.util.ArrayList<>(), second = new java.util.ArrayList<>();
        for (ComparisonSampler.Pair p : pairs) {
            prompts.add(space.prompt(p.x()));
            first.add(space.response(p.y()));
            second.add(space.response(p.yPrime()));
        }
        double[] probabilities = model.probabilities(prompts, first, second);
        double[] margins = new double[probabilities.length];
        for (int k = 0; k < margins.length; k++) margins[k] = probabilities[k] - 0.5;
        return of(margins, pairs, space);
    }
}
