package dev.proxima.prefs.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.SequenceTask;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.envs.text.Addition;
import dev.proxima.prefs.sft.Sft;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformerPolicyTest {
    private static TransformerPolicy policy(long seed, boolean[] allowed) {
        TinyTransformer model = new TinyTransformer(TinyTransformer.Config.tiny(29, 40), Rng.of(seed));
        // Spread the logits beyond the near-uniform initialisation so the checks below see real differences.
        Rng rng = Rng.of(seed + 100);
        for (Tensor p : model.parameters()) for (int i = 0; i < p.size(); i++) p.data[i] += (float) (0.2 * rng.nextGaussian());
        return new TransformerPolicy(model, allowed);
    }

    @Test
    void theLogProbabilitiesRecordedWhileSamplingAreTheScoredOnes() {
        TransformerPolicy pi = policy(1, null);
        List<int[]> prompts = List.of(new int[] {3, 4, 12, 5, 16}, new int[] {7, 16}, new int[] {2, 9, 9, 12, 4, 4, 16});
        SequenceBatch batch = pi.generate(prompts, 8, TokenSampling.standard(), Rng.of(2));
        float[] scored = pi.tokenLogProbabilities(batch);
        int checked = 0;
        for (int b = 0; b < batch.size; b++) {
            assertTrue(batch.responseLength[b] >= 1);
            for (int t = 0; t < batch.time; t++) {
                if (batch.isResponseRow(b, t)) {
                    assertEquals(batch.samplingLogProbs[b * batch.time + t + 1], scored[b * batch.time + t], 1e-4);
                    assertTrue(batch.tokens[b * batch.time + t + 1] != SequenceTask.PAD, "padding is never generated");
                    checked++;
                }
            }
        }
        assertEquals(batch.responseTokens(), checked);
    }

    /** The spec's 64-response space (§0.3): 4 allowed tokens, 3 positions, no EOS; enumerated probabilities sum to 1. */
    @Test
    void enumeratedSequenceProbabilitiesSumToOneOverTheAllowedSpace() {
        boolean[] allowed = new boolean[29];
        for (int v = 2; v < 6; v++) allowed[v] = true;
        TransformerPolicy pi = policy(3, allowed);
        List<int[]> prompts = new ArrayList<>(), responses = new ArrayList<>();
        for (int y = 0; y < 64; y++) {
            prompts.add(new int[] {20});
            responses.add(new int[] {2 + y / 16, 2 + (y / 4) % 4, 2 + y % 4});
        }
        double[] logp = pi.sequenceLogProbabilities(SequenceBatch.of(prompts, responses, 40));
        double total = 0;
        for (double l : logp) total += Math.exp(l);
        assertEquals(1.0, total, 1e-5);
        // Sampling draws from the same distribution: the frequency of one response matches its probability.
        int target = 0;
        for (int y = 1; y < 64; y++) if (logp[y] > logp[target]) target = y;
        int hits = 0, draws = 4000;
        Rng rng = Rng.of(4);
        for (int i = 0; i < draws / 100; i++) {
            List<int[]> batchPrompts = new ArrayList<>();
            for (int j = 0; j < 100; j++) batchPrompts.add(new int[] {20});
            SequenceBatch s = pi.generate(batchPrompts, 3, TokenSampling.standard(), rng);
            for (int j = 0; j < 100; j++) {
                int[] r = s.response(j);
                if (((r[0] - 2) * 16 + (r[1] - 2) * 4 + (r[2] - 2)) == target) hits++;
            }
        }
        double p = Math.exp(logp[target]), se = Math.sqrt(p * (1 - p) / draws);
        assertEquals(p, (double) hits / draws, 4 * se);
    }

    @Test
    void entropyOfAScoredRowIsThatOfItsDistribution() {
        TransformerPolicy pi = policy(5, null);
        SequenceBatch batch = SequenceBatch.of(List.of(new int[] {2, 3}), List.of(new int[] {4, 1}), 40);
        Graph g = new Graph();
        Tensor[] scored = pi.score(g, batch);
        Tensor h = TransformerPolicy.entropy(g, scored[1]);
        double expected = 0;
        for (int j = 0; j < 29; j++) {
            double lp = scored[1].data[j];
            expected -= Math.exp(lp) * lp;
        }
        assertEquals(expected, h.data[0], 1e-4);
    }

    @Test
    void sftTeachesOneDigitAdditionWithGreedyDecoding() {
        Addition add = new Addition(1, -1);
        TransformerPolicy pi = new TransformerPolicy(new TinyTransformer(TinyTransformer.Config.tiny(29, 40), Rng.of(6)));
        double before = Evaluation.greedyPassAt1(pi, add, add.heldOut(7), 7);
        double loss = Sft.train(pi, add, Sft.Config.defaults(600), Rng.of(7));
        double after = Evaluation.greedyPassAt1(pi, add, add.heldOut(7), 7);
        assertEquals(0, before, 0.15);
        assertTrue(loss < 0.2, "training loss " + loss);
        assertTrue(after >= 6 / 7.0, "held-out pass@1 " + after);

        // Sampled pass@k (n = 16, temperature 1): pass@1 is the fraction of correct samples and pass@16
        // the fraction of problems with at least one, recounted here from the same random stream.
        List<SequenceTask.Problem> problems = add.heldOut(7);
        double[] passAtK = Evaluation.sampledPassAtK(pi, add, problems, 16, new int[] {1, 4, 16}, Rng.of(8));
        List<int[]> prompts = new ArrayList<>();
        for (SequenceTask.Problem p : problems) for (int i = 0; i < 16; i++) prompts.add(p.prompt());
        SequenceBatch again = pi.generate(prompts, add.maxResponseLength(), TokenSampling.standard(), Rng.of(8));
        int correct = 0, solved = 0;
        for (int b = 0; b < problems.size(); b++) {
            int c = 0;
            for (int i = 0; i < 16; i++) {
                int row = b * 16 + i;
                if (add.reward(problems.get(b), again.response(row), again.responseLength[row]) == 1) c++;
            }
            correct += c;
            if (c > 0) solved++;
        }
        assertEquals(correct / (7 * 16.0), passAtK[0], 1e-12);
        assertEquals(solved / 7.0, passAtK[2], 1e-12);
        assertTrue(passAtK[0] <= passAtK[1] && passAtK[1] <= passAtK[2], java.util.Arrays.toString(passAtK));
        assertTrue(passAtK[0] > 0.5 && passAtK[0] < 1, "sampled pass@1 " + passAtK[0]);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.sampledPassAtK(pi, add, problems, 16, new int[] {17}, Rng.of(8)));
        assertTrue(e.getMessage().contains("k must be in [1, samples=16]"), e.getMessage());
    }

    @Test
    void badInputIsRefusedByName() {
        TransformerPolicy pi = policy(8, null);
        var e = assertThrows(IllegalArgumentException.class,
                () -> pi.generate(List.of(new int[35]), 8, TokenSampling.standard(), Rng.of(1)));
        assertTrue(e.getMessage().contains("context"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SequenceBatch.of(List.of(new int[] {2}), List.of(new int[40]), 40));
        assertTrue(e.getMessage().contains("sequence 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TransformerPolicy(pi.model(), new boolean[5]));
        assertTrue(e.getMessage().contains("allowed"), e.getMessage());
    }
}
