package dev.proxima.prefs.policy;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.SequenceTask;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sequence policy on a {@link TinyTransformer}: batched generation with the key/value-cached
 * decoder, and scoring of whole batches (per-token log-probabilities, entropies, next-token
 * distributions and final hidden states) on a recording graph for the losses.
 *
 * <p>At response positions only the allowed tokens can be produced: the others' logits are set
 * to a large negative value both when sampling and when scoring, so the scored distribution is
 * exactly the one sampled from (at temperature 1) and sums to one over the allowed tokens. The
 * padding token is never allowed in a response.
 */
public final class TransformerPolicy {
    /** Added to the logits of tokens a response may not contain; exp of it is exactly 0 in float. */
    static final float MASKED = -1e9f;

    private final TinyTransformer model;
    private final boolean[] allowed;
    private final Map<Integer, TinyTransformer.Decoder> decoders = new HashMap<>();
    private final Graph inference = Graph.inference();
    private final double[] probs;
    private final int[] order;
    private float[] maskBuffer = new float[0];
    private int[] targetBuffer = new int[0];
    private float[] indicatorBuffer = new float[0];

    /**
     * @param model   the network (shared, not copied)
     * @param allowed tokens a response may contain, or null for every token but padding
     */
    public TransformerPolicy(TinyTransformer model, boolean[] allowed) {
        int v = model.config().vocabSize();
        if (allowed != null && allowed.length != v) {
            throw new IllegalArgumentException("allowed must have one entry per token (" + v + "), had " + allowed.length);
        }
        this.model = model;
        this.allowed = allowed == null ? new boolean[v] : allowed.clone();
        if (allowed == null) {
            java.util.Arrays.fill(this.allowed, true);
        }
        this.allowed[SequenceTask.PAD] = false;
        this.probs = new double[v];
        this.order = new int[v];
    }

    /** A policy over every token but padding. */
    public TransformerPolicy(TinyTransformer model) {
        this(model, null);
    }

    public TinyTransformer model() {
        return model;
    }

    public int vocabularySize() {
        return model.config().vocabSize();
    }

    public int contextLength() {
        return model.config().contextLength();
    }

    /** The tokens a response may contain, one flag per vocabulary token (a copy; padding is never allowed). */
    public boolean[] allowedTokens() {
        return allowed.clone();
    }

    /** A frozen copy (its parameters take no gradient): a reference policy or an old policy. */
    public TransformerPolicy frozenCopy() {
        TinyTransformer copy = model.snapshot();
        for (Tensor p : copy.parameters()) p.requiresGrad(false);
        return new TransformerPolicy(copy, allowed);
    }

    /** Copies the weights of another policy of the same shape into this one. */
    public void copyFrom(TransformerPolicy other) {
        model.copyFrom(other.model);
    }

    /**
     * Samples a response of at most {@code maxNewTokens} tokens for every prompt, all sequences in
     * lock step on one cached decoder; a response stops at its EOS.
     */
    public SequenceBatch generate(List<int[]> prompts, int maxNewTokens, TokenSampling sampling, Rng rng) {
        return generate(prompts, maxNewTokens, sampling, rng, null, 0);
    }

    /**
     * Samples from the per-token geometric mixture of this policy and {@code other}: at every
     * position the logits are {@code (1 − w)·logits_this + w·logits_other} before the sampling
     * settings apply (Nash-MD's mixture as TRL's {@code NashMDTrainer} draws it). The recorded
     * sampling log-probabilities are the mixture's at temperature 1.
     */
    public SequenceBatch generateMixture(TransformerPolicy other, double otherWeight, List<int[]> prompts, int maxNewTokens,
                                         TokenSampling sampling, Rng rng) {
        if (other.vocabularySize() != vocabularySize() || other.contextLength() != contextLength()) {
            throw new IllegalArgumentException("the mixed policies differ in vocabulary or context: " + vocabularySize() + "/"
                    + contextLength() + " and " + other.vocabularySize() + "/" + other.contextLength());
        }
        if (!(otherWeight >= 0 && otherWeight <= 1)) {
            throw new IllegalArgumentException("otherWeight must be in [0, 1], was " + otherWeight);
        }
        return generate(prompts, maxNewTokens, sampling, rng, other, otherWeight);
    }

    private SequenceBatch generate(List<int[]> prompts, int maxNewTokens, TokenSampling sampling, Rng rng,
                                   TransformerPolicy other, double otherWeight) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("generate needs at least one prompt");
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be >= 1, was " + maxNewTokens);
        }
        int longest = 0;
        for (int[] p : prompts) {
            if (p.length == 0) {
                throw new IllegalArgumentException("prompts need at least one token");
            }
            longest = Math.max(longest, p.length);
        }
        int time = longest + maxNewTokens;
        if (time > contextLength()) {
            throw new IllegalArgumentException("a prompt of " + longest + " tokens plus maxNewTokens " + maxNewTokens
                    + " exceeds the model's context of " + contextLength() + " tokens");
        }
        int n = prompts.size(), v = vocabularySize();
        SequenceBatch batch = new SequenceBatch(n, time);
        for (int b = 0; b < n; b++) {
            int[] p = prompts.get(b);
            System.arraycopy(p, 0, batch.tokens, b * time, p.length);
            batch.promptLength[b] = p.length;
        }
        TinyTransformer.Decoder decoder = decoders.computeIfAbsent(n, model::decoder);
        decoder.reset();
        TinyTransformer.Decoder otherDecoder = other == null ? null : other.decoders.computeIfAbsent(n, other.model::decoder);
        if (otherDecoder != null) {
            otherDecoder.reset();
        }
        int[] column = new int[n];
        for (int t = 0; t + 1 < time; t++) {
            boolean pending = false;
            for (int b = 0; b < n; b++) {
                column[b] = batch.tokens[b * time + t];
                pending |= !batch.finished[b];
            }
            if (!pending) {
                break;
            }
            float[] logits = decoder.step(column, t)[0].data;
            if (otherDecoder != null) {
                float[] theirs = otherDecoder.step(column, t)[0].data;
                float w = (float) otherWeight;
                for (int i = 0; i < n * v; i++) logits[i] = (1 - w) * logits[i] + w * theirs[i];
            }
            for (int b = 0; b < n; b++) {
                int next = t + 1;
                if (next < batch.promptLength[b] || batch.finished[b]) {
                    continue;
                }
                if (batch.responseLength[b] == maxNewTokens) {
                    continue; // cut at the length limit: stays unfinished, with no EOS
                }
                int token = sampling.sample(logits, b * v, v, allowed, rng, probs, order);
                batch.tokens[b * time + next] = token;
                batch.samplingLogProbs[b * time + next] = (float) logProbability(logits, b * v, token);
                batch.responseLength[b]++;
                if (token == SequenceTask.EOS) {
                    batch.finished[b] = true;
                }
            }
            boolean done = true;
            for (int b = 0; b < n && done; b++) {
                done = batch.finished[b] || batch.responseLength[b] == maxNewTokens;
            }
            if (done) {
                break;
            }
        }
        return batch;
    }

    /** log softmax at temperature 1 over the allowed tokens, for one row of logits. */
    private double logProbability(float[] logits, int offset, int token) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < allowed.length; j++) if (allowed[j]) max = Math.max(max, logits[offset + j]);
        double sum = 0;
        for (int j = 0; j < allowed.length; j++) if (allowed[j]) sum += Math.exp(logits[offset + j] - max);
        return logits[offset + token] - max - Math.log(sum);
    }

    /**
     * Scores a batch on {@code g}: returns {log π(token_{t+1} | tokens_{≤t}) {@code [B·T, 1]},
     * log π(· | tokens_{≤t}) {@code [B·T, V]}, final hidden states {@code [B·T, d]}}. Rows that do
     * not predict a response token hold unmasked values and must be masked by the caller
     * ({@link SequenceBatch#responseMask()}).
     */
    public Tensor[] score(Graph g, SequenceBatch batch) {
        Tensor[] out = model.forward(g, batch.tokens, batch.size, batch.time);
        int rows = batch.size * batch.time, v = vocabularySize();
        if (maskBuffer.length != rows * v) {
            maskBuffer = new float[rows * v];
            targetBuffer = new int[rows];
        }
        for (int b = 0; b < batch.size; b++) {
            for (int t = 0; t < batch.time; t++) {
                int row = b * batch.time + t;
                boolean response = batch.isResponseRow(b, t);
                for (int j = 0; j < v; j++) maskBuffer[row * v + j] = response && !allowed[j] ? MASKED : 0f;
                targetBuffer[row] = t + 1 < batch.time ? batch.tokens[row + 1] : SequenceTask.PAD;
            }
        }
        Tensor logp = g.logSoftmax(g.add(out[0], g.constant(maskBuffer, 0, rows, v)));
        return new Tensor[] {g.gather(logp, targetBuffer), logp, out[1]};
    }

    /**
     * Sequence log-probabilities {@code Σ_t log π(y_t | x, y_<t)} over each response, on {@code g}
     * ({@code [B, 1]}): the response-masked token log-probabilities summed per sequence (as one
     * product with the sequence indicator), so gradients reach every response token.
     */
    public Tensor sequenceLogProbabilities(Graph g, SequenceBatch batch) {
        int rows = batch.size * batch.time;
        if (indicatorBuffer.length != batch.size * rows) {
            indicatorBuffer = new float[batch.size * rows];
        }
        java.util.Arrays.fill(indicatorBuffer, 0f);
        for (int b = 0; b < batch.size; b++) {
            for (int t = 0; t < batch.time; t++) {
                if (batch.isResponseRow(b, t)) indicatorBuffer[b * rows + b * batch.time + t] = 1f;
            }
        }
        return g.matmul(g.constant(indicatorBuffer, 0, batch.size, rows), score(g, batch)[0]);
    }

    /** Per-row entropy {@code −Σ_j π_j log π_j} of scored next-token distributions, {@code [B·T, 1]}. */
    public static Tensor entropy(Graph g, Tensor logProbabilities) {
        return g.scale(g.rowSum(g.mul(g.exp(logProbabilities), logProbabilities)), -1f);
    }

    /** The per-token log-probabilities of a batch without gradients, {@code [B·T]} (a copy). */
    public float[] tokenLogProbabilities(SequenceBatch batch) {
        inference.reset();
        return score(inference, batch)[0].data.clone();
    }

    /** Sequence log-probabilities {@code Σ_t log π(y_t | x, y_<t)} over each response, {@code [B]}. */
    public double[] sequenceLogProbabilities(SequenceBatch batch) {
        float[] perToken = tokenLogProbabilities(batch);
        double[] out = new double[batch.size];
        for (int b = 0; b < batch.size; b++) {
            for (int t = 0; t < batch.time; t++) if (batch.isResponseRow(b, t)) out[b] += perToken[b * batch.time + t];
        }
        return out;
    }
}
