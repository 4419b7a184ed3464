package dev.proxima.prefs.reward;

import dev.proxima.core.nn.Init;
import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.prefs.policy.SequenceBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * A pairwise preference model (the optional variant of seeds-preference spec §2.15(a)(i)): a
 * judge of two responses at once, which unlike a reward model can represent intransitive
 * preferences such as {@code PREF-CYCLIC}'s.
 *
 * <pre>
 *   f = h_φ(x ⊕ y)[last token],   f' = h_φ(x ⊕ y')[last token]          one trunk, both responses
 *   d_φ(x, y, y') = w·(f − f') + fᵀ (B − Bᵀ) f'
 *   P_φ(y ≻ y' | x) = σ(d_φ(x, y, y'))
 * </pre>
 * The linear term alone is a Bradley–Terry reward model (r = w·f); the bilinear term with the
 * skew-symmetric matrix B − Bᵀ adds comparisons no single score explains (a rotation in feature
 * space can rank three responses in a cycle). Both terms change sign when y and y' are swapped,
 * so the model is antisymmetric by construction: P_φ(y ≻ y') + P_φ(y' ≻ y) = 1 and
 * P_φ(y ≻ y) = ½ for every φ, as a judge must be (spec §0.1), and it has no bias for whichever
 * response is listed first. This is the skew-symmetric form of Zhang et al. (2024), "General
 * Preference Modeling with Preference Representations", arXiv:2410.02197, on one trunk.
 *
 * <h2>Departures</h2>
 * <ol>
 *   <li>The responses are encoded separately instead of as one concatenated sequence
 *       x ⊕ y ⊕ separator ⊕ y'. We built that design first, made antisymmetric as
 *       (z(x, y, y') − z(x, y', y))/2: its order-sensitive features start near zero, and on
 *       {@code PREF-BT} with 2,000 comparisons it left the ln 2 plateau on two data seeds (held-out
 *       ranking accuracy 0.90 and 0.81) but stayed on it on a third (0.49).</li>
 * </ol>
 *
 * <p>Not thread-safe (the inference graph is reused).
 */
public final class PairwisePreferenceModel {
    private static final int INFERENCE_BATCH = 128;

    private final LastTokenEncoder encoder;
    private final Tensor w, b;
    private final Graph inference = Graph.inference();
    private int[] firstRows = new int[0], secondRows = new int[0];

    /** A freshly initialised model; {@code rng} fixes the initial weights (w and B as the trunk's layers: N(0, 0.02²)). */
    public PairwisePreferenceModel(TinyTransformer.Config config, Rng rng) {
        this.encoder = new LastTokenEncoder(config, rng);
        int d = config.width();
        this.w = Tensor.parameter(d, 1);
        this.b = Tensor.parameter(d, d);
        Init.normal(w, 0.02, rng);
        Init.normal(b, 0.02, rng);
    }

    public TinyTransformer.Config config() {
        return encoder.config();
    }

    /** The trunk without its unused language-model head, then w and B. */
    public List<Tensor> parameters() {
        List<Tensor> p = encoder.parameters();
        p.add(w);
        p.add(b);
        return p;
    }

    /** d_φ(x_i, y_i, y'_i) of every pair, {@code [N, 1]} on {@code g}; P_φ = σ(d_φ). */
    public Tensor logits(Graph g, List<int[]> prompts, List<int[]> first, List<int[]> second) {
        int n = prompts.size();
        if (first.size() != n || second.size() != n || n == 0) {
            throw new IllegalArgumentException("need as many first and second responses as prompts (at least one), got "
                    + n + ", " + first.size() + " and " + second.size());
        }
        List<int[]> allPrompts = new ArrayList<>(2 * n), responses = new ArrayList<>(2 * n);
        allPrompts.addAll(prompts);
        allPrompts.addAll(prompts);
        responses.addAll(first);
        responses.addAll(second);
        Tensor features = encoder.encode(g, SequenceBatch.of(allPrompts, responses, config().contextLength()));
        if (firstRows.length != n) {
            firstRows = new int[n];
            secondRows = new int[n];
            for (int i = 0; i < n; i++) {
                firstRows[i] = i;
                secondRows[i] = n + i;
            }
        }
        Tensor f = g.embedding(features, firstRows), fPrime = g.embedding(features, secondRows);
        Tensor linear = g.matmul(g.sub(f, fPrime), w);
        Tensor fSkew = g.sub(g.matmul(f, b), g.matmulTransB(f, b)); // f·(B − Bᵀ)
        return g.add(linear, g.rowSum(g.mul(fSkew, fPrime)));
    }

    /** P_φ(y_i ≻ y'_i | x_i) of every pair, without gradients. */
    public double[] probabilities(List<int[]> prompts, List<int[]> first, List<int[]> second) {
        double[] out = new double[prompts.size()];
        for (int from = 0; from < out.length; from += INFERENCE_BATCH) {
            int to = Math.min(out.length, from + INFERENCE_BATCH);
            inference.reset();
            float[] d = logits(inference, prompts.subList(from, to), first.subList(from, to), second.subList(from, to)).data;
            for (int i = from; i < to; i++) out[i] = sigmoid(d[i - from]);
        }
        return out;
    }

    /** P_φ(y ≻ y' | x). */
    public double probability(int[] prompt, int[] y, int[] yPrime) {
        return probabilities(List.of(prompt), List.of(y), List.of(yPrime))[0];
    }

    private static double sigmoid(double z) {
        if (z >= 0) return 1 / (1 + Math.exp(-z));
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
