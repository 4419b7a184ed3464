package dev.proxima.core.nn;

import dev.proxima.core.io.StateDict;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small decoder-only transformer language model: learned token and absolute position
 * embeddings, pre-LayerNorm blocks of multi-head causal self-attention and a GELU MLP, a final
 * LayerNorm and an untied linear head (the GPT-2 layout at toy size).
 *
 * <pre>
 *   x_0 = E[tokens] + P[positions]
 *   x   ← x + W_o · attention(LN_1(x))           per block
 *   x   ← x + W_2 · gelu(W_1 · LN_2(x))
 *   h   = LN_f(x)          (the final hidden states)
 *   logits = W_head · h
 * </pre>
 *
 * <p>Two ways to run it: {@link #forward} over whole sequences on a recording {@link Graph}
 * (training, scoring, per-token log-probabilities), and a {@link Decoder} that feeds one token
 * per sequence per call and keeps each layer's keys and values, so that generating a token costs
 * one position's work instead of the whole prefix's. Both compute the same function.
 *
 * <p>Initialisation as GPT-2: weights and embeddings N(0, 0.02²), the two residual output
 * projections of every block scaled by 1/√(2·layers), biases 0, LayerNorm gains 1.
 */
public final class TinyTransformer {
    private static final float LAYER_NORM_EPS = 1e-5f;

    /**
     * Model sizes.
     *
     * @param vocabSize     tokens in the vocabulary
     * @param contextLength the longest sequence (prompt and response) the positions cover
     * @param width         d_model
     * @param layers        transformer blocks
     * @param heads         attention heads (width must divide by it)
     * @param mlpRatio      MLP hidden width as a multiple of d_model
     */
    public record Config(int vocabSize, int contextLength, int width, int layers, int heads, int mlpRatio) {
        public Config {
            Checks.positive(vocabSize, "vocabSize");
            Checks.positive(contextLength, "contextLength");
            Checks.positive(width, "width");
            Checks.positive(layers, "layers");
            Checks.positive(heads, "heads");
            Checks.positive(mlpRatio, "mlpRatio");
            if (width % heads != 0) {
                throw new IllegalArgumentException("width must be a multiple of heads, were " + width + " and " + heads);
            }
        }

        /** The preference spec's model (§0.2): d_model 32, 2 layers, 2 heads, MLP 4×d. */
        public static Config tiny(int vocabSize, int contextLength) {
            return new Config(vocabSize, contextLength, 32, 2, 2, 4);
        }
    }

    /** One pre-LayerNorm block. */
    private record Block(Tensor ln1Gain, Tensor ln1Bias, Linear qkv, Linear attentionOut, Tensor ln2Gain, Tensor ln2Bias,
                         Linear mlpIn, Linear mlpOut) {
        List<Tensor> parameters() {
            List<Tensor> p = new ArrayList<>(List.of(ln1Gain, ln1Bias));
            p.addAll(qkv.parameters());
            p.addAll(attentionOut.parameters());
            p.addAll(List.of(ln2Gain, ln2Bias));
            p.addAll(mlpIn.parameters());
            p.addAll(mlpOut.parameters());
            return p;
        }
    }

    private final Config config;
    private final Tensor tokenEmbedding, positionEmbedding, finalGain, finalBias;
    private final Block[] blocks;
    private final Linear head;
    /** Position ids 0..T−1 repeated per sequence, cached per (batch, time). */
    private int[] positionIds = new int[0];
    private int positionBatch = -1, positionTime = -1;

    public TinyTransformer(Config config, Rng rng) {
        this.config = config;
        int d = config.width(), v = config.vocabSize();
        double residualStd = 0.02 / Math.sqrt(2.0 * config.layers());
        tokenEmbedding = Tensor.parameter(v, d);
        positionEmbedding = Tensor.parameter(config.contextLength(), d);
        Init.normal(tokenEmbedding, 0.02, rng);
        Init.normal(positionEmbedding, 0.02, rng);
        blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            blocks[l] = new Block(ones(d), Tensor.parameter(1, d), normal(d, 3 * d, 0.02, rng),
                    normal(d, d, residualStd, rng), ones(d), Tensor.parameter(1, d),
                    normal(d, config.mlpRatio() * d, 0.02, rng), normal(config.mlpRatio() * d, d, residualStd, rng));
        }
        finalGain = ones(d);
        finalBias = Tensor.parameter(1, d);
        head = normal(d, v, 0.02, rng);
    }

    private static Tensor ones(int n) {
        Tensor t = Tensor.parameter(1, n);
        Init.constant(t, 1f);
        return t;
    }

    private static Linear normal(int in, int out, double std, Rng rng) {
        Linear l = new Linear(in, out);
        Init.normal(l.weight, std, rng);
        return l;
    }

    public Config config() {
        return config;
    }

    /**
     * Teacher-forced forward pass over {@code batch} sequences of {@code time} tokens each,
     * row-major in {@code tokens}; returns {logits {@code [batch·time, vocab]}, final hidden
     * states {@code [batch·time, width]}}. Row {@code b·time + t} predicts token t + 1 of sequence b.
     */
    public Tensor[] forward(Graph g, int[] tokens, int batch, int time) {
        if (time < 1 || time > config.contextLength()) {
            throw new IllegalArgumentException("sequence length must be in [1, " + config.contextLength()
                    + "] (the model's context), was " + time);
        }
        if (tokens.length != batch * time) {
            throw new IllegalArgumentException("tokens must hold batch·time = " + batch * time + " ids, held " + tokens.length);
        }
        checkTokens(tokens);
        Tensor x = g.add(g.embedding(tokenEmbedding, tokens), g.embedding(positionEmbedding, positions(batch, time)));
        for (Block b : blocks) {
            Tensor qkv = b.qkv.forward(g, g.layerNorm(x, b.ln1Gain, b.ln1Bias, LAYER_NORM_EPS));
            x = g.add(x, b.attentionOut.forward(g, g.causalSelfAttention(qkv, batch, time, config.heads())));
            Tensor h = g.gelu(b.mlpIn.forward(g, g.layerNorm(x, b.ln2Gain, b.ln2Bias, LAYER_NORM_EPS)));
            x = g.add(x, b.mlpOut.forward(g, h));
        }
        Tensor hidden = g.layerNorm(x, finalGain, finalBias, LAYER_NORM_EPS);
        return new Tensor[] {head.forward(g, hidden), hidden};
    }

    private int[] positions(int batch, int time) {
        if (batch != positionBatch || time != positionTime) {
            positionIds = new int[batch * time];
            for (int i = 0; i < positionIds.length; i++) positionIds[i] = i % time;
            positionBatch = batch;
            positionTime = time;
        }
        return positionIds;
    }

    private void checkTokens(int[] tokens) {
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= config.vocabSize()) {
                throw new IllegalArgumentException("token id " + tokens[i] + " at index " + i + " is outside the vocabulary [0, "
                        + config.vocabSize() + ")");
            }
        }
    }

    /** Every trainable tensor, in a fixed order (embeddings, blocks, final LayerNorm, head). */
    public List<Tensor> parameters() {
        List<Tensor> p = new ArrayList<>(List.of(tokenEmbedding, positionEmbedding));
        for (Block b : blocks) p.addAll(b.parameters());
        p.addAll(List.of(finalGain, finalBias));
        p.addAll(head.parameters());
        return p;
    }

    public int parameterCount() {
        int n = 0;
        for (Tensor t : parameters()) n += t.size();
        return n;
    }

    /** Copies every parameter from a model of the same configuration (a frozen reference snapshot, say). */
    public void copyFrom(TinyTransformer other) {
        if (!other.config.equals(config)) {
            throw new IllegalArgumentException("cannot copy a model of " + other.config + " into one of " + config);
        }
        List<Tensor> mine = parameters(), theirs = other.parameters();
        for (int i = 0; i < mine.size(); i++) {
            System.arraycopy(theirs.get(i).data, 0, mine.get(i).data, 0, mine.get(i).size());
        }
    }

    /** An independent copy with the same weights. */
    public TinyTransformer snapshot() {
        TinyTransformer copy = new TinyTransformer(config, Rng.of(0));
        copy.copyFrom(this);
        return copy;
    }

    /** Saves under GPT-2-like names: {@code wte}, {@code wpe}, {@code h.L.*}, {@code ln_f}, {@code lm_head}. */
    public void saveState(StateDict out) {
        out.putFloats("wte.weight", tokenEmbedding.data, config.vocabSize(), config.width());
        out.putFloats("wpe.weight", positionEmbedding.data, config.contextLength(), config.width());
        for (int l = 0; l < blocks.length; l++) {
            Block b = blocks[l];
            String p = "h." + l + ".";
            out.putFloats(p + "ln_1.weight", b.ln1Gain.data, config.width());
            out.putFloats(p + "ln_1.bias", b.ln1Bias.data, config.width());
            b.qkv.saveState(out, p + "attn.c_attn");
            b.attentionOut.saveState(out, p + "attn.c_proj");
            out.putFloats(p + "ln_2.weight", b.ln2Gain.data, config.width());
            out.putFloats(p + "ln_2.bias", b.ln2Bias.data, config.width());
            b.mlpIn.saveState(out, p + "mlp.c_fc");
            b.mlpOut.saveState(out, p + "mlp.c_proj");
        }
        out.putFloats("ln_f.weight", finalGain.data, config.width());
        out.putFloats("ln_f.bias", finalBias.data, config.width());
        head.saveState(out, "lm_head");
    }

    /** Loads what {@link #saveState} wrote; shapes must match this model's configuration. */
    public void loadState(StateDict in) {
        in.copyFloatsInto("wte.weight", tokenEmbedding.data);
        in.copyFloatsInto("wpe.weight", positionEmbedding.data);
        for (int l = 0; l < blocks.length; l++) {
            Block b = blocks[l];
            String p = "h." + l + ".";
            in.copyFloatsInto(p + "ln_1.weight", b.ln1Gain.data);
            in.copyFloatsInto(p + "ln_1.bias", b.ln1Bias.data);
            b.qkv.loadState(in, p + "attn.c_attn");
            b.attentionOut.loadState(in, p + "attn.c_proj");
            in.copyFloatsInto(p + "ln_2.weight", b.ln2Gain.data);
            in.copyFloatsInto(p + "ln_2.bias", b.ln2Bias.data);
            b.mlpIn.loadState(in, p + "mlp.c_fc");
            b.mlpOut.loadState(in, p + "mlp.c_proj");
        }
        in.copyFloatsInto("ln_f.weight", finalGain.data);
        in.copyFloatsInto("ln_f.bias", finalBias.data);
        head.loadState(in, "lm_head");
    }

    /** A decoder for {@code batch} sequences generated in lock step. */
    public Decoder decoder(int batch) {
        return new Decoder(batch);
    }

    /**
     * Incremental decoding with a key/value cache. All sequences of the batch advance together:
     * call {@link #step} with position 0, 1, 2, … and one token per sequence each time (a prompt
     * token while the prompt lasts, a sampled token afterwards). Nothing is allocated after the
     * first step. Not thread-safe; one decoder per thread.
     */
    public final class Decoder {
        private final int batch;
        private final float[][] keys, values;
        private final Graph g = Graph.inference();
        private final float[] scores;
        private final int[] positionOfRow;
        private final Tensor[] result = new Tensor[2];
        private int nextPosition;

        private Decoder(int batch) {
            Checks.positive(batch, "batch");
            this.batch = batch;
            int cache = batch * config.contextLength() * config.width();
            keys = new float[config.layers()][cache];
            values = new float[config.layers()][cache];
            scores = new float[config.contextLength()];
            positionOfRow = new int[batch];
        }

        public int batch() {
            return batch;
        }

        /** Forgets the cached prefix; the next step is position 0. */
        public void reset() {
            nextPosition = 0;
        }

        /**
         * Feeds {@code tokens[b]} at position {@code position} (which must be the next one) and
         * returns {logits {@code [batch, vocab]}, final hidden states {@code [batch, width]}} for
         * the next token; both are valid until the next call.
         */
        public Tensor[] step(int[] tokens, int position) {
            if (position != nextPosition) {
                throw new IllegalArgumentException("position must be " + nextPosition + " (positions advance one at a time), was "
                        + position);
            }
            if (position >= config.contextLength()) {
                throw new IllegalArgumentException("position " + position + " is past the model's context of "
                        + config.contextLength() + " tokens");
            }
            if (tokens.length != batch) {
                throw new IllegalArgumentException("one token per sequence: expected " + batch + ", got " + tokens.length);
            }
            checkTokens(tokens);
            nextPosition++;
            Arrays.fill(positionOfRow, position);
            g.reset();
            Tensor x = g.add(g.embedding(tokenEmbedding, tokens), g.embedding(positionEmbedding, positionOfRow));
            int d = config.width(), heads = config.heads(), hd = d / heads, ctx = config.contextLength();
            float scale = (float) (1 / Math.sqrt(hd));
            for (int l = 0; l < blocks.length; l++) {
                Block b = blocks[l];
                Tensor qkv = b.qkv.forward(g, g.layerNorm(x, b.ln1Gain, b.ln1Bias, LAYER_NORM_EPS));
                float[] k = keys[l], v = values[l];
                for (int r = 0; r < batch; r++) {
                    int dst = (r * ctx + position) * d;
                    System.arraycopy(qkv.data, r * 3 * d + d, k, dst, d);
                    System.arraycopy(qkv.data, r * 3 * d + 2 * d, v, dst, d);
                }
                Tensor attended = g.constant(batch, d);
                Arrays.fill(attended.data, 0f);
                for (int r = 0; r < batch; r++) {
                    for (int h = 0; h < heads; h++) {
                        int q = r * 3 * d + h * hd;
                        float max = Float.NEGATIVE_INFINITY;
                        for (int s = 0; s <= position; s++) {
                            int ko = (r * ctx + s) * d + h * hd;
                            float sc = 0;
                            for (int j = 0; j < hd; j++) sc += qkv.data[q + j] * k[ko + j];
                            scores[s] = sc * scale;
                            max = Math.max(max, scores[s]);
                        }
                        float sum = 0;
                        for (int s = 0; s <= position; s++) {
                            scores[s] = (float) Math.exp(scores[s] - max);
                            sum += scores[s];
                        }
                        int out = r * d + h * hd;
                        for (int s = 0; s <= position; s++) {
                            float p = scores[s] / sum;
                            int vo = (r * ctx + s) * d + h * hd;
                            for (int j = 0; j < hd; j++) attended.data[out + j] += p * v[vo + j];
                        }
                    }
                }
                x = g.add(x, b.attentionOut.forward(g, attended));
                Tensor h = g.gelu(b.mlpIn.forward(g, g.layerNorm(x, b.ln2Gain, b.ln2Bias, LAYER_NORM_EPS)));
                x = g.add(x, b.mlpOut.forward(g, h));
            }
            result[1] = g.layerNorm(x, finalGain, finalBias, LAYER_NORM_EPS);
            result[0] = head.forward(g, result[1]);
            return result;
        }
    }
}
