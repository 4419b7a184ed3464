package dev.proxima.prefs.tabular;

import dev.proxima.core.util.Checks;

/**
 * A tabular autoregressive policy over fixed-length responses: one softmax over V tokens per
 * prefix, so π(y) = Π_t π(y_t | y_{<t}). With V = 4 and L = 3 there are 21 prefixes and 64
 * responses, small enough to enumerate every expectation exactly (spec §0.2 kind 1, §2.4(b)).
 *
 * <p>Responses are numbered 0..V^L−1 with the first token as the most significant base-V digit.
 * Prefixes are numbered by length, then lexicographically: the empty prefix is 0, prefixes of
 * length d start at (V^d − 1)/(V − 1). Logits are one flat array, prefix-major ({@code prefix·V + v}).
 *
 * <p>Unlike a single-context table, the normaliser of each prefix's softmax is shared by every
 * response through that prefix, so a DPO gradient reaches responses absent from the data.
 * Immutable and thread-safe.
 */
public final class PrefixSoftmax {
    private final int vocab, length, prefixes, responses;

    public PrefixSoftmax(int vocab, int length) {
        Checks.require(vocab >= 2, "vocab must be >= 2, was " + vocab);
        Checks.positive(length, "length");
        this.vocab = vocab;
        this.length = length;
        int p = 0, r = 1;
        for (int d = 0; d < length; d++) {
            p += r;
            r *= vocab;
        }
        this.prefixes = p;
        this.responses = r;
    }

    public int vocab() {
        return vocab;
    }

    public int length() {
        return length;
    }

    /** Number of prefixes (= rows of logits). */
    public int prefixes() {
        return prefixes;
    }

    /** Number of responses V^L. */
    public int responses() {
        return responses;
    }

    /** Number of logits (prefixes·V). */
    public int parameters() {
        return prefixes * vocab;
    }

    /** Token t of response y. */
    public int token(int y, int t) {
        int div = 1;
        for (int i = t + 1; i < length; i++) div *= vocab;
        return (y / div) % vocab;
    }

    /** Index of the prefix y_{<t}. */
    public int prefix(int y, int t) {
        int offset = 0, pow = 1, code = 0;
        for (int d = 0; d < t; d++) {
            offset += pow;
            pow *= vocab;
            code = code * vocab + token(y, d);
        }
        return offset + code;
    }

    /** Per-prefix log-softmax rows of the flat logits. */
    public double[][] rowLogProbs(double[] logits) {
        if (logits.length != parameters()) {
            throw new IllegalArgumentException("logits must have prefixes·vocab = " + parameters() + " entries, had "
                    + logits.length);
        }
        double[][] rows = new double[prefixes][vocab];
        for (int p = 0; p < prefixes; p++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) max = Math.max(max, logits[p * vocab + v]);
            double s = 0;
            for (int v = 0; v < vocab; v++) s += Math.exp(logits[p * vocab + v] - max);
            double lse = max + Math.log(s);
            for (int v = 0; v < vocab; v++) rows[p][v] = logits[p * vocab + v] - lse;
        }
        return rows;
    }

    /** log π(y) for every response. */
    public double[] sequenceLogProbs(double[][] rows) {
        double[] out = new double[responses];
        for (int y = 0; y < responses; y++) {
            double s = 0;
            for (int t = 0; t < length; t++) s += rows[prefix(y, t)][token(y, t)];
            out[y] = s;
        }
        return out;
    }

    /** grad += coef·∇_logits log π(y) = coef·Σ_t (e_{y_t} − π(·|y_{<t})) on the rows of y's prefixes. */
    public void addLogProbGradient(double[][] rows, int y, double coef, double[] grad) {
        for (int t = 0; t < length; t++) {
            int p = prefix(y, t), tok = token(y, t);
            for (int v = 0; v < vocab; v++) grad[p * vocab + v] -= coef * Math.exp(rows[p][v]);
            grad[p * vocab + tok] += coef;
        }
    }
}
