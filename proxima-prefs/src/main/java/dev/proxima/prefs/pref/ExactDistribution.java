package dev.proxima.prefs.pref;

import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exact response distribution π(y|x) of a sequence policy over every response of every
 * prompt of a {@link ResponseSpace} (seeds-preference spec §0.3).
 *
 * <pre>
 *   log π(y|x) = Σ_t log π(y_t | x, y_&lt;t)       scored for all n = V^L responses of x in one batch
 *   mass(x)    = Σ_y π(y|x)                      1 up to float rounding, since only response tokens are allowed
 *   p(y|x)     = π(y|x) / mass(x)                 the distribution the metrics use
 * </pre>
 * The policy must allow exactly the task's response tokens at response positions; then every
 * response position's softmax runs over the V response tokens only and the masses are 1 but for
 * the float rounding of the per-token log-probabilities (about 1e-7 each). {@link #probabilities}
 * divides that rounding out in double precision, so that identities such as W(π, π) = ½ hold to
 * 1e-15 instead of 1e-7; {@link #mass} keeps the unnormalised total for checks.
 *
 * <p>Immutable; accessors return copies.
 */
public final class ExactDistribution {
    private final double[][] logProbabilities;
    private final double[][] probabilities;
    private final double[] mass;

    private ExactDistribution(double[][] logProbabilities) {
        this.logProbabilities = logProbabilities;
        this.probabilities = new double[logProbabilities.length][];
        this.mass = new double[logProbabilities.length];
        for (int x = 0; x < logProbabilities.length; x++) {
            double[] p = new double[logProbabilities[x].length];
            double total = 0;
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.exp(logProbabilities[x][i]);
                total += p[i];
            }
            for (int i = 0; i < p.length; i++) p[i] /= total;
            probabilities[x] = p;
            mass[x] = total;
        }
    }

    /**
     * Scores every response of every prompt under {@code policy}: one batch of n sequences per
     * prompt, each the prompt followed by one response.
     *
     * @throws IllegalArgumentException if the policy's vocabulary or allowed tokens differ from the task's
     */
    public static ExactDistribution of(TransformerPolicy policy, ResponseSpace space) {
        checkCompatible(policy, space);
        int n = space.size();
        List<int[]> responses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) responses.add(space.response(i));
        double[][] logp = new double[space.promptCount()][];
        for (int x = 0; x < logp.length; x++) {
            List<int[]> prompts = java.util.Collections.nCopies(n, space.prompt(x));
            logp[x] = policy.sequenceLogProbabilities(SequenceBatch.of(prompts, responses, policy.contextLength()));
        }
        return new ExactDistribution(logp);
    }

    /** A distribution given directly as probabilities {@code [prompt][response]}; each row is normalised. */
    public static ExactDistribution ofProbabilities(double[][] probabilities) {
        if (probabilities == null || probabilities.length == 0) {
            throw new IllegalArgumentException("probabilities must have at least one prompt");
        }
        double[][] logp = new double[probabilities.length][];
        for (int x = 0; x < probabilities.length; x++) {
            double[] row = probabilities[x];
            if (row == null || row.length != probabilities[0].length || row.length == 0) {
                throw new IllegalArgumentException("probabilities[" + x + "] must hold " + probabilities[0].length
                        + " entries like row 0, held " + (row == null ? "null" : row.length));
            }
            double total = 0;
            logp[x] = new double[row.length];
            for (int i = 0; i < row.length; i++) {
                if (!(row[i] >= 0) || Double.isInfinite(row[i])) {
                    throw new IllegalArgumentException("probabilities[" + x + "][" + i + "] must be a finite number >= 0, was "
                            + row[i]);
                }
                total += row[i];
                logp[x][i] = Math.log(row[i]);
            }
            if (!(total > 0)) {
                throw new IllegalArgumentException("probabilities[" + x + "] must have a positive sum, was " + total);
            }
        }
        return new ExactDistribution(logp);
    }

    private static void checkCompatible(TransformerPolicy policy, ResponseSpace space) {
        if (policy.vocabularySize() != space.task().vocabularySize()) {
            throw new IllegalArgumentException("policy vocabulary of " + policy.vocabularySize() + " tokens differs from "
                    + space.task().name() + "'s " + space.task().vocabularySize());
        }
        boolean[] allowed = policy.allowedTokens(), expected = space.task().responseTokens();
        if (!Arrays.equals(allowed, expected)) {
            throw new IllegalArgumentException("policy allowed tokens " + ids(allowed) + " must be " + space.task().name()
                    + "'s response tokens " + ids(expected) + " for the distribution to be exact");
        }
        int longestPrompt = 0;
        for (int x = 0; x < space.promptCount(); x++) longestPrompt = Math.max(longestPrompt, space.prompt(x).length);
        if (longestPrompt + space.responseLength() > policy.contextLength()) {
            throw new IllegalArgumentException("a prompt of " + longestPrompt + " tokens and a response of "
                    + space.responseLength() + " exceed the policy's context of " + policy.contextLength());
        }
    }

    private static String ids(boolean[] flags) {
        StringBuilder sb = new StringBuilder("[");
        for (int id = 0; id < flags.length; id++) {
            if (flags[id]) sb.append(sb.length() > 1 ? ", " : "").append(id);
        }
        return sb.append(']').toString();
    }

    public int promptCount() {
        return probabilities.length;
    }

    /** n, the responses per prompt. */
    public int size() {
        return probabilities[0].length;
    }

    /** p(·|x), normalised in double precision (a copy). */
    public double[] probabilities(int x) {
        return row(probabilities, x).clone();
    }

    /** p(y_i | x). */
    public double probability(int x, int i) {
        return row(probabilities, x)[i];
    }

    /** log π(·|x) as scored, before normalisation (a copy). */
    public double[] logProbabilities(int x) {
        return row(logProbabilities, x).clone();
    }

    /** Σ_y π(y|x) as scored: 1 up to float rounding. */
    public double mass(int x) {
        row(probabilities, x);
        return mass[x];
    }

    /** The row of prompt x without a copy, for the metrics' loops. */
    double[] view(int x) {
        return row(probabilities, x);
    }

    private static double[] row(double[][] rows, int x) {
        if (x < 0 || x >= rows.length) {
            throw new IllegalArgumentException("x must be in [0, " + (rows.length - 1) + "], was " + x);
        }
        return rows[x];
    }
}
