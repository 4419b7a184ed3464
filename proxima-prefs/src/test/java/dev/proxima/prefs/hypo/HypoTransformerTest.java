package dev.proxima.prefs.hypo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.optim.Optimizer;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.envs.text.Vocabulary;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.dpo.Dpo;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.Training;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.sft.Sft;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Spec §2.4 on the transformer: the partial-coverage toy (responses of 3 tokens over 4, π_ref
 * putting ≈ 95% of its mass on responses that start with token 0, 30 labelled pairs that all start
 * with 0), HyPO against offline DPO on the true reward (u(y) on responses in the data, −1 on the rest).
 */
class HypoTransformerTest {
    static final int V = 4, L = 3, N = 64;
    static final int[] TOKENS = Vocabulary.shared().encode("abcd");
    static final int[] PROMPT = Vocabulary.shared().encode("0");

    static int[] response(int y) {
        return new int[] {TOKENS[y / 16], TOKENS[(y / 4) % 4], TOKENS[y % 4]};
    }

    /** π_ref over the 64 responses from per-prefix logits N(0, 0.3²), +4 on the first token 0. */
    static double[] tabularReference(Rng rng) {
        Map<Integer, double[]> logits = new HashMap<>();
        double[] p = new double[N];
        for (int y = 0; y < N; y++) {
            double logp = 0;
            int prefix = 0; // base-5 code of the prefix (0 = empty)
            for (int t = 0; t < L; t++) {
                double[] row = logits.computeIfAbsent(prefix, k -> {
                    double[] z = new double[V];
                    for (int v = 0; v < V; v++) z[v] = 0.3 * rng.nextGaussian();
                    if (k == 0) z[0] += 4;
                    return z;
                });
                double lse = 0, max = Double.NEGATIVE_INFINITY;
                for (double z : row) max = Math.max(max, z);
                for (double z : row) lse += Math.exp(z - max);
                int v = t == 0 ? y / 16 : t == 1 ? (y / 4) % 4 : y % 4;
                logp += row[v] - max - Math.log(lse);
                prefix = prefix * 5 + v + 1;
            }
            p[y] = Math.exp(logp);
        }
        return p;
    }

    static double[] exact(TransformerPolicy pi) {
        List<int[]> prompts = new ArrayList<>(), responses = new ArrayList<>();
        for (int y = 0; y < N; y++) {
            prompts.add(PROMPT);
            responses.add(response(y));
        }
        double[] logp = pi.sequenceLogProbabilities(SequenceBatch.of(prompts, responses, 40));
        for (int y = 0; y < N; y++) logp[y] = Math.exp(logp[y]);
        return logp;
    }

    @Test
    @Tag("slow")
    void hypoKeepsTheRewardOfDpoWithLessDrift() {
        Rng rng = Rng.of(0);
        double[] ref = tabularReference(rng);
        boolean[] allowed = new boolean[Vocabulary.shared().size()];
        for (int t : TOKENS) allowed[t] = true;
        TransformerPolicy pi0 = new TransformerPolicy(new TinyTransformer(TinyTransformer.Config.tiny(allowed.length, 40), Rng.of(1)),
                allowed);
        // SFT to the tabular reference from its samples.
        Optimizer sft = Training.adam(pi0.model().parameters(), 3e-3, 1.0);
        Graph g = new Graph();
        for (int step = 0; step < 400; step++) {
            List<int[]> prompts = new ArrayList<>(), responses = new ArrayList<>();
            for (int i = 0; i < 128; i++) {
                double u = rng.nextDouble(), c = 0;
                int y = N - 1;
                for (int k = 0; k < N; k++) if ((c += ref[k]) > u) { y = k; break; }
                prompts.add(PROMPT);
                responses.add(response(y));
            }
            g.reset();
            sft.zeroGrad();
            var loss = Sft.loss(g, pi0, SequenceBatch.of(prompts, responses, 40));
            g.backward(loss);
            sft.step();
        }
        double[] start = exact(pi0);
        double startsWithZero = 0;
        for (int y = 0; y < 16; y++) startsWithZero += start[y];
        assertTrue(startsWithZero > 0.85, "the reference puts " + startsWithZero + " on responses starting with token 0");

        // 30 pairs of distinct responses starting with 0 and differing at the second token; deterministic labels by u.
        double[] u = new double[N], reward = new double[N];
        for (int y = 0; y < N; y++) u[y] = rng.nextDouble();
        java.util.Arrays.fill(reward, -1);
        List<Comparison> data = new ArrayList<>();
        while (data.size() < 30) {
            int a = rng.nextInt(16), b = rng.nextInt(16);
            if ((a / 4) == (b / 4)) continue;
            reward[a] = u[a];
            reward[b] = u[b];
            data.add(u[a] >= u[b] ? new Comparison(PROMPT, response(a), response(b)) : new Comparison(PROMPT, response(b), response(a)));
        }
        TransformerPolicy reference = pi0.frozenCopy();
        double[][] results = new double[2][];
        double[] lambdas = {0, Hypo.Config.defaults().lambda()};
        for (int r = 0; r < 2; r++) {
            TransformerPolicy policy = pi0.frozenCopy();
            for (var p : policy.model().parameters()) p.requiresGrad(true);
            Hypo.Learner learner = new Hypo.Learner(Hypo.Config.defaults().withLambda(lambdas[r]), policy, reference, data, 2);
            for (int step = 0; step < 300; step++) learner.step();
            double[] pi = exact(policy);
            double expected = 0, kl = 0;
            for (int y = 0; y < N; y++) {
                expected += pi[y] * reward[y];
                if (pi[y] > 0) kl += pi[y] * Math.log(pi[y] / start[y]);
            }
            results[r] = new double[] {expected, kl};
        }
        System.out.printf("coverage toy: DPO reward %.4f, KL %.4f; HyPO (λ %.2f) reward %.4f, KL %.4f%n", results[0][0], results[0][1],
                lambdas[1], results[1][0], results[1][1]);
        assertTrue(results[1][0] >= results[0][0] - 0.1, "HyPO reward " + results[1][0] + " vs DPO " + results[0][0]);
        assertTrue(results[1][1] < results[0][1], "HyPO drifts less: KL " + results[1][1] + " vs DPO " + results[0][1]);
    }
}
