package dev.proxima.prefs.dpo;

import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.PolicyLearner;
import dev.proxima.prefs.policy.Training;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct Preference Optimization on sequence policies, with IPO as its second loss type.
 *
 * <p>Papers: Rafailov et al. (2023), "Direct Preference Optimization: Your Language Model is
 * Secretly a Reward Model", NeurIPS; Azar et al. (2024), "A General Theoretical Paradigm to
 * Understand Learning from Human Preferences" (IPO). Defaults as TRL's {@code DPOTrainer}; spec
 * §1.2 and §1.3.
 *
 * <pre>
 *   h    = [log π_θ(y_w|x) − log π_ref(y_w|x)] − [log π_θ(y_l|x) − log π_ref(y_l|x)]
 *   DPO: L = −log σ(β·h)          IPO: L = (h − 1/(2τ))²     (τ is {@code beta} for IPO)
 *   implicit reward r̂(x, y) = β·(log π_θ(y|x) − log π_ref(y|x))
 * </pre>
 * Sequence log-probabilities are sums over response tokens (spec §0.1); {@code lengthAverage}
 * divides them by the response length (TRL's IPO default), off by default.
 */
public final class Dpo {
    private Dpo() {}

    public enum LossType { SIGMOID, IPO }

    /**
     * @param beta          β of DPO, τ of IPO (> 0; TRL 0.1)
     * @param lossType      sigmoid (DPO) or IPO
     * @param lengthAverage average log-probabilities over response tokens instead of summing
     * @param batchSize     pairs per optimiser step (offline learner)
     * @param learningRate  Adam step size
     * @param maxGradNorm   global gradient-norm clip (spec §0.2: 1.0)
     */
    public record Config(double beta, LossType lossType, boolean lengthAverage, int batchSize, double learningRate,
                         double maxGradNorm) {
        public Config {
            if (!(beta > 0) || Double.isInfinite(beta)) {
                throw new IllegalArgumentException("beta must be a finite value > 0 (the KL strength), was " + beta);
            }
            Checks.positive(batchSize, "batchSize");
            Checks.positive(learningRate, "learningRate");
            Checks.positive(maxGradNorm, "maxGradNorm");
        }

        /** β = 0.1, sigmoid loss, summed log-probabilities (TRL), 32 pairs, Adam 1e-3 (spec §0.2). */
        public static Config defaults() {
            return new Config(0.1, LossType.SIGMOID, false, 32, 1e-3, 1.0);
        }

        public Config withBeta(double b) {
            return new Config(b, lossType, lengthAverage, batchSize, learningRate, maxGradNorm);
        }

        public Config withLossType(LossType type) {
            return new Config(beta, type, lengthAverage, batchSize, learningRate, maxGradNorm);
        }
    }

    /**
     * The mean pair loss on {@code g}.
     *
     * @param logChosen   log π_θ(y_w|x) per pair, {@code [n, 1]}
     * @param refChosen   log π_ref(y_w|x) per pair (constants)
     * @param lengths     response lengths {chosen, rejected} per pair, used when length-averaging (may be null otherwise)
     */
    public static Tensor loss(Graph g, Config c, Tensor logChosen, Tensor logRejected, float[] refChosen, float[] refRejected,
                              float[][] lengths) {
        int n = logChosen.rows;
        Tensor chosen = g.sub(logChosen, g.constant(refChosen, 0, n, 1));
        Tensor rejected = g.sub(logRejected, g.constant(refRejected, 0, n, 1));
        if (c.lengthAverage()) {
            chosen = g.mul(chosen, g.constant(reciprocal(lengths[0]), 0, n, 1));
            rejected = g.mul(rejected, g.constant(reciprocal(lengths[1]), 0, n, 1));
        }
        Tensor h = g.sub(chosen, rejected);
        Tensor perPair = switch (c.lossType()) {
            case SIGMOID -> g.softplus(g.scale(h, (float) -c.beta()));
            case IPO -> g.square(g.addScalar(h, (float) (-1 / (2 * c.beta()))));
        };
        return g.mean(perPair);
    }

    private static float[] reciprocal(float[] x) {
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) r[i] = 1f / Math.max(1f, x[i]);
        return r;
    }

    /** The loss of a batch of pairs for {@code policy} against {@code reference}, on {@code g}. */
    public static Tensor loss(Graph g, Config c, TransformerPolicy policy, TransformerPolicy reference, List<Comparison> pairs) {
        List<int[]> prompts = new ArrayList<>(), chosen = new ArrayList<>(), rejected = new ArrayList<>();
        float[][] lengths = new float[2][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            Comparison p = pairs.get(i);
            prompts.add(p.prompt());
            chosen.add(p.chosen());
            rejected.add(p.rejected());
            lengths[0][i] = p.chosen().length;
            lengths[1][i] = p.rejected().length;
        }
        SequenceBatch w = SequenceBatch.of(prompts, chosen, policy.contextLength());
        SequenceBatch l = SequenceBatch.of(prompts, rejected, policy.contextLength());
        float[] refW = toFloat(reference.sequenceLogProbabilities(w)), refL = toFloat(reference.sequenceLogProbabilities(l));
        Tensor logW = policy.sequenceLogProbabilities(g, w);
        Tensor logL = policy.sequenceLogProbabilities(g, l);
        return loss(g, c, logW, logL, refW, refL, lengths);
    }

    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
        return f;
    }

    /** Offline DPO over a fixed dataset: minibatches drawn without replacement, epoch after epoch. */
    public static class Learner extends PolicyLearner {
        protected final Config config;
        private final List<Comparison> data;
        private final Training.Minibatches minibatches;

        public Learner(Config config, TransformerPolicy policy, TransformerPolicy reference, List<Comparison> data, long seed) {
            super(policy, reference, 0, seed, config.learningRate(), config.maxGradNorm());
            this.config = config;
            this.data = List.copyOf(data);
            this.minibatches = new Training.Minibatches(data.size(), rng);
        }

        /** One optimiser step on the next minibatch; returns its loss. */
        public double step() {
            List<Comparison> batch = nextMinibatch();
            return descend(g -> loss(g, config, policy, reference, batch));
        }

        /** The next {@code batchSize} pairs (the whole dataset when it is smaller). */
        protected final List<Comparison> nextMinibatch() {
            List<Comparison> batch = new ArrayList<>(config.batchSize());
            for (int i = 0; i < Math.min(config.batchSize(), data.size()); i++) batch.add(data.get(minibatches.next()));
            return batch;
        }
    }
}
