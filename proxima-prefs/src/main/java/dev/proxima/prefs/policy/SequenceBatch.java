package dev.proxima.prefs.policy;

import dev.proxima.core.seq.SequenceTask;
import java.util.Arrays;
import java.util.List;

/**
 * Prompt-plus-response sequences of one batch, right-padded with {@link SequenceTask#PAD} to a
 * common length T (padding after a sequence never affects it: attention is causal).
 *
 * <p>Row {@code b·T + t} of a scored batch predicts token t + 1 of sequence b; a row belongs to
 * the response when that token does (see {@link #responseMask()}), which is the §0.1 rule that
 * only response tokens (a generated EOS included) enter a loss.
 */
public final class SequenceBatch {
    public final int size, time;
    /** Tokens, {@code [size·time]} row-major. */
    public final int[] tokens;
    public final int[] promptLength, responseLength;
    /** Whether the response ended with EOS (false: cut at the length limit). */
    public final boolean[] finished;
    /**
     * Log-probability of every generated token under the sampling policy at temperature 1, at
     * the token's own position ({@code [size·time]}, 0 elsewhere); filled by generation.
     */
    public final float[] samplingLogProbs;

    public SequenceBatch(int size, int time) {
        if (size < 1 || time < 2) {
            throw new IllegalArgumentException("a batch needs size >= 1 and time >= 2, were " + size + " and " + time);
        }
        this.size = size;
        this.time = time;
        this.tokens = new int[size * time];
        this.promptLength = new int[size];
        this.responseLength = new int[size];
        this.finished = new boolean[size];
        this.samplingLogProbs = new float[size * time];
    }

    /**
     * Teacher-forcing batch of given prompts and responses (e.g. SFT data or preference pairs).
     *
     * @param maxTime the model's context; a longer sequence is refused with its index
     */
    public static SequenceBatch of(List<int[]> prompts, List<int[]> responses, int maxTime) {
        if (prompts.size() != responses.size() || prompts.isEmpty()) {
            throw new IllegalArgumentException("need as many responses as prompts (at least one), got " + prompts.size()
                    + " prompts and " + responses.size() + " responses");
        }
        int time = 2;
        for (int b = 0; b < prompts.size(); b++) {
            int length = prompts.get(b).length + responses.get(b).length;
            if (prompts.get(b).length == 0 || length > maxTime) {
                throw new IllegalArgumentException("sequence " + b + " has a prompt of " + prompts.get(b).length
                        + " and a response of " + responses.get(b).length + " tokens; prompts need >= 1 token and the two"
                        + " together must fit the context of " + maxTime);
            }
            time = Math.max(time, length);
        }
        SequenceBatch batch = new SequenceBatch(prompts.size(), time);
        for (int b = 0; b < prompts.size(); b++) {
            int[] p = prompts.get(b), r = responses.get(b);
            System.arraycopy(p, 0, batch.tokens, b * time, p.length);
            System.arraycopy(r, 0, batch.tokens, b * time + p.length, r.length);
            batch.promptLength[b] = p.length;
            batch.responseLength[b] = r.length;
            batch.finished[b] = r.length > 0 && r[r.length - 1] == SequenceTask.EOS;
        }
        return batch;
    }

    /** The response tokens of sequence b. */
    public int[] response(int b) {
        int from = b * time + promptLength[b];
        return Arrays.copyOfRange(tokens, from, from + responseLength[b]);
    }

    /** The prompt tokens of sequence b. */
    public int[] prompt(int b) {
        return Arrays.copyOfRange(tokens, b * time, b * time + promptLength[b]);
    }

    /** Whether prediction row {@code b·T + t} predicts a response token. */
    public boolean isResponseRow(int b, int t) {
        int next = t + 1;
        return next >= promptLength[b] && next < promptLength[b] + responseLength[b];
    }

    /** 1 on rows that predict response tokens, 0 elsewhere, {@code [size·time]}. */
    public float[] responseMask() {
        float[] m = new float[size * time];
        for (int b = 0; b < size; b++) {
            for (int t = 0; t < time; t++) m[b * time + t] = isResponseRow(b, t) ? 1f : 0f;
        }
        return m;
    }

    /** Response tokens in the whole batch. */
    public int responseTokens() {
        int n = 0;
        for (int r : responseLength) n += r;
        return n;
    }
}
