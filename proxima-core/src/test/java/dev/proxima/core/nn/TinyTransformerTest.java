package dev.proxima.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.io.StateDict;
import dev.proxima.core.optim.Optimizer;
import dev.proxima.core.optim.Optimizers;
import dev.proxima.core.optim.Schedule;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TinyTransformerTest {
    private static final TinyTransformer.Config TINY = TinyTransformer.Config.tiny(32, 40);

    private static int[] randomTokens(int n, int vocab, long seed) {
        Rng rng = Rng.of(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = rng.nextInt(vocab);
        return t;
    }

    @Test
    void theSpecModelHasAboutThirtyThousandParameters() {
        // embeddings 1,024 + 1,280; per block 12,704 (LN 64, qkv 3,168, proj 1,056, LN 64, MLP 4,224 + 4,128); LN_f 64; head 1,056.
        assertEquals(28_832, new TinyTransformer(TINY, Rng.of(1)).parameterCount());
    }

    @Test
    void theCachedDecoderComputesWhatTheFullForwardPassComputes() {
        TinyTransformer model = new TinyTransformer(TINY, Rng.of(2));
        int batch = 3, time = 12, vocab = TINY.vocabSize();
        int[] tokens = randomTokens(batch * time, vocab, 3);
        Tensor[] full = model.forward(new Graph(), tokens, batch, time);
        TinyTransformer.Decoder decoder = model.decoder(batch);
        int[] column = new int[batch];
        for (int t = 0; t < time; t++) {
            for (int b = 0; b < batch; b++) column[b] = tokens[b * time + t];
            Tensor[] step = decoder.step(column, t);
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < vocab; j++) {
                    assertEquals(full[0].data[(b * time + t) * vocab + j], step[0].data[b * vocab + j], 1e-5,
                            "logit " + j + " of sequence " + b + " at position " + t);
                }
                for (int j = 0; j < TINY.width(); j++) {
                    assertEquals(full[1].data[(b * time + t) * TINY.width() + j], step[1].data[b * TINY.width() + j], 1e-5);
                }
            }
        }
        decoder.reset();
        for (int b = 0; b < batch; b++) column[b] = tokens[b * time];
        assertEquals(full[0].data[0], decoder.step(column, 0)[0].data[0], 1e-5, "reset starts again at position 0");
    }

    @Test
    void aLaterTokenNeverChangesAnEarlierPrediction() {
        TinyTransformer model = new TinyTransformer(TINY, Rng.of(4));
        int time = 10, vocab = TINY.vocabSize();
        int[] a = randomTokens(time, vocab, 5), b = a.clone();
        b[6] = (a[6] + 1) % vocab;
        float[] la = model.forward(new Graph(), a, 1, time)[0].data.clone();
        float[] lb = model.forward(new Graph(), b, 1, time)[0].data.clone();
        assertArrayEquals(Arrays.copyOf(la, 6 * vocab), Arrays.copyOf(lb, 6 * vocab), 0f);
        assertTrue(Math.abs(la[6 * vocab] - lb[6 * vocab]) > 1e-6, "position 6 sees its own token");
    }

    /** Central differences of the mean next-token loss against backpropagation, on a sample of every parameter tensor. */
    @Test
    void gradientsMatchFiniteDifferences() {
        TinyTransformer.Config small = new TinyTransformer.Config(7, 6, 8, 2, 2, 2);
        TinyTransformer model = new TinyTransformer(small, Rng.of(6));
        // Larger weights than the 0.02 initialisation, so every path carries a visible gradient.
        Rng rng = Rng.of(7);
        for (Tensor p : model.parameters()) for (int i = 0; i < p.size(); i++) p.data[i] += (float) (0.3 * rng.nextGaussian());
        int batch = 2, time = 6;
        int[] tokens = randomTokens(batch * time, small.vocabSize(), 8);
        Graph g = new Graph();
        Tensor loss = nextTokenLoss(model, g, tokens, batch, time);
        g.backward(loss);
        int checked = 0;
        for (Tensor p : model.parameters()) {
            for (int i = 0; i < p.size(); i += Math.max(1, p.size() / 3)) {
                float saved = p.data[i];
                double h = 1e-2;
                p.data[i] = (float) (saved + h);
                double up = nextTokenLoss(model, new Graph(), tokens, batch, time).item();
                p.data[i] = (float) (saved - h);
                double down = nextTokenLoss(model, new Graph(), tokens, batch, time).item();
                p.data[i] = saved;
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, p.grad()[i], 3e-3 + 3e-2 * Math.abs(numeric), "parameter " + p.shape() + "[" + i + "]");
                checked++;
            }
        }
        assertTrue(checked > 50);
    }

    /** Mean cross-entropy of predicting token t+1 from the prefix up to t. */
    private static Tensor nextTokenLoss(TinyTransformer model, Graph g, int[] tokens, int batch, int time) {
        Tensor logp = g.logSoftmax(model.forward(g, tokens, batch, time)[0]);
        int rows = batch * (time - 1);
        int[] target = new int[batch * time];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) target[b * time + t] = t + 1 < time ? tokens[b * time + t + 1] : 0;
        }
        Tensor picked = g.gather(logp, target);
        float[] mask = new float[batch * time];
        for (int b = 0; b < batch; b++) for (int t = 0; t + 1 < time; t++) mask[b * time + t] = 1f / rows;
        return g.scale(g.sum(g.mul(picked, g.constant(mask, 0, batch * time, 1))), -1f);
    }

    @Test
    void itLearnsToContinueAFixedSequence() {
        TinyTransformer model = new TinyTransformer(TINY, Rng.of(9));
        int time = 20;
        int[] tokens = new int[time];
        for (int t = 0; t < time; t++) tokens[t] = (3 * t + 1) % TINY.vocabSize();
        Optimizer adam = new Optimizer(model.parameters(), Optimizers.scaleByAdam(0.9, 0.999, 1e-8),
                Optimizers.scaleByLearningRate(Schedule.constant(3e-3)));
        Graph g = new Graph();
        double first = 0, last = 0;
        for (int step = 0; step < 150; step++) {
            g.reset();
            adam.zeroGrad();
            Tensor loss = nextTokenLoss(model, g, tokens, 1, time);
            g.backward(loss);
            adam.step();
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        assertTrue(first > 3, "starts near log(32) = 3.47: " + first);
        assertTrue(last < 0.05, "memorised: " + last);
    }

    @Test
    void weightsSurviveASaveAndLoad() {
        TinyTransformer a = new TinyTransformer(TINY, Rng.of(10)), b = new TinyTransformer(TINY, Rng.of(11));
        StateDict state = new StateDict();
        a.saveState(state);
        b.loadState(state);
        int[] tokens = randomTokens(8, TINY.vocabSize(), 12);
        assertArrayEquals(a.forward(new Graph(), tokens, 1, 8)[0].data, b.forward(new Graph(), tokens, 1, 8)[0].data, 0f);
        TinyTransformer c = a.snapshot();
        assertArrayEquals(a.forward(new Graph(), tokens, 1, 8)[0].data, c.forward(new Graph(), tokens, 1, 8)[0].data, 0f);
    }

    @Test
    void badInputIsRefusedByName() {
        TinyTransformer model = new TinyTransformer(TINY, Rng.of(13));
        var e = assertThrows(IllegalArgumentException.class, () -> model.forward(new Graph(), new int[] {1, 40}, 1, 2));
        assertTrue(e.getMessage().contains("token id 40"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.forward(new Graph(), new int[41], 1, 41));
        assertTrue(e.getMessage().contains("context"), e.getMessage());
        TinyTransformer.Decoder d = model.decoder(1);
        e = assertThrows(IllegalArgumentException.class, () -> d.step(new int[] {0}, 1));
        assertTrue(e.getMessage().contains("position must be 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TinyTransformer.Config(32, 40, 30, 2, 4, 4));
        assertTrue(e.getMessage().contains("heads"), e.getMessage());
    }
}
