package dev.proxima.prefs.pref;

import dev.proxima.core.seq.PreferenceTask;
import java.util.Arrays;

/**
 * Every response of an enumerable {@link PreferenceTask}, in a fixed order, with the judge's
 * preferences between all of them for every prompt.
 *
 * <p>With the V response tokens sorted by id, u_0 < u_1 < … < u_{V−1}, response number
 * {@code i ∈ [0, V^L)} is the base-V expansion of i with the first position most significant:
 * <pre>
 *   y_t = u_{d_t},   i = Σ_t d_t · V^(L−1−t)
 * </pre>
 * and {@code preference(x)[i·n + j] = P_x(y_i ≻ y_j)}, n = V^L, is tabulated once so that the
 * exact metrics never call the judge again. For the spec's tasks (V = 4, L = 3, 16 prompts) that
 * is 16 tables of 64 × 64.
 *
 * <p>Immutable after construction; the accessors return copies or read-only views, so it is
 * safe to share between threads.
 */
public final class ResponseSpace {
    /** Enumeration stops being exact-and-cheap well before this; it bounds the tables' memory. */
    static final int MAX_RESPONSES = 4096;

    private final PreferenceTask task;
    private final int[] responseTokens;
    private final int length, count;
    private final int[][] responses;
    private final double[][] preferences;

    /** Enumerates the task's responses and tabulates its judge. */
    public ResponseSpace(PreferenceTask task) {
        if (task == null) {
            throw new IllegalArgumentException("task must not be null");
        }
        boolean[] allowed = task.responseTokens();
        if (allowed.length != task.vocabularySize()) {
            throw new IllegalArgumentException(task.name() + ": responseTokens() has " + allowed.length
                    + " flags for a vocabulary of " + task.vocabularySize());
        }
        this.task = task;
        this.responseTokens = tokensOf(allowed);
        this.length = task.responseLength();
        if (responseTokens.length == 0 || length < 1) {
            throw new IllegalArgumentException(task.name() + ": needs at least one response token and responseLength >= 1, had "
                    + responseTokens.length + " and " + length);
        }
        double n = Math.pow(responseTokens.length, length);
        if (n > MAX_RESPONSES) {
            throw new IllegalArgumentException(task.name() + ": " + responseTokens.length + "^" + length + " responses exceed the "
                    + MAX_RESPONSES + " that exact enumeration allows");
        }
        this.count = (int) n;
        this.responses = new int[count][];
        for (int i = 0; i < count; i++) responses[i] = decode(i);
        this.preferences = new double[task.promptCount()][count * count];
        for (int x = 0; x < preferences.length; x++) {
            double[] p = preferences[x];
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < count; j++) p[i * count + j] = task.preference(x, responses[i], responses[j]);
            }
        }
    }

    private static int[] tokensOf(boolean[] allowed) {
        int k = 0;
        for (boolean a : allowed) if (a) k++;
        int[] tokens = new int[k];
        for (int id = 0, i = 0; id < allowed.length; id++) if (allowed[id]) tokens[i++] = id;
        return tokens;
    }

    private int[] decode(int index) {
        int v = responseTokens.length;
        int[] y = new int[length];
        for (int t = length - 1; t >= 0; t--) {
            y[t] = responseTokens[index % v];
            index /= v;
        }
        return y;
    }

    public PreferenceTask task() {
        return task;
    }

    /** n = V^L, the number of responses of every prompt. */
    public int size() {
        return count;
    }

    public int promptCount() {
        return preferences.length;
    }

    /** L. */
    public int responseLength() {
        return length;
    }

    /** The response tokens u_0 < … < u_{V−1} (a copy). */
    public int[] responseTokens() {
        return responseTokens.clone();
    }

    /** Response number i (a copy). */
    public int[] response(int i) {
        checkIndex(i);
        return responses[i].clone();
    }

    /** The number of a response of L response tokens. */
    public int index(int[] y) {
        if (y == null || y.length != length) {
            throw new IllegalArgumentException("y must hold " + length + " tokens, held " + (y == null ? "null" : y.length));
        }
        int index = 0;
        for (int t = 0; t < length; t++) {
            int d = Arrays.binarySearch(responseTokens, y[t]);
            if (d < 0) {
                throw new IllegalArgumentException("y[" + t + "] is token " + y[t] + ", not a response token; allowed: "
                        + Arrays.toString(responseTokens));
            }
            index = index * responseTokens.length + d;
        }
        return index;
    }

    /** The prompt tokens of prompt x. */
    public int[] prompt(int x) {
        checkPrompt(x);
        return task.prompt(x);
    }

    /** P_x(y_i ≻ y_j). */
    public double preference(int x, int i, int j) {
        checkPrompt(x);
        checkIndex(i);
        checkIndex(j);
        return preferences[x][i * count + j];
    }

    /** The n × n table of prompt x, row-major, read-only by convention (not copied: the metrics read it in their inner loop). */
    double[] table(int x) {
        return preferences[x];
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IllegalArgumentException("response index must be in [0, " + (count - 1) + "], was " + i);
        }
    }

    private void checkPrompt(int x) {
        if (x < 0 || x >= preferences.length) {
            throw new IllegalArgumentException("x must be in [0, " + (preferences.length - 1) + "], was " + x);
        }
    }
}
