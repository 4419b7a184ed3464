package dev.proxima.prefs.tabular;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import dev.proxima.prefs.loss.PairLoss;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** HyPO against spec §2.4(c) on the coverage-controlled per-prefix toy. */
class HypoTest {
    static final PrefixSoftmax SPACE = new PrefixSoftmax(4, 3);

    /** π_ref logits N(0, 0.3²) with +4 on the first token 0; u ~ U(0,1); 30 pairs sharing token 0, differing at token 2. */
    record Toy(double[] refLogits, double[] u, int[] winners, int[] losers, boolean[] seen) {
        static Toy draw(long seed, boolean deterministicLabels) {
            Rng rng = Rng.of(seed);
            double[] logits = new double[SPACE.parameters()];
            for (int i = 0; i < logits.length; i++) logits[i] = 0.3 * rng.nextGaussian();
            logits[0] += 4; // root prefix, token 0
            double[] u = new double[SPACE.responses()];
            for (int y = 0; y < u.length; y++) u[y] = rng.nextDouble();
            int[] w = new int[30], l = new int[30];
            boolean[] seen = new boolean[u.length];
            Set<Long> used = new HashSet<>();
            for (int k = 0; k < 30; ) {
                int a = rng.nextInt(16), b = rng.nextInt(16); // responses 0..15 start with token 0
                if (SPACE.token(a, 1) == SPACE.token(b, 1)) continue;
                if (!used.add((long) Math.min(a, b) * 64 + Math.max(a, b))) continue;
                boolean aWins = deterministicLabels ? u[a] > u[b] : rng.nextDouble() < PairLoss.sigmoid((u[a] - u[b]) / 0.25);
                w[k] = aWins ? a : b;
                l[k] = aWins ? b : a;
                seen[a] = seen[b] = true;
                k++;
            }
            return new Toy(logits, u, w, l, seen);
        }

        double trueReward(double[] pi) {
            double s = 0;
            for (int y = 0; y < pi.length; y++) s += pi[y] * (seen[y] ? u[y] : -1);
            return s;
        }
    }

    @Test
    void klRegulariserHalvesTheDriftFromTheReference() {
        // §2.4(c) [T]: KL(π‖π_ref) at equal steps: HyPO(λ=0.1) ≤ 0.5 × DPO (spec measured 0.28× at 1500, 0.30× at 4000).
        for (boolean deterministic : new boolean[] {false, true}) {
            for (int seed = 0; seed < 3; seed++) {
                Toy toy = Toy.draw(900 + seed, deterministic);
                Hypo dpo = new Hypo(SPACE, toy.refLogits(), toy.winners(), toy.losers(), Hypo.Config.defaults().withLambda(0));
                Hypo hypo = new Hypo(SPACE, toy.refLogits(), toy.winners(), toy.losers(), Hypo.Config.defaults().withLambda(0.1));
                StringBuilder line = new StringBuilder();
                for (int checkpoint : new int[] {1500, 4000}) {
                    dpo.run(checkpoint - dpo.steps());
                    hypo.run(checkpoint - hypo.steps());
                    double ratio = hypo.klToReference() / dpo.klToReference();
                    assertTrue(ratio <= 0.5, (deterministic ? "deterministic" : "stochastic") + " labels, seed " + seed
                            + ", step " + checkpoint + ": KL ratio " + ratio);
                    line.append(String.format(" step %d: KL HyPO %.3f / DPO %.3f = %.2f×;", checkpoint,
                            hypo.klToReference(), dpo.klToReference(), ratio));
                }
                System.out.printf("HyPO %s labels seed %d:%s true reward HyPO %.3f vs DPO %.3f (report only)%n",
                        deterministic ? "deterministic" : "stochastic", seed, line, toy.trueReward(hypo.sequencePolicy()),
                        toy.trueReward(dpo.sequencePolicy()));
            }
        }
    }

    @Test
    void withDeterministicLabelsDpoKeepsDrifting() {
        // §2.4(c) [T]: KL_DPO(4000) > 1.1 × KL_DPO(1000) (spec measured 1.61×, re-run 1.20–1.70×); HyPO's growth reported.
        for (int seed = 0; seed < 3; seed++) {
            Toy toy = Toy.draw(900 + seed, true);
            Hypo dpo = new Hypo(SPACE, toy.refLogits(), toy.winners(), toy.losers(), Hypo.Config.defaults().withLambda(0));
            Hypo hypo = new Hypo(SPACE, toy.refLogits(), toy.winners(), toy.losers(), Hypo.Config.defaults().withLambda(0.1));
            dpo.run(1000);
            hypo.run(1000);
            double d1 = dpo.klToReference(), h1 = hypo.klToReference();
            dpo.run(3000);
            hypo.run(3000);
            double growth = dpo.klToReference() / d1;
            assertTrue(growth > 1.1, "seed " + seed + ": DPO KL growth 1000→4000 only " + growth);
            System.out.printf("HyPO deterministic labels seed %d: KL growth 1000→4000 DPO %.2f×, HyPO %.2f× (HyPO not gated)%n",
                    seed, growth, hypo.klToReference() / h1);
        }
    }

    @Test
    void leaveOneOutKlGradientIsUnbiasedAndTheSelfIncludingBaselineIsNot() {
        // §2.4(c) [U]: 20k-batch mean within 4 s.e. of the exact ∇KL in every coordinate; without the
        // leave-one-out structure (baseline = mean including the sample) the check must fail.
        Toy toy = Toy.draw(950, false);
        Rng rng = Rng.of(951);
        double[] logits = new double[SPACE.parameters()];
        for (int i = 0; i < logits.length; i++) logits[i] = toy.refLogits()[i] + 0.8 * rng.nextGaussian();
        double[] logRefSeq = SPACE.sequenceLogProbs(SPACE.rowLogProbs(toy.refLogits()));
        double[] exact = Hypo.klGradient(SPACE, logits, logRefSeq);
        int d = logits.length, batches = 20_000, k = Hypo.Config.defaults().samples();
        double[] sum = new double[d], sq = new double[d], cSum = new double[d], cSq = new double[d];
        double[][] rows = SPACE.rowLogProbs(logits);
        double[] logPi = SPACE.sequenceLogProbs(rows), pi = new double[logPi.length];
        for (int y = 0; y < pi.length; y++) pi[y] = Math.exp(logPi[y]);
        Rng control = Rng.of(952);
        for (int b = 0; b < batches; b++) {
            double[] g = Hypo.klGradientEstimate(SPACE, logits, logRefSeq, k, rng);
            double[] c = selfIncludingEstimate(rows, logPi, pi, logRefSeq, k, control);
            for (int i = 0; i < d; i++) {
                sum[i] += g[i];
                sq[i] += g[i] * g[i];
                cSum[i] += c[i];
                cSq[i] += c[i] * c[i];
            }
        }
        double worst = maxZ(sum, sq, exact, batches), worstControl = maxZ(cSum, cSq, exact, batches);
        assertTrue(worst <= 4, "leave-one-out KL gradient misses by " + worst + " s.e.");
        assertTrue(worstControl > 10, "self-including baseline should be rejected, missed by only " + worstControl + " s.e.");
        System.out.printf("HyPO KL gradient, 20k batches of k=2 on 84 logits: leave-one-out max %.2f s.e.; "
                + "self-including baseline %.1f s.e.%n", worst, worstControl);
    }

    private static double[] selfIncludingEstimate(double[][] rows, double[] logPi, double[] pi, double[] logRefSeq, int k,
                                                  Rng rng) {
        int[] ys = new int[k];
        double[] rho = new double[k];
        double mean = 0;
        for (int i = 0; i < k; i++) {
            ys[i] = dev.proxima.prefs.game.Simplex.sample(pi, rng);
            rho[i] = logPi[ys[i]] - logRefSeq[ys[i]];
            mean += rho[i] / k;
        }
        double[] g = new double[SPACE.parameters()];
        for (int i = 0; i < k; i++) SPACE.addLogProbGradient(rows, ys[i], (rho[i] - mean) / k, g);
        return g;
    }

    private static double maxZ(double[] sum, double[] sq, double[] exact, int n) {
        double worst = 0;
        for (int i = 0; i < sum.length; i++) {
            double mu = sum[i] / n, var = (sq[i] / n - mu * mu) * n / (n - 1);
            if (var <= 0) continue; // a coordinate the estimator never moves (it is then exactly 0 in every batch)
            worst = Math.max(worst, Math.abs(mu - exact[i]) / Math.sqrt(var / n));
        }
        return worst;
    }
}
