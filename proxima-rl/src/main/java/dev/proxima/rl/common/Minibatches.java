package dev.proxima.rl.common;

import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;

/**
 * Shuffled minibatch indices over a rollout and gathering of rollout rows into graph constants;
 * allocation-free after construction.
 */
public final class Minibatches {
    private final int[] order;
    private final int[] batchIndex;
    private final int[] batchActions;

    public Minibatches(int size, int minibatchSize) {
        this.order = new int[size];
        this.batchIndex = new int[minibatchSize];
        this.batchActions = new int[minibatchSize];
    }

    /**
     * A fresh random order: Fisher–Yates from the identity, so the order depends only on the
     * generator's state (which checkpoints save) and not on earlier shuffles.
     */
    public void shuffle(Rng rng) {
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Selects minibatch {@code b}: the indices {@code order[b·size .. (b+1)·size)}. */
    public int[] select(int b) {
        System.arraycopy(order, b * batchIndex.length, batchIndex, 0, batchIndex.length);
        return batchIndex;
    }

    /** Rows {@code source[i·width .. (i+1)·width)} for the selected indices, as a graph constant. */
    public Tensor rows(Graph g, float[] source, int width) {
        Tensor t = g.constant(batchIndex.length, width);
        for (int r = 0; r < batchIndex.length; r++) {
            System.arraycopy(source, batchIndex[r] * width, t.data, r * width, width);
        }
        return t;
    }

    /** The selected discrete actions (a reused array). */
    public int[] actions(int[] source) {
        for (int r = 0; r < batchIndex.length; r++) batchActions[r] = source[batchIndex[r]];
        return batchActions;
    }

    public int minibatchSize() {
        return batchIndex.length;
    }
}
