package dev.proxima.prefs.pref;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.PreferenceTask;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.envs.text.BradleyTerryPreferences;
import dev.proxima.envs.text.CyclicPreferences;
import dev.proxima.prefs.policy.TransformerPolicy;
import org.junit.jupiter.api.Test;

class ExactEnumerationTest {
    /** A seeded transformer with its weights spread so that π is far from uniform. */
    static TransformerPolicy policy(int vocab, boolean[] allowed, long seed, double spread) {
        TinyTransformer model = new TinyTransformer(TinyTransformer.Config.tiny(vocab, 16), Rng.of(seed));
        Rng rng = Rng.of(seed + 1000);
        for (Tensor p : model.parameters()) for (int i = 0; i < p.size(); i++) p.data[i] += (float) (spread * rng.nextGaussian());
        return new TransformerPolicy(model, allowed);
    }

    /** Two prompts ({1} and {2, 4}), response tokens {3, 5}, L = 2, and a fixed intransitive judge. */
    static final class TinyTask implements PreferenceTask {
        // P over the responses 33, 35, 53, 55 (index order): antisymmetric, ½ on the diagonal.
        static final double[][] P = {
                {0.5, 0.8, 0.3, 0.6},
                {0.2, 0.5, 0.9, 0.4},
                {0.7, 0.1, 0.5, 0.35},
                {0.4, 0.6, 0.65, 0.5}};

        @Override public String name() { return "TINY"; }
        @Override public int vocabularySize() { return 6; }
        @Override public int promptCount() { return 2; }
        @Override public int[] prompt(int x) { return x == 0 ? new int[] {1} : new int[] {2, 4}; }
        @Override public int responseLength() { return 2; }
        @Override public boolean[] responseTokens() { return new boolean[] {false, false, false, true, false, true}; }

        @Override
        public double preference(int x, int[] y, int[] yPrime) {
            double p = P[(y[0] == 5 ? 2 : 0) + (y[1] == 5 ? 1 : 0)][(yPrime[0] == 5 ? 2 : 0) + (yPrime[1] == 5 ? 1 : 0)];
            return x == 0 ? p : 1 - p; // the second prompt reverses every preference
        }
    }

    @Test
    void responsesAreNumberedInBaseVWithTheFirstPositionMostSignificant() {
        ResponseSpace space = new ResponseSpace(BradleyTerryPreferences.standard());
        assertEquals(64, space.size());
        assertEquals(16, space.promptCount());
        int[] u = space.responseTokens();
        assertEquals(4, u.length);
        assertArrayEquals(new int[] {u[0], u[0], u[0]}, space.response(0));
        assertArrayEquals(new int[] {u[1], u[2], u[3]}, space.response(16 + 2 * 4 + 3));
        for (int i = 0; i < 64; i++) assertEquals(i, space.index(space.response(i)));
        assertEquals(BradleyTerryPreferences.standard().preference(5, space.response(7), space.response(40)),
                space.preference(5, 7, 40), 0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> space.index(new int[] {u[0], 2, u[0]}));
        assertTrue(e.getMessage().contains("y[1] is token 2, not a response token"), e.getMessage());
    }

    @Test
    void theEnumeratedDistributionSumsToOneForEveryPrompt() {
        for (PreferenceTask task : new PreferenceTask[] {BradleyTerryPreferences.standard(), CyclicPreferences.standard()}) {
            ResponseSpace space = new ResponseSpace(task);
            ExactDistribution pi = ExactDistribution.of(policy(task.vocabularySize(), task.responseTokens(), 3, 0.3), space);
            double maxP = 0;
            for (int x = 0; x < 16; x++) {
                assertEquals(1.0, pi.mass(x), 1e-5, "raw mass, prompt " + x);
                for (double p : pi.probabilities(x)) maxP = Math.max(maxP, p);
            }
            assertTrue(maxP > 3.0 / 64, "the test policy is not uniform (max " + maxP + ")");
        }
    }

    @Test
    void theEnumeratedDistributionIsTheProductOfTheNextTokenSoftmaxes() {
        TinyTask task = new TinyTask();
        TransformerPolicy pi = policy(6, task.responseTokens(), 5, 0.4);
        ExactDistribution exact = ExactDistribution.of(pi, new ResponseSpace(task));
        int[][] responses = {{3, 3}, {3, 5}, {5, 3}, {5, 5}};
        Graph g = Graph.inference();
        for (int x = 0; x < 2; x++) {
            int[] prompt = task.prompt(x);
            for (int i = 0; i < 4; i++) {
                int[] tokens = new int[prompt.length + 2];
                System.arraycopy(prompt, 0, tokens, 0, prompt.length);
                tokens[prompt.length] = responses[i][0];
                tokens[prompt.length + 1] = responses[i][1];
                g.reset();
                float[] logits = pi.model().forward(g, tokens, 1, tokens.length)[0].data;
                // Softmax over the two allowed tokens only, at the rows predicting each response token.
                double logp = 0;
                for (int t = 0; t < 2; t++) {
                    int row = (prompt.length - 1 + t) * 6;
                    double a = logits[row + 3], b = logits[row + 5], chosen = responses[i][t] == 3 ? a : b;
                    logp += chosen - Math.log(Math.exp(a) + Math.exp(b));
                }
                assertEquals(logp, exact.logProbabilities(x)[i], 1e-5, "x " + x + " response " + i);
            }
        }
    }

    @Test
    void aPolicyWinsHalfAgainstItselfAndWinRatesAreComplementary() {
        for (PreferenceTask task : new PreferenceTask[] {BradleyTerryPreferences.standard(), CyclicPreferences.standard()}) {
            ResponseSpace space = new ResponseSpace(task);
            ExactDistribution a = ExactDistribution.of(policy(task.vocabularySize(), task.responseTokens(), 7, 0.3), space);
            ExactDistribution b = ExactDistribution.of(policy(task.vocabularySize(), task.responseTokens(), 8, 0.3), space);
            assertEquals(0.5, ExactMetrics.winRate(a, a, space), 1e-6);
            assertEquals(1.0, ExactMetrics.winRate(a, b, space) + ExactMetrics.winRate(b, a, space), 1e-9);
            assertEquals(0.0, ExactMetrics.klDivergence(a, a), 1e-12);
            assertTrue(ExactMetrics.klDivergence(a, b) > 1e-3);
        }
    }

    @Test
    void winRateAndKlMatchSumsWorkedByHand() {
        // One prompt: π = (.3, .7), π' = (.6, .4), P(0 ≻ 1) = .8:
        // W = .3·.6·.5 + .3·.4·.8 + .7·.6·.2 + .7·.4·.5 = .09 + .096 + .084 + .14 = .41.
        double[][] p2 = {{0.5, 0.8}, {0.2, 0.5}};
        assertEquals(0.41, ExactMetrics.winRate(new double[] {0.3, 0.7}, new double[] {0.6, 0.4}, p2), 1e-15);
        // KL = .3·ln(.3/.6) + .7·ln(.7/.4) = −0.2079442 + 0.3917311.
        assertEquals(0.1837869, ExactMetrics.klDivergence(new double[] {0.3, 0.7}, new double[] {0.6, 0.4}), 1e-7);

        // The tiny task, with distributions given directly: prompt 0 uses P, prompt 1 uses 1 − P.
        TinyTask task = new TinyTask();
        ResponseSpace space = new ResponseSpace(task);
        double[][] pi = {{0.1, 0.2, 0.3, 0.4}, {0.25, 0.25, 0.25, 0.25}};
        double[][] ref = {{0.4, 0.3, 0.2, 0.1}, {0.7, 0.1, 0.1, 0.1}};
        // Prompt 0: Σ_i π_i (P·ref)_i with P·ref = (.56, .45, .445, .52) → .056 + .09 + .1335 + .208 = .4875.
        // Prompt 1: (1 − P)·ref = (.48, .68, .415, .545), averaged by the uniform π → .53.
        double expected = (0.4875 + 0.53) / 2;
        assertEquals(expected, ExactMetrics.winRate(ExactDistribution.ofProbabilities(pi), ExactDistribution.ofProbabilities(ref),
                space), 1e-12);
        double kl0 = ExactMetrics.klDivergence(pi[0], ref[0]), kl1 = ExactMetrics.klDivergence(pi[1], ref[1]);
        assertEquals((kl0 + kl1) / 2, ExactMetrics.klDivergence(ExactDistribution.ofProbabilities(pi),
                ExactDistribution.ofProbabilities(ref)), 1e-15);
        assertEquals(0.4564348, kl0, 1e-7); // .1 ln .25 + .2 ln(2/3) + .3 ln 1.5 + .4 ln 4
    }

    @Test
    void refusesAPolicyThatDoesNotAllowExactlyTheResponseTokens() {
        PreferenceTask task = BradleyTerryPreferences.standard();
        ResponseSpace space = new ResponseSpace(task);
        var e = assertThrows(IllegalArgumentException.class,
                () -> ExactDistribution.of(policy(task.vocabularySize(), null, 1, 0), space));
        assertTrue(e.getMessage().contains("allowed tokens") && e.getMessage().contains("PREF-BT's response tokens"),
                e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> ExactDistribution.of(policy(12, null, 1, 0), space));
        assertTrue(f.getMessage().contains("vocabulary of 12 tokens"), f.getMessage());
        var h = assertThrows(IllegalArgumentException.class,
                () -> ExactDistribution.ofProbabilities(new double[][] {{0.5, -0.1}}));
        assertTrue(h.getMessage().contains("probabilities[0][1] must be a finite number >= 0, was -0.1"), h.getMessage());
    }
}
