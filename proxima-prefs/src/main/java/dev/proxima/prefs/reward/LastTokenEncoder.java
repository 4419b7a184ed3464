package dev.proxima.prefs.reward;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.prefs.policy.SequenceBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TinyTransformer} trunk read at the last token of each sequence: the final hidden
 * state (after the last LayerNorm) at the position of the sequence's last token, the only
 * position that has attended to the whole sequence under causal attention. The trunk's
 * language-model head is unused and left out of the parameters.
 */
final class LastTokenEncoder {
    private final TinyTransformer trunk;
    private int[] lastRows = new int[0];

    LastTokenEncoder(TinyTransformer.Config config, Rng rng) {
        this.trunk = new TinyTransformer(config, rng);
    }

    TinyTransformer.Config config() {
        return trunk.config();
    }

    int width() {
        return trunk.config().width();
    }

    /** {@code [B, d]}: row b is the hidden state at {@code b·T + promptLength + responseLength − 1}. */
    Tensor encode(Graph g, SequenceBatch batch) {
        for (int b = 0; b < batch.size; b++) {
            if (batch.responseLength[b] == 0) {
                throw new IllegalArgumentException("response " + b + " is empty; it is read at its last token");
            }
        }
        Tensor hidden = trunk.forward(g, batch.tokens, batch.size, batch.time)[1];
        if (lastRows.length != batch.size) {
            lastRows = new int[batch.size];
        }
        for (int b = 0; b < batch.size; b++) {
            lastRows[b] = b * batch.time + batch.promptLength[b] + batch.responseLength[b] - 1;
        }
        // An embedding lookup on the hidden states selects rows and sends the gradient back to exactly those rows.
        return g.embedding(hidden, lastRows);
    }

    /** The trunk's parameters except its unused language-model head (a new list). */
    List<Tensor> parameters() {
        List<Tensor> all = trunk.parameters();
        return new ArrayList<>(all.subList(0, all.size() - 2));
    }
}
