package dev.proxima.prefs.reward;

import dev.proxima.core.nn.Init;
import dev.proxima.core.nn.Linear;
import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.pref.ResponseSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * A Bradley–Terry reward model (seeds-preference spec §2.15(a)(i)): a scalar score of a prompt
 * and response whose differences give preference probabilities,
 *
 * <pre>
 *   r_φ(x, y) = w · h_φ(x ⊕ y)[last response token] + c
 *   P_φ(y ≻ y' | x) = σ(r_φ(x, y) − r_φ(x, y'))
 * </pre>
 * with h_φ the final hidden states of a {@link TinyTransformer} run over the prompt followed by
 * the response. Only differences of rewards are identified: c never changes a preference and
 * gets no gradient from the Bradley–Terry loss. Trained by {@link RewardModelTrainer}.
 *
 * <p>Not thread-safe (the inference graph is reused).
 */
public final class RewardModel {
    /** Sequences per inference batch; bounds the scratch memory of scoring many responses. */
    private static final int INFERENCE_BATCH = 256;

    private final LastTokenEncoder encoder;
    private final Linear head;
    private final Graph inference = Graph.inference();

    /** A freshly initialised model; {@code rng} fixes the initial weights (the head as the trunk's layers: N(0, 0.02²), bias 0). */
    public RewardModel(TinyTransformer.Config config, Rng rng) {
        this.encoder = new LastTokenEncoder(config, rng);
        this.head = new Linear(config.width(), 1);
        Init.normal(head.weight, 0.02, rng);
    }

    public TinyTransformer.Config config() {
        return encoder.config();
    }

    /** Every trainable tensor (the trunk without its unused language-model head, and the scalar head). */
    public List<Tensor> parameters() {
        List<Tensor> p = encoder.parameters();
        p.addAll(head.parameters());
        return p;
    }

    /** r_φ of every sequence of a batch of prompts and non-empty responses, {@code [B, 1]}, on {@code g}. */
    public Tensor rewards(Graph g, SequenceBatch batch) {
        return head.forward(g, encoder.encode(g, batch));
    }

    /** r_φ(x_i, y_i) for matching lists of prompts and responses, without gradients. */
    public double[] rewards(List<int[]> prompts, List<int[]> responses) {
        if (prompts.size() != responses.size()) {
            throw new IllegalArgumentException("need as many responses as prompts, got " + prompts.size() + " prompts and "
                    + responses.size() + " responses");
        }
        double[] out = new double[prompts.size()];
        for (int from = 0; from < out.length; from += INFERENCE_BATCH) {
            int to = Math.min(out.length, from + INFERENCE_BATCH);
            inference.reset();
            SequenceBatch batch = SequenceBatch.of(prompts.subList(from, to), responses.subList(from, to),
                    config().contextLength());
            float[] r = rewards(inference, batch).data;
            for (int i = from; i < to; i++) out[i] = r[i - from];
        }
        return out;
    }

    /** r_φ(x, y). */
    public double reward(int[] prompt, int[] response) {
        return rewards(List.of(prompt), List.of(response))[0];
    }

    /** r_φ of every response of every prompt of an enumerable task, {@code [prompt][response]}. */
    public double[][] rewardTable(ResponseSpace space) {
        List<int[]> prompts = new ArrayList<>(), responses = new ArrayList<>();
        for (int x = 0; x < space.promptCount(); x++) {
            for (int i = 0; i < space.size(); i++) {
                prompts.add(space.prompt(x));
                responses.add(space.response(i));
            }
        }
        double[] flat = rewards(prompts, responses);
        double[][] table = new double[space.promptCount()][space.size()];
        for (int x = 0; x < table.length; x++) System.arraycopy(flat, x * space.size(), table[x], 0, space.size());
        return table;
    }
}
