package dev.proxima.prefs.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.envs.text.BradleyTerryPreferences;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.loss.PairLoss;
import dev.proxima.prefs.pref.ExactDistribution;
import dev.proxima.prefs.pref.ResponseSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RewardModelTest {
    static final TinyTransformer.Config MODEL = TinyTransformer.Config.tiny(29, 16);
    static final ResponseSpace SPACE = new ResponseSpace(BradleyTerryPreferences.standard());

    /** A model with weights spread beyond the near-zero initial head, so values differ visibly. */
    static RewardModel spreadRewardModel(long seed) {
        RewardModel rm = new RewardModel(MODEL, Rng.of(seed));
        Rng rng = Rng.of(seed + 1);
        for (Tensor p : rm.parameters()) for (int i = 0; i < p.size(); i++) p.data[i] += (float) (0.2 * rng.nextGaussian());
        return rm;
    }

    static PairwisePreferenceModel spreadPreferenceModel(long seed) {
        PairwisePreferenceModel pm = new PairwisePreferenceModel(MODEL, Rng.of(seed));
        Rng rng = Rng.of(seed + 1);
        for (Tensor p : pm.parameters()) for (int i = 0; i < p.size(); i++) p.data[i] += (float) (0.2 * rng.nextGaussian());
        return pm;
    }

    @Test
    void theBradleyTerryLossIsTheMeanNegativeLogSigmoidOfRewardMarginsAndIgnoresTheBias() {
        RewardModel rm = spreadRewardModel(1);
        List<Comparison> data = new ComparisonSampler(SPACE).uniform(7, Rng.of(2));
        double expected = 0;
        for (Comparison c : data) {
            expected += PairLoss.softplus(-(rm.reward(c.prompt(), c.chosen()) - rm.reward(c.prompt(), c.rejected())));
        }
        expected /= data.size();
        Graph g = new Graph();
        Tensor loss = RewardModelTrainer.loss(g, rm, data);
        assertEquals(expected, loss.item(), 1e-5);
        for (Tensor p : rm.parameters()) p.zeroGrad();
        g.backward(loss);
        List<Tensor> params = rm.parameters();
        Tensor bias = params.get(params.size() - 1), weight = params.get(params.size() - 2);
        assertEquals(0.0, bias.grad()[0], 1e-6, "a constant added to every reward changes no preference");
        double norm = 0;
        for (float v : weight.grad()) norm += v * v;
        assertTrue(norm > 1e-6, "the head's weights do get a gradient");
    }

    @Test
    void theRewardIsReadAtTheLastResponseTokenWhateverThePadding() {
        RewardModel rm = spreadRewardModel(3);
        int[] prompt = SPACE.prompt(4), y = SPACE.response(17);
        double alone = rm.reward(prompt, y);
        // The same sequence next to a longer one is right-padded; its reward must not change.
        double[] batched = rm.rewards(List.of(new int[] {2, 3, 4, 5, 6}, prompt), List.of(SPACE.response(3), y));
        assertEquals(alone, batched[1], 1e-5);
        assertNotEquals(alone, rm.reward(prompt, Arrays.copyOf(y, 2)), 1e-4, "a shorter response is read one token earlier");
        double[][] table = rm.rewardTable(SPACE);
        assertEquals(alone, table[4][17], 1e-5);
    }

    @Test
    void thePairwiseModelIsAntisymmetricByConstruction() {
        PairwisePreferenceModel pm = spreadPreferenceModel(5);
        List<int[]> prompts = new ArrayList<>(), first = new ArrayList<>(), second = new ArrayList<>();
        Rng rng = Rng.of(6);
        for (int k = 0; k < 40; k++) {
            prompts.add(SPACE.prompt(rng.nextInt(16)));
            first.add(SPACE.response(rng.nextInt(64)));
            second.add(SPACE.response(rng.nextInt(64)));
        }
        double[] forward = pm.probabilities(prompts, first, second), backward = pm.probabilities(prompts, second, first);
        double spread = 0;
        for (int k = 0; k < forward.length; k++) {
            assertEquals(1.0, forward[k] + backward[k], 1e-5, "exact but for float32 rounding of d");
            spread = Math.max(spread, Math.abs(forward[k] - 0.5));
        }
        assertTrue(spread > 0.01, "the test model is not indifferent (max |P − ½| " + spread + ")");
        assertEquals(0.5, pm.probability(SPACE.prompt(2), SPACE.response(9), SPACE.response(9)), 1e-5);
    }

    @Test
    void thePairwiseLossIsCrossEntropyOnTheLabels() {
        PairwisePreferenceModel pm = spreadPreferenceModel(7);
        List<int[]> prompts = List.of(SPACE.prompt(0), SPACE.prompt(5), SPACE.prompt(9));
        List<int[]> first = List.of(SPACE.response(1), SPACE.response(20), SPACE.response(63));
        List<int[]> second = List.of(SPACE.response(2), SPACE.response(40), SPACE.response(0));
        float[] labels = {1f, 0f, 0.3f};
        double[] p = pm.probabilities(prompts, first, second);
        double expected = 0;
        for (int k = 0; k < 3; k++) expected -= labels[k] * Math.log(p[k]) + (1 - labels[k]) * Math.log(1 - p[k]);
        expected /= 3;
        assertEquals(expected, PairwisePreferenceTrainer.loss(new Graph(), pm, prompts, first, second, labels).item(), 1e-5);
        var e = assertThrows(IllegalArgumentException.class,
                () -> PairwisePreferenceTrainer.loss(new Graph(), pm, prompts, first, second, new float[] {1f, 2f, 0f}));
        assertTrue(e.getMessage().contains("labels[1] must be in [0.0, 1.0], was 2.0"), e.getMessage());
    }

    @Test
    void theSamplerDrawsDistinctPairsAndLabelsThemWithTheJudgesProbability() {
        ComparisonSampler sampler = new ComparisonSampler(SPACE);
        for (ComparisonSampler.Pair p : sampler.uniformPairs(2000, Rng.of(8))) assertNotEquals(p.y(), p.yPrime());
        // One pair labelled many times: the first response wins with probability P = σ((s − s')/0.25).
        ComparisonSampler.Pair pair = new ComparisonSampler.Pair(3, SPACE.index(SPACE.response(5)), 40);
        int draws = 20_000, firstWins = 0;
        List<Comparison> labelled = sampler.label(java.util.Collections.nCopies(draws, pair), Rng.of(9));
        for (Comparison c : labelled) if (Arrays.equals(c.chosen(), SPACE.response(5))) firstWins++;
        double p = SPACE.preference(3, 5, 40), se = Math.sqrt(p * (1 - p) / draws);
        assertEquals(p, (double) firstWins / draws, 4 * se);
        assertArrayEquals(SPACE.prompt(3), labelled.get(0).prompt());
        // From a policy: distinct responses, the first drawn from π.
        double[][] pi = new double[16][64];
        for (double[] row : pi) {
            Arrays.fill(row, 0.2 / 62);
            row[7] = 0.5;
            row[8] = 0.3;
        }
        int sevens = 0;
        List<ComparisonSampler.Pair> fromPolicy = sampler.policyPairs(ExactDistribution.ofProbabilities(pi), draws, Rng.of(10));
        for (ComparisonSampler.Pair q : fromPolicy) {
            assertNotEquals(q.y(), q.yPrime());
            if (q.y() == 7) sevens++;
        }
        assertEquals(0.5, (double) sevens / draws, 4 * Math.sqrt(0.25 / draws));
        double[][] point = new double[16][64];
        for (double[] row : point) row[0] = 1;
        var e = assertThrows(IllegalArgumentException.class,
                () -> sampler.policyPairs(ExactDistribution.ofProbabilities(point), 1, Rng.of(0)));
        assertTrue(e.getMessage().contains("all its mass on response 0"), e.getMessage());
    }

    @Test
    void trainingIsDeterministicForASeedAndKeepsTheBestValidationEpoch() {
        List<Comparison> data = new ComparisonSampler(SPACE).uniform(300, Rng.of(11));
        JudgeTrainingConfig config = JudgeTrainingConfig.defaults().withEpochs(4).withValidationFraction(0.2);
        double[][] tables = new double[3][];
        TrainingLog log = null;
        for (int run = 0; run < 3; run++) {
            RewardModel rm = new RewardModel(MODEL, Rng.of(12));
            log = RewardModelTrainer.train(rm, data, config, Rng.of(run < 2 ? 13 : 14));
            tables[run] = rm.rewardTable(SPACE)[0];
            if (run == 0) {
                // The kept weights are those of the best validation epoch: their validation loss is the minimum.
                int[] validation = ComparisonTraining.split(300, 0.2, Rng.of(13))[1];
                List<Comparison> part = new ArrayList<>();
                for (int i : validation) part.add(data.get(i));
                double kept = ComparisonTraining.meanLoss(Graph.inference(), part, 64, (g, b) -> RewardModelTrainer.loss(g, rm, b));
                double min = Arrays.stream(log.validationLoss()).min().orElseThrow();
                assertEquals(min, kept, 1e-6);
                assertEquals(min, log.validationLoss()[log.bestEpoch()], 0.0);
                assertEquals(240, log.trainingSize());
                assertEquals(60, log.validationSize());
            }
        }
        assertArrayEquals(tables[0], tables[1], 0.0, "same seed, bit-identical rewards");
        assertFalse(Arrays.equals(tables[0], tables[2]), "another seed shuffles differently");
    }

    @Test
    void badConfigurationsAndInputsAreRefusedByName() {
        var cases = List.<Runnable>of(
                () -> new JudgeTrainingConfig(-1, 64, 3e-3, 1, true, 1, 0),
                () -> new JudgeTrainingConfig(60, 0, 3e-3, 1, true, 1, 0),
                () -> new JudgeTrainingConfig(60, 64, 0, 1, true, 1, 0),
                () -> new JudgeTrainingConfig(60, 64, 3e-3, 1, true, -1, 0),
                () -> new JudgeTrainingConfig(60, 64, 3e-3, 1, true, 1, 0.6),
                () -> new Comparison(new int[0], new int[] {1}, new int[] {2}),
                () -> RewardModelTrainer.train(new RewardModel(MODEL, Rng.of(0)), List.of(), JudgeTrainingConfig.defaults(),
                        Rng.of(0)));
        var fields = List.of("epochs must be >= 0, was -1", "batchSize must be > 0, was 0", "learningRate must be a finite number > 0",
                "weightDecay must be a finite number >= 0, was -1.0", "validationFraction must be in [0.0, 0.5], was 0.6",
                "prompt must hold at least one token, was empty", "comparisons must not be empty");
        for (int k = 0; k < cases.size(); k++) {
            var e = assertThrows(IllegalArgumentException.class, cases.get(k)::run);
            assertTrue(e.getMessage().contains(fields.get(k)), e.getMessage());
        }
    }
}
