package dev.proxima.rl.mdpo;

import dev.proxima.core.env.VectorEnv;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.nn.Activation;
import dev.proxima.core.optim.Optimizer;
import dev.proxima.core.optim.Optimizers;
import dev.proxima.core.optim.Schedule;
import dev.proxima.core.rl.MirrorDescent;
import dev.proxima.core.rl.Returns;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.rl.common.ActorCritic;
import dev.proxima.rl.common.Minibatches;
import dev.proxima.rl.common.RolloutLearner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * On-policy Mirror Descent Policy Optimization: every iteration approximately solves one
 * KL-proximal mirror-descent step by a few gradient steps warm-started at the current policy.
 *
 * <p>Paper: Tomar, Shani, Efroni, Ghavamzadeh (2022), "Mirror Descent Policy Optimization",
 * ICLR 2022, arXiv:2005.09814; defaults from the authors' code ({@code mdpo_on}).
 *
 * <h2>Objective (iteration k, step size t_k)</h2>
 * <pre>
 *   ratio  = πθ(a|s) / πθk(a|s)
 *   Ψ_k(θ) = mean( ratio·Â ) − (1/t_k)·mean( KL(πθ(·|s) ‖ πθk(·|s)) )      (KL direction new‖old)
 *   t_k    = 1 − (k − 1)/K,  k = 0..K−1,  K = ⌊totalSteps / batch⌋            (1/t_k grows to K/2)
 *   θ_{k+1} = θ_k after m Adam steps on −Ψ_k over the whole batch
 * </pre>
 * The proximal loss is {@link MirrorDescent#proximalLoss}, the step shared with the other
 * mirror-descent methods.
 *
 * <h2>Departures and implementation details</h2>
 * <ol>
 *   <li>One Adam instance for the policy for the whole run: its moments are not reset when θ_k
 *       is refreshed (authors' code).</li>
 *   <li>Separate value network fitted after the policy steps for {@link Config#valueEpochs}
 *       epochs of minibatch Adam on λ-returns, with the update clipped around the old prediction
 *       ({@link Config#valueClip}) (authors' code).</li>
 *   <li>Advantages standardised over the whole batch; global gradient-norm clipping
 *       ({@link Config#maxGradNorm}); Adam ε 1e-5 (authors' code, from OpenAI Baselines).</li>
 *   <li>Guard t_k ≥ 1/K (never binds with this schedule).</li>
 *   <li>Truncated episodes bootstrap from V(final observation), as in {@code Ppo}.</li>
 *   <li>Observation and reward normalisation are done by env wrappers, not here.</li>
 * </ol>
 *
 * <h2>Logged metrics</h2>
 * charts/kl_coefficient, losses/policy_loss, losses/value_loss, losses/entropy, losses/kl_new_old
 * (closed-form KL(π_{k+1} ‖ π_k) averaged over the batch states), losses/explained_variance,
 * rollout/episode_return, rollout/episode_length.
 *
 * <p>Thread safety: a {@link Learner} is single-threaded.
 */
public final class Mdpo {
    private Mdpo() {}

    // ── 1. Hyperparameters ───────────────────────────────────────────

    /**
     * On-policy MDPO hyperparameters (authors' {@code mdpo_on/run_mujoco.py} unless stated).
     *
     * @param numSteps          steps per sub-env per iteration (code: 2048 with one env)
     * @param policySteps       m, full-batch Adam steps on −Ψ_k per iteration (README example: 10)
     * @param learningRate      policy Adam step size (code: 3e-4)
     * @param gamma             discount γ (code: 0.99)
     * @param gaeLambda         GAE λ (code: 0.95)
     * @param entCoef           entropy bonus weight subtracted from the loss (code: 0)
     * @param maxGradNorm       global gradient-norm clip for both networks (code: 0.5)
     * @param valueEpochs       epochs of value fitting per iteration (code: 5)
     * @param valueMinibatchSize minibatch size of value fitting (code: 128)
     * @param valueLearningRate value Adam step size (code: 3e-4)
     * @param valueClip         clip of the value update around the old prediction (code: 0.2)
     * @param hiddenSize        hidden width of both MLPs (code: 64)
     * @param hiddenLayers      hidden layers of both MLPs (code: 2)
     * @param activation        hidden nonlinearity (code: tanh)
     * @param adamEpsilon       Adam ε (code: 1e-5)
     */
    public record Config(int numSteps, int policySteps, double learningRate, double gamma, double gaeLambda,
                         double entCoef, double maxGradNorm, int valueEpochs, int valueMinibatchSize,
                         double valueLearningRate, double valueClip, int hiddenSize, int hiddenLayers,
                         Activation activation, double adamEpsilon) {
        public Config {
            Checks.positive(numSteps, "numSteps");
            Checks.positive(policySteps, "policySteps");
            Checks.positive(learningRate, "learningRate");
            Checks.inHalfOpen(gamma, 0, 1, "gamma");
            Checks.inClosed(gaeLambda, 0, 1, "gaeLambda");
            Checks.nonNegative(entCoef, "entCoef");
            Checks.positive(maxGradNorm, "maxGradNorm");
            Checks.positive(valueEpochs, "valueEpochs");
            Checks.positive(valueMinibatchSize, "valueMinibatchSize");
            Checks.positive(valueLearningRate, "valueLearningRate");
            Checks.positive(valueClip, "valueClip");
            Checks.positive(hiddenSize, "hiddenSize");
            Checks.positive(hiddenLayers, "hiddenLayers");
            Checks.positive(adamEpsilon, "adamEpsilon");
            if (activation == null) {
                throw new IllegalArgumentException("activation must be one of tanh, relu, gelu, was null");
            }
        }

        /** The authors' MuJoCo setting: batch 2048, m = 10, Adam 3e-4 for both networks. */
        public static Config defaults() {
            return new Config(2048, 10, 3e-4, 0.99, 0.95, 0.0, 0.5, 5, 128, 3e-4, 0.2, 64, 2, Activation.TANH, 1e-5);
        }

        /** The CPU setting of our spec for CartPole: batch 512 (with 4 envs, 128 steps each), lr 1e-3. */
        public static Config classicControl() {
            return new Config(128, 10, 1e-3, 0.99, 0.95, 0.0, 0.5, 5, 128, 1e-3, 0.2, 64, 2, Activation.TANH, 1e-5);
        }

        /** Hidden-layer widths of the actor and of the critic. */
        public int[] hidden() {
            int[] h = new int[hiddenLayers];
            java.util.Arrays.fill(h, hiddenSize);
            return h;
        }
    }

    /**
     * Step size t_k of iteration k (0-based) out of K: {@code t_k = max(1 − (k − 1)/K, 1/K)}, the
     * authors' schedule. The KL weight is 1/t_k.
     */
    public static double stepSize(int iteration, int iterations) {
        return Math.max(1.0 - (iteration - 1.0) / iterations, 1.0 / iterations);
    }

    // ── 2. Losses (pure) ─────────────────────────────────────────────

    /** The whole batch as graph constants; {@code oldActorOutput} is π_k's logits or means. */
    record Batch(Tensor observations, int[] discreteActions, Tensor continuousActions, Tensor oldLogProbs,
                 Tensor advantages, Tensor oldActorOutput, Tensor oldLogStd) {}

    record PolicyTerms(Tensor total, Tensor surrogate, Tensor kl, Tensor entropy) {}

    /** {@code −Ψ_k(θ) − c_e·entropy}: the negative linearised objective plus the (1/t_k)-weighted KL. */
    static PolicyTerms policyLoss(Graph g, ActorCritic agent, Batch batch, double klCoefficient, double entCoef) {
        Tensor out = agent.actorOutput(g, batch.observations());
        Tensor logProb = agent.logProb(g, out, batch.discreteActions(), batch.continuousActions());
        Tensor ratio = g.exp(g.sub(logProb, batch.oldLogProbs()));
        Tensor surrogate = g.mean(g.mul(ratio, batch.advantages()));
        Tensor kl = agent.klTo(g, out, batch.oldActorOutput(), batch.oldLogStd());
        Tensor entropy = g.mean(agent.entropy(g, out));
        Tensor loss = MirrorDescent.proximalLoss(g, surrogate, kl, (float) klCoefficient);
        return new PolicyTerms(g.sub(loss, g.scale(entropy, (float) entCoef)), surrogate, g.mean(kl), entropy);
    }

    /** ½·mean(max((V − R)², (V_old + clip(V − V_old, ±c) − R)²)). */
    static Tensor valueLoss(Graph g, ActorCritic agent, Tensor observations, Tensor returns, Tensor oldValues,
                            double clip) {
        Tensor value = agent.value(g, observations);
        Tensor unclipped = g.square(g.sub(value, returns));
        Tensor clippedValue = g.add(oldValues, g.clamp(g.sub(value, oldValues), (float) -clip, (float) clip));
        Tensor clipped = g.square(g.sub(clippedValue, returns));
        return g.scale(g.mean(g.min(g.scale(unclipped, -1f), g.scale(clipped, -1f))), -0.5f);
    }

    // ── 3 and 4. Update steps and training loop ─────────────────────

    /** An on-policy MDPO run in progress. */
    public static final class Learner extends RolloutLearner<Config> {
        private final Optimizer policyOptimizer;
        private final Optimizer valueOptimizer;
        private final Minibatches valueBatches;
        private final float[] oldActorOutput;
        private final float[] oldLogStd;

        /**
         * @param envs       a vector env in SAME_STEP autoreset mode
         * @param totalSteps environment-step budget; K = ⌊totalSteps / (numSteps·numEnvs)⌋
         * @param seed       seeds networks, action sampling, minibatch order and envs
         */
        public Learner(Config config, VectorEnv envs, long totalSteps, long seed) {
            super(config, envs, config.numSteps(), config.hidden(), config.activation(), totalSteps, seed);
            int batch = config.numSteps() * envs.numEnvs();
            if (batch % config.valueMinibatchSize() != 0) {
                throw new IllegalArgumentException("valueMinibatchSize (" + config.valueMinibatchSize()
                        + ") must divide the batch size numSteps*numEnvs = " + batch);
            }
            this.policyOptimizer = new Optimizer(agent.actorParameters(),
                    Optimizers.clipByGlobalNorm(config.maxGradNorm()),
                    Optimizers.scaleByAdam(0.9, 0.999, config.adamEpsilon()),
                    Optimizers.scaleByLearningRate(Schedule.constant(config.learningRate())));
            this.valueOptimizer = new Optimizer(agent.criticParameters(),
                    Optimizers.clipByGlobalNorm(config.maxGradNorm()),
                    Optimizers.scaleByAdam(0.9, 0.999, config.adamEpsilon()),
                    Optimizers.scaleByLearningRate(Schedule.constant(config.valueLearningRate())));
            this.valueBatches = new Minibatches(batch, config.valueMinibatchSize());
            this.oldActorOutput = new float[batch * agent.actionSize()];
            this.oldLogStd = new float[agent.isDiscrete() ? 1 : agent.actionSize()];
        }

        /** One iteration: rollout, m proximal policy steps from θ_k, value fitting; returns its metrics. */
        @Override
        public Map<String, Double> iterate() {
            if (done()) {
                throw new IllegalStateException("all " + numIterations + " iterations are done");
            }
            double klCoefficient = 1.0 / stepSize(iteration, numIterations);
            rollout.collect(agent, actGraph, actionRng);
            rollout.computeAdvantages(config.gamma(), config.gaeLambda());
            snapshotOldPolicy();

            double surrogate = 0, entropy = 0;
            for (int step = 0; step < config.policySteps(); step++) {
                trainGraph.reset();
                PolicyTerms terms = policyLoss(trainGraph, agent, batch(), klCoefficient, config.entCoef());
                trainGraph.backward(terms.total());
                policyOptimizer.step();
                surrogate = terms.surrogate().item();
                entropy = terms.entropy().item();
            }
            double klNewOld = measureKlToOld();
            double valueLoss = fitValue();
            iteration++;

            Map<String, Double> m = new LinkedHashMap<>();
            m.put("charts/kl_coefficient", klCoefficient);
            m.put("losses/policy_loss", -surrogate);
            m.put("losses/value_loss", valueLoss);
            m.put("losses/entropy", entropy);
            m.put("losses/kl_new_old", klNewOld);
            m.put("losses/explained_variance", Returns.explainedVariance(rollout.values, rollout.returns, rollout.size()));
            m.put("rollout/episode_return", rollout.meanEpisodeReturn());
            m.put("rollout/episode_length", rollout.meanEpisodeLength());
            return m;
        }

        /** π_k's outputs on the batch states, fixed for this iteration's proximal steps. */
        private void snapshotOldPolicy() {
            actGraph.reset();
            Tensor obs = actGraph.constant(rollout.observations, 0, rollout.size(), rollout.observationSize);
            System.arraycopy(agent.actorOutput(actGraph, obs).data, 0, oldActorOutput, 0, oldActorOutput.length);
            if (!agent.isDiscrete()) {
                System.arraycopy(agent.logStd().data, 0, oldLogStd, 0, oldLogStd.length);
            }
        }

        private Batch batch() {
            int n = rollout.size();
            Tensor adv = trainGraph.constant(rollout.advantages, 0, n, 1);
            Returns.standardize(adv.data, n);
            return new Batch(trainGraph.constant(rollout.observations, 0, n, rollout.observationSize),
                    rollout.discrete ? rollout.discreteActions : null,
                    rollout.discrete ? null : trainGraph.constant(rollout.continuousActions, 0, n, rollout.actionSize),
                    trainGraph.constant(rollout.logProbs, 0, n, 1), adv,
                    trainGraph.constant(oldActorOutput, 0, n, agent.actionSize()),
                    agent.isDiscrete() ? null : trainGraph.constant(oldLogStd, 0, 1, oldLogStd.length));
        }

        private double measureKlToOld() {
            actGraph.reset();
            int n = rollout.size();
            Tensor out = agent.actorOutput(actGraph, actGraph.constant(rollout.observations, 0, n, rollout.observationSize));
            Tensor old = actGraph.constant(oldActorOutput, 0, n, agent.actionSize());
            Tensor oldStd = agent.isDiscrete() ? null : actGraph.constant(oldLogStd, 0, 1, oldLogStd.length);
            return actGraph.mean(agent.klTo(actGraph, out, old, oldStd)).item();
        }

        private double fitValue() {
            double loss = 0;
            int updates = 0;
            int batches = rollout.size() / config.valueMinibatchSize();
            for (int epoch = 0; epoch < config.valueEpochs(); epoch++) {
                valueBatches.shuffle(shuffleRng);
                for (int b = 0; b < batches; b++) {
                    valueBatches.select(b);
                    trainGraph.reset();
                    Tensor l = valueLoss(trainGraph, agent,
                            valueBatches.rows(trainGraph, rollout.observations, rollout.observationSize),
                            valueBatches.rows(trainGraph, rollout.returns, 1),
                            valueBatches.rows(trainGraph, rollout.values, 1), config.valueClip());
                    trainGraph.backward(l);
                    valueOptimizer.step();
                    loss += l.item();
                    updates++;
                }
            }
            return loss / updates;
        }

        @Override
        protected void saveOptimizers(StateDict out, String prefix) {
            policyOptimizer.saveState(out, prefix + "policy_optimizer");
            valueOptimizer.saveState(out, prefix + "value_optimizer");
        }

        @Override
        protected void loadOptimizers(StateDict in, String prefix) {
            policyOptimizer.loadState(in, prefix + "policy_optimizer");
            valueOptimizer.loadState(in, prefix + "value_optimizer");
        }
    }
}
