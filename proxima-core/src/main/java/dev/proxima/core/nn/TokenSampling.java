package dev.proxima.core.nn;

import dev.proxima.core.random.Rng;

/**
 * How a language model's next token is drawn from its logits, in the order Hugging Face's
 * {@code generate} applies the same settings: divide by the temperature, keep the smallest set
 * of most likely tokens whose mass reaches {@code topP} (nucleus sampling), then drop tokens
 * whose probability is below {@code minP} times the most likely one's. Temperature 0 is greedy
 * decoding (the first most likely token).
 *
 * @param temperature ≥ 0 (0: greedy)
 * @param topP        in (0, 1]; 1 keeps every token
 * @param minP        in [0, 1); 0 keeps every token
 */
public record TokenSampling(double temperature, double topP, double minP) {
    public TokenSampling {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite value >= 0, was " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], was " + topP);
        }
        if (!(minP >= 0 && minP < 1)) {
            throw new IllegalArgumentException("minP must be in [0, 1), was " + minP);
        }
    }

    /** Plain sampling at temperature 1. */
    public static TokenSampling standard() {
        return new TokenSampling(1, 1, 0);
    }

    /** Sampling at the given temperature with no filtering. */
    public static TokenSampling atTemperature(double temperature) {
        return new TokenSampling(temperature, 1, 0);
    }

    /** Greedy decoding. */
    public static TokenSampling greedy() {
        return new TokenSampling(0, 1, 0);
    }

    /**
     * Draws one token id from {@code logits[offset, offset + vocab)}.
     *
     * @param allowed  tokens that may be drawn, or null for all (the others get probability 0)
     * @param probs    scratch of at least {@code vocab} entries; holds the final distribution afterwards
     * @param order    scratch of at least {@code vocab} entries
     */
    public int sample(float[] logits, int offset, int vocab, boolean[] allowed, Rng rng, double[] probs, int[] order) {
        int best = -1;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < vocab; j++) {
            if ((allowed == null || allowed[j]) && logits[offset + j] > max) {
                max = logits[offset + j];
                best = j;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("no token is allowed (or every allowed logit is -inf)");
        }
        if (temperature == 0) {
            java.util.Arrays.fill(probs, 0, vocab, 0);
            probs[best] = 1;
            return best;
        }
        double sum = 0;
        for (int j = 0; j < vocab; j++) {
            boolean ok = allowed == null || allowed[j];
            probs[j] = ok ? Math.exp((logits[offset + j] - max) / temperature) : 0;
            sum += probs[j];
        }
        for (int j = 0; j < vocab; j++) probs[j] /= sum;
        if (topP < 1) {
            keepNucleus(probs, vocab, order);
        }
        if (minP > 0) {
            double floor = minP * probs[best];
            double kept = 0;
            for (int j = 0; j < vocab; j++) {
                if (probs[j] < floor) probs[j] = 0;
                kept += probs[j];
            }
            for (int j = 0; j < vocab; j++) probs[j] /= kept;
        }
        double u = rng.nextDouble(), c = 0;
        int last = best;
        for (int j = 0; j < vocab; j++) {
            if (probs[j] > 0) {
                c += probs[j];
                last = j;
                if (u < c) {
                    return j;
                }
            }
        }
        return last; // u fell in the rounding gap above the cumulative sum
    }

    /** Zeroes every token outside the smallest most-likely set whose mass reaches topP, then renormalises. */
    private void keepNucleus(double[] probs, int vocab, int[] order) {
        for (int j = 0; j < vocab; j++) order[j] = j;
        // Insertion sort, most likely first (vocabularies here are tens of tokens); ties keep id order.
        for (int i = 1; i < vocab; i++) {
            int id = order[i], k = i - 1;
            while (k >= 0 && probs[order[k]] < probs[id]) {
                order[k + 1] = order[k];
                k--;
            }
            order[k + 1] = id;
        }
        double mass = 0;
        int keep = 0;
        while (keep < vocab && (keep == 0 || mass < topP)) {
            mass += probs[order[keep++]];
        }
        for (int i = keep; i < vocab; i++) probs[order[i]] = 0;
        for (int i = 0; i < keep; i++) probs[order[i]] /= mass;
    }
}
