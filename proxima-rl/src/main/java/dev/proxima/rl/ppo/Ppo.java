package dev.proxima.rl.ppo;

import dev.proxima.core.env.VectorEnv;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.nn.Activation;
import dev.proxima.core.optim.Optimizer;
import dev.proxima.core.optim.Optimizers;
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
 * Proximal Policy Optimization with the clipped surrogate objective.
 *
 * <p>Paper: Schulman, Wolski, Dhariwal, Radford, Klimov (2017), "Proximal Policy Optimization
 * Algorithms", arXiv:1707.06347. {@link Config#defaults()} is the paper's MuJoCo setting (Table 3);
 * {@link Config#classicControl()} the widely used CartPole setting of the reference
 * implementations (CleanRL {@code ppo.py}).
 *
 * <h2>Objective</h2>
 * <pre>
 *   ratio    = exp(log πθ(a|s) − log πold(a|s))
 *   L_clip   = −mean( min(ratio·Â, clip(ratio, 1−ε, 1+ε)·Â) )
 *   L_value  = ½·mean( max((V − R̂)², (V_old + clip(V − V_old, −ε, ε) − R̂)²) )   (clipped; ½·mean((V − R̂)²) if off)
 *   L        = L_clip + c_v·L_value − c_e·mean(H[πθ(·|s)])
 * </pre>
 *
 * <h2>Implementation details beyond the paper (from the reference implementations)</h2>
 * <ol>
 *   <li>Separate actor and critic MLPs, orthogonal initialisation (gains √2, 0.01, 1) and a
 *       state-independent log-std initialised to 0 for Gaussian policies ({@link ActorCritic}).</li>
 *   <li>Advantages are standardised within each minibatch ({@link Config#normalizeAdvantages}).</li>
 *   <li>Value-function clipping with the policy's ε ({@link Config#clipValueLoss}).</li>
 *   <li>One Adam optimizer over both networks, ε = 1e-5 ({@link Config#adamEpsilon}), global
 *       gradient-norm clipping ({@link Config#maxGradNorm}).</li>
 *   <li>Learning rate annealed linearly to 0 over the run, once per iteration
 *       ({@link Config#annealLearningRate}).</li>
 *   <li>Optional early stop of an iteration's epochs when the k3 KL estimate exceeds
 *       {@link Config#targetKl}.</li>
 *   <li>Truncated episodes bootstrap from V(final observation) (the vector env keeps it);
 *       CleanRL's {@code ppo.py} treats truncation as termination instead.</li>
 *   <li>Continuous actions are sampled unclipped and stored unclipped for the log-probability;
 *       clipping to the action bounds is the env's job (the ClipAction wrapper).</li>
 * </ol>
 *
 * <h2>Logged metrics</h2>
 * charts/learning_rate, charts/clip_coef, losses/policy_loss, losses/value_loss, losses/entropy, losses/approx_kl,
 * losses/clip_fraction, losses/explained_variance, rollout/episode_return, rollout/episode_length.
 *
 * <p>Thread safety: a {@link Learner} is single-threaded.
 *
 * <pre>{@code
 * VectorEnv envs = Envs.makeVector("CartPole-v1", 4, AutoresetMode.SAME_STEP, false);
 * Ppo.Learner ppo = new Ppo.Learner(Ppo.Config.classicControl(), envs, 100_000, 1);
 * while (!ppo.done()) ppo.iterate();
 * }</pre>
 */
public final class Ppo {
    private Ppo() {}

    // ── 1. Hyperparameters ───────────────────────────────────────────

    /**
     * PPO hyperparameters.
     *
     * @param numSteps           steps collected per sub-env per iteration, T (paper Table 3: 2048)
     * @param numMinibatches     minibatches per epoch; minibatch size = T·numEnvs / numMinibatches
     *                           (paper: minibatch 64, i.e. 32 for T = 2048 and one env)
     * @param updateEpochs       passes over the rollout per iteration, K (paper: 10)
     * @param learningRate       Adam step size (paper: 3e-4)
     * @param annealLearningRate multiply the learning rate by 1 − iteration/iterations (paper: annealed
     *                           for Atari; reference implementations anneal everywhere)
     * @param gamma              discount γ (paper: 0.99)
     * @param gaeLambda          GAE λ (paper: 0.95)
     * @param clipCoef           ε in clip(ratio, 1−ε, 1+ε) (paper: 0.2)
     * @param annealClipCoef     multiply ε by 1 − iteration/iterations (paper: annealed for Atari)
     * @param clipValueLoss      clip the value update around the old prediction (reference implementations: on)
     * @param entCoef            c_e, entropy bonus weight (paper MuJoCo: 0; Atari and CleanRL CartPole: 0.01)
     * @param vfCoef             c_v, weight of L_value, which includes the ½ (reference implementations: 0.5)
     * @param maxGradNorm        global L2 gradient-norm clip (not in paper; reference: 0.5)
     * @param normalizeAdvantages standardise Â within each minibatch (not in paper; reference: on)
     * @param targetKl           stop the iteration's remaining epochs once the k3 KL estimate exceeds
     *                           this; {@code 0} disables the check (reference: disabled)
     * @param hiddenSize         width of each hidden layer of both MLPs (reference: 64)
     * @param hiddenLayers       number of hidden layers (reference: 2)
     * @param activation         hidden nonlinearity (reference: tanh)
     * @param adamEpsilon        ε of Adam (not in paper; reference: 1e-5)
     */
    public record Config(int numSteps, int numMinibatches, int updateEpochs, double learningRate,
                         boolean annealLearningRate, double gamma, double gaeLambda, double clipCoef,
                         boolean annealClipCoef, boolean clipValueLoss, double entCoef, double vfCoef, double maxGradNorm,
                         boolean normalizeAdvantages, double targetKl, int hiddenSize, int hiddenLayers,
                         Activation activation, double adamEpsilon) {
        public Config {
            Checks.positive(numSteps, "numSteps");
            Checks.positive(numMinibatches, "numMinibatches");
            Checks.positive(updateEpochs, "updateEpochs");
            Checks.positive(learningRate, "learningRate");
            Checks.inHalfOpen(gamma, 0, 1, "gamma");
            Checks.inClosed(gaeLambda, 0, 1, "gaeLambda");
            Checks.positive(clipCoef, "clipCoef");
            Checks.nonNegative(entCoef, "entCoef");
            Checks.nonNegative(vfCoef, "vfCoef");
            Checks.positive(maxGradNorm, "maxGradNorm");
            Checks.nonNegative(targetKl, "targetKl");
            Checks.positive(hiddenSize, "hiddenSize");
            Checks.positive(hiddenLayers, "hiddenLayers");
            Checks.positive(adamEpsilon, "adamEpsilon");
            if (activation == null) {
                throw new IllegalArgumentException("activation must be one of tanh, relu, gelu, was null");
            }
        }

        /** Paper, Table 3 (MuJoCo): T 2048, 10 epochs, minibatch 64, Adam 3e-4, γ 0.99, λ 0.95, ε 0.2. */
        public static Config defaults() {
            return new Config(2048, 32, 10, 3e-4, true, 0.99, 0.95, 0.2, false, true, 0.0, 0.5, 0.5, true, 0, 64, 2,
                    Activation.TANH, 1e-5);
        }

        /** CleanRL {@code ppo.py} CartPole defaults: 4 envs × 128 steps, 4 epochs × 4 minibatches, lr 2.5e-4, c_e 0.01. */
        public static Config classicControl() {
            return new Config(128, 4, 4, 2.5e-4, true, 0.99, 0.95, 0.2, false, true, 0.01, 0.5, 0.5, true, 0, 64, 2,
                    Activation.TANH, 1e-5);
        }

        /**
         * The tuned CartPole-v1 setting of RL Baselines3 Zoo ({@code hyperparams/ppo.yml}), meant
         * for 8 envs and 100k steps: T 32, one minibatch of 256, 20 epochs, γ 0.98, λ 0.8, c_e 0,
         * learning rate 1e-3 and ε 0.2 both annealed linearly to 0, no value clipping
         * (Stable-Baselines3's default).
         */
        public static Config tunedCartPole() {
            return new Config(32, 1, 20, 1e-3, true, 0.98, 0.8, 0.2, true, false, 0.0, 0.5, 0.5, true, 0, 64, 2,
                    Activation.TANH, 1e-5);
        }

        /** Transitions per iteration. */
        public int batchSize(int numEnvs) {
            return numSteps * numEnvs;
        }

        /** Samples per gradient step. */
        public int minibatchSize(int numEnvs) {
            return batchSize(numEnvs) / numMinibatches;
        }

        /** Hidden-layer widths of the actor and of the critic. */
        public int[] hidden() {
            int[] h = new int[hiddenLayers];
            java.util.Arrays.fill(h, hiddenSize);
            return h;
        }
    }

    // ── 2. Loss (pure; the only place the objective is written) ─────

    /** A minibatch as graph constants. {@code continuousActions} is null for discrete actions. */
    record Minibatch(Tensor observations, int[] discreteActions, Tensor continuousActions, Tensor oldLogProbs,
                     Tensor advantages, Tensor returns, Tensor oldValues) {}

    /** The total loss and its terms (the terms are {@code [1, 1]} tensors of the same graph). */
    record LossTerms(Tensor total, Tensor policyLoss, Tensor valueLoss, Tensor entropy, Tensor ratio) {}

    /** The PPO loss with clip range {@code clip} (ε, possibly annealed). */
    static LossTerms loss(Graph g, ActorCritic agent, Minibatch mb, Config c, double clip) {
        Tensor out = agent.actorOutput(g, mb.observations());
        Tensor logProb = agent.logProb(g, out, mb.discreteActions(), mb.continuousActions());
        Tensor ratio = g.exp(g.sub(logProb, mb.oldLogProbs()));
        Tensor surr1 = g.mul(ratio, mb.advantages());
        Tensor surr2 = g.mul(g.clamp(ratio, (float) (1 - clip), (float) (1 + clip)), mb.advantages());
        Tensor policyLoss = g.scale(g.mean(g.min(surr1, surr2)), -1f);

        Tensor value = agent.value(g, mb.observations());
        Tensor unclipped = g.square(g.sub(value, mb.returns()));
        Tensor valueLoss;
        if (c.clipValueLoss()) {
            float eps = (float) clip;
            Tensor clippedValue = g.add(mb.oldValues(), g.clamp(g.sub(value, mb.oldValues()), -eps, eps));
            Tensor clipped = g.square(g.sub(clippedValue, mb.returns()));
            // max(a, b) = −min(−a, −b)
            valueLoss = g.scale(g.mean(g.min(g.scale(unclipped, -1f), g.scale(clipped, -1f))), -0.5f);
        } else {
            valueLoss = g.scale(g.mean(unclipped), 0.5f);
        }
        Tensor entropy = g.mean(agent.entropy(g, out));
        Tensor total = g.add(g.sub(policyLoss, g.scale(entropy, (float) c.entCoef())),
                g.scale(valueLoss, (float) c.vfCoef()));
        return new LossTerms(total, policyLoss, valueLoss, entropy, ratio);
    }

    // ── 3 and 4. Update step and training loop ──────────────────────

    /** A PPO run in progress: the agent, its optimizer, the rollout and their generators. */
    public static final class Learner extends RolloutLearner<Config> {
        private final Optimizer optimizer;
        private final Minibatches minibatches;

        /**
         * @param envs       a vector env in SAME_STEP autoreset mode
         * @param totalSteps environment-step budget; the number of iterations is
         *                   ⌊totalSteps / (numSteps·numEnvs)⌋, as in the reference implementation
         * @param seed       seeds the networks, the action sampling, the minibatch order and the envs
         */
        public Learner(Config config, VectorEnv envs, long totalSteps, long seed) {
            int batch = config.batchSize(envs.numEnvs());
            if (batch % config.numMinibatches() != 0) {
                throw new IllegalArgumentException("numMinibatches (" + config.numMinibatches()
                        + ") must divide the batch size numSteps*numEnvs = " + batch);
            }
            if (config.normalizeAdvantages() && config.minibatchSize(envs.numEnvs()) < 2) {
                throw new IllegalArgumentException("minibatch size must be >= 2 when normalizeAdvantages is on, was "
                        + config.minibatchSize(envs.numEnvs()));
            }
            super(config, envs, config.numSteps(), config.hidden(), config.activation(), totalSteps, seed);
            this.optimizer = new Optimizer(agent.parameters(), Optimizers.clipByGlobalNorm(config.maxGradNorm()),
                    Optimizers.scaleByAdam(0.9, 0.999, config.adamEpsilon()),
                    Optimizers.scaleByLearningRate(step -> currentLearningRate()));
            this.minibatches = new Minibatches(batch, config.minibatchSize(envs.numEnvs()));
        }

        private double currentLearningRate() {
            return config.annealLearningRate() ? config.learningRate() * remaining() : config.learningRate();
        }

        private double currentClip() {
            return config.annealClipCoef() ? config.clipCoef() * remaining() : config.clipCoef();
        }

        /** Fraction of the run still to go at the start of this iteration, 1 − iteration/iterations. */
        private double remaining() {
            return 1.0 - (double) iteration / numIterations;
        }

        /** One iteration: collect a rollout, compute advantages, run the epochs; returns its metrics. */
        @Override
        public Map<String, Double> iterate() {
            if (done()) {
                throw new IllegalStateException("all " + numIterations + " iterations are done");
            }
            double lr = currentLearningRate();
            double clip = currentClip();
            rollout.collect(agent, actGraph, actionRng);
            rollout.computeAdvantages(config.gamma(), config.gaeLambda());

            double policyLoss = 0, valueLoss = 0, entropy = 0, approxKl = 0, clipFraction = 0;
            int updates = 0;
            for (int epoch = 0; epoch < config.updateEpochs(); epoch++) {
                minibatches.shuffle(shuffleRng);
                double epochKl = 0;
                for (int b = 0; b < config.numMinibatches(); b++) {
                    trainGraph.reset();
                    LossTerms terms = loss(trainGraph, agent, minibatch(b), config, clip);
                    trainGraph.backward(terms.total());
                    optimizer.step();
                    double kl = approxKl(terms.ratio());
                    policyLoss += terms.policyLoss().item();
                    valueLoss += terms.valueLoss().item();
                    entropy += terms.entropy().item();
                    approxKl += kl;
                    epochKl += kl;
                    clipFraction += clipFraction(terms.ratio(), clip);
                    updates++;
                }
                if (config.targetKl() > 0 && epochKl / config.numMinibatches() > config.targetKl()) {
                    break;
                }
            }
            iteration++;

            Map<String, Double> m = new LinkedHashMap<>();
            m.put("charts/learning_rate", lr);
            m.put("charts/clip_coef", clip);
            m.put("losses/policy_loss", policyLoss / updates);
            m.put("losses/value_loss", valueLoss / updates);
            m.put("losses/entropy", entropy / updates);
            m.put("losses/approx_kl", approxKl / updates);
            m.put("losses/clip_fraction", clipFraction / updates);
            m.put("losses/explained_variance", Returns.explainedVariance(rollout.values, rollout.returns, rollout.size()));
            m.put("rollout/episode_return", rollout.meanEpisodeReturn());
            m.put("rollout/episode_length", rollout.meanEpisodeLength());
            return m;
        }

        private Minibatch minibatch(int b) {
            minibatches.select(b);
            Tensor adv = minibatches.rows(trainGraph, rollout.advantages, 1);
            if (config.normalizeAdvantages()) {
                Returns.standardize(adv.data, adv.size());
            }
            return new Minibatch(
                    minibatches.rows(trainGraph, rollout.observations, rollout.observationSize),
                    rollout.discrete ? minibatches.actions(rollout.discreteActions) : null,
                    rollout.discrete ? null : minibatches.rows(trainGraph, rollout.continuousActions, rollout.actionSize),
                    minibatches.rows(trainGraph, rollout.logProbs, 1), adv,
                    minibatches.rows(trainGraph, rollout.returns, 1),
                    minibatches.rows(trainGraph, rollout.values, 1));
        }

        /** The k3 estimate of KL(old ‖ new), mean((r − 1) − log r) (Schulman 2020, "Approximating KL divergence"). */
        private static double approxKl(Tensor ratio) {
            double kl = 0;
            for (float r : ratio.data) {
                kl += (r - 1) - Math.log(r);
            }
            return kl / ratio.size();
        }

        private static double clipFraction(Tensor ratio, double clip) {
            int clipped = 0;
            for (float r : ratio.data) {
                clipped += Math.abs(r - 1) > clip ? 1 : 0;
            }
            return (double) clipped / ratio.size();
        }

        @Override
        protected void saveOptimizers(StateDict out, String prefix) {
            optimizer.saveState(out, prefix + "optimizer");
        }

        @Override
        protected void loadOptimizers(StateDict in, String prefix) {
            optimizer.loadState(in, prefix + "optimizer");
        }
    }
}
