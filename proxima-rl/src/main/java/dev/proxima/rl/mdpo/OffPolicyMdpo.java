package dev.proxima.rl.mdpo;

import dev.proxima.core.dist.TanhGaussian;
import dev.proxima.core.env.Env;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.nn.Activation;
import dev.proxima.core.nn.Mlp;
import dev.proxima.core.optim.Optimizer;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.rl.common.Experience;
import dev.proxima.rl.common.OffPolicy;
import dev.proxima.rl.common.OffPolicyLearner;
import dev.proxima.rl.common.ReplayBuffer;
import dev.proxima.rl.sac.Sac;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Off-policy Mirror Descent Policy Optimization: a tanh-Gaussian actor trained on a KL-proximal
 * step towards a copy of itself frozen every m env steps, with twin Q critics and a state-value
 * network bootstrapped through a Polyak-averaged copy (the SAC-v1 layout of the authors' code).
 *
 * <p>Paper: Tomar, Shani, Efroni, Ghavamzadeh (2022), "Mirror Descent Policy Optimization",
 * ICLR, §5 (off-policy MDPO); every default is the authors' code ({@code mdpo_off}), as in
 * seeds-control spec §1(a).
 *
 * <h2>Losses (one minibatch, one gradient step each)</h2>
 * <pre>
 *   ã ~ π_θ(·|s) reparameterised (u = μ + σ·ε, ã = tanh u); log π_old evaluated at the same u
 *   L_π = mean( c·log π_θ(ã|s) + (λ − c)·log π_old(ã|s) − Q_1(s, ã) ) + 1e-3·(mean μ² + mean log σ²)
 *   L_V = ½·mean( V(s) − [min_i Q_i(s, ã) − λ·log π_θ(ã|s)] )²
 *   L_Q = ½·mean( Q_i(s, a) − (r + γ·(1 − terminated)·V̄(s′)) )²,  i = 1, 2
 *   V̄ ← τ·V + (1 − τ)·V̄ after every step;  π_old ← π_θ whenever (env step mod m) = 0
 * </pre>
 * Written out, L_π = c·mean(log π_θ − log π_old) + λ·mean(log π_old) − mean(Q_1): the first term
 * is a one-sample estimate of KL(π_θ‖π_old) whose gradient reaches θ through ã in both
 * log-densities. With c = λ the loss is SAC's ({@link Sac#policyLoss} on Q_1). The policy step
 * is taken first; the critics' step then uses the values computed before it (ã, log π_θ and
 * min Q at ã), which is what the code's single graph evaluation with a control dependency does.
 *
 * <h2>Departures and implementation details</h2>
 * <ol>
 *   <li>Truncated episodes bootstrap from their final observation (the code stores Gym's
 *       {@code done}, so it also cuts the return at the 1,000-step time limit).</li>
 *   <li>The behaviour policy samples by default; the code acts with the deterministic mean after
 *       the warm-up, which {@link Config#behaviourDeterministic} reproduces.</li>
 *   <li>The tanh log-density correction is the exact stable form of {@link TanhGaussian}; the
 *       code uses {@code log(1 − tanh²u + 1e-6)} and divides by {@code σ + 1e-6}.</li>
 *   <li>Actions are scaled affinely to the action box and the critics see the scaled action
 *       (the code requires a symmetric box and feeds the critics the unscaled one; the two agree
 *       on the MuJoCo tasks, whose boxes are [−1, 1]).</li>
 * </ol>
 *
 * <p>Thread safety: a {@link Learner} is single-threaded.
 */
public final class OffPolicyMdpo {
    private OffPolicyMdpo() {}

    /**
     * Off-policy MDPO hyperparameters.
     *
     * @param hiddenSize             width of the two hidden ReLU layers of every network (code: 256)
     * @param batchSize              transitions per gradient step (code: 256)
     * @param learningRate           Adam step size of the policy and of the value networks (code: 3e-4)
     * @param gamma                  discount (code: 0.99)
     * @param tau                    Polyak coefficient of V̄ (code: 0.005)
     * @param bufferSize             replay capacity (code: 1e6)
     * @param learningStarts         uniformly random actions before the first update (code: 10,000)
     * @param lambda                 λ, the entropy coefficient (code: 0.2)
     * @param klConstant             c, the weight of the proximal KL term (code: {@code klconst} 1.0)
     * @param copyEvery              m, env steps between hard copies π_old ← π_θ (code: 1,000)
     * @param outputRegularization   weight of the penalty on the mean and log-std outputs (code: 1e-3)
     * @param behaviourDeterministic act with tanh(μ) after the warm-up, as the code does (default: false)
     */
    public record Config(int hiddenSize, int batchSize, double learningRate, double gamma, double tau, int bufferSize,
                         int learningStarts, double lambda, double klConstant, int copyEvery,
                         double outputRegularization, boolean behaviourDeterministic) {
        public Config {
            Checks.positive(hiddenSize, "hiddenSize");
            Checks.positive(batchSize, "batchSize");
            Checks.positive(learningRate, "learningRate");
            Checks.inClosed(gamma, 0, 1, "gamma");
            Checks.inClosed(tau, 0, 1, "tau");
            Checks.positive(bufferSize, "bufferSize");
            Checks.nonNegative(learningStarts, "learningStarts");
            Checks.nonNegative(lambda, "lambda");
            Checks.nonNegative(klConstant, "klConstant");
            Checks.positive(copyEvery, "copyEvery");
            Checks.nonNegative(outputRegularization, "outputRegularization");
        }

        /** MuJoCo: the authors' {@code run_mujoco.py} (2×256 nets, 10,000 random steps, λ 0.2, c 1, m 1,000). */
        public static Config mujoco() {
            return new Config(256, 256, 3e-4, 0.99, 0.005, 1_000_000, 10_000, 0.2, 1.0, 1000, 1e-3, false);
        }

        /** The CPU Pendulum setting of spec §1(b): 2×64 nets, batch 128, 1,000 random steps; the rest as {@link #mujoco()}. */
        public static Config pendulum() {
            return new Config(64, 128, 3e-4, 0.99, 0.005, 1_000_000, 1_000, 0.2, 1.0, 1000, 1e-3, false);
        }
    }

    /** {@code mean(c·log π + (λ − c)·log π_old − Q_1)}. */
    public static Tensor policyLoss(Graph g, Tensor logPi, Tensor logPiOld, Tensor q1, float c, float lambda) {
        return g.mean(g.sub(g.add(g.scale(logPi, c), g.scale(logPiOld, lambda - c)), q1));
    }

    /** The code's output regulariser {@code w·(mean μ² + mean log σ²)}, averaged over batch and action dimensions. */
    static Tensor outputRegularizer(Graph g, Tensor mean, Tensor logStd, float weight) {
        return g.scale(g.add(g.mean(g.square(mean)), g.mean(g.square(logStd))), weight);
    }

    /**
     * L_π on a batch of observations {@code s}, with fresh noise ε drawn from {@code rng}: returns
     * {L_π, log π_θ(ã|s), log π_old(ã|s), Q_1(s, ã), Q_2(s, ã)}. π_old's parameters must be
     * frozen; its density still depends on θ through ã.
     */
    static Tensor[] policyObjective(Graph g, Config config, Sac.Actor actor, Sac.Actor old, Mlp q1, Mlp q2, Tensor s,
                                    float[] noise, Rng rng, float[] scale, float[] offset) {
        Tensor[] pi = actor.reparameterised(g, s, noise, rng, scale, offset);
        Tensor[] oldDist = old.forward(g, s);
        Tensor logPiOld = TanhGaussian.logProb(g, oldDist[0], oldDist[1], pi[2]);
        Tensor sPi = g.concatColumns(s, pi[0]);
        Tensor q1Pi = q1.forward(g, sPi), q2Pi = q2.forward(g, sPi);
        Tensor loss = g.add(
                policyLoss(g, pi[1], logPiOld, q1Pi, (float) config.klConstant(), (float) config.lambda()),
                outputRegularizer(g, pi[3], pi[4], (float) config.outputRegularization()));
        return new Tensor[] {loss, pi[1], logPiOld, q1Pi, q2Pi};
    }

    /** A ReLU network initialised as TensorFlow's dense layers (the code's). */
    static Mlp network(int in, int hidden, Rng rng) {
        return Mlp.glorotInit(new int[] {in, hidden, hidden, 1}, Activation.RELU, rng);
    }

    /** The trainer: environment loop, replay, updates. */
    public static final class Learner implements OffPolicyLearner {
        private final Config config;
        private final int obsSize, actSize;
        private final Rng rng;
        private final Sac.Actor actor, old;
        private final Mlp q1, q2, value, valueTarget;
        private final Optimizer policyOptimizer, valuesOptimizer;
        private final Experience experience;
        private final ReplayBuffer.Batch batch;
        /** V's regression targets of the current batch, taken from the policy step's forward pass. */
        private final float[] valueTargets;
        private final float[] qTargets;
        private final Graph graph = new Graph();
        private final Graph acting = Graph.inference();
        private final float[] noise, scale, offset;
        /** Last update: policy loss, Q loss (both critics), V loss, KL(π_θ‖π_old) estimate. */
        private final double[] last = new double[4];

        public Learner(Config config, Env<float[], float[]> env, long seed) {
            this.config = config;
            this.obsSize = Experience.observationSize(env);
            this.actSize = ((Box) env.actionSpace()).low().length;
            Rng root = Rng.of(seed);
            Rng init = root.split();
            this.rng = root.split();
            int h = config.hiddenSize();
            this.actor = Sac.Actor.tensorflowStyle(obsSize, actSize, h, init);
            this.old = Sac.Actor.tensorflowStyle(obsSize, actSize, h, init);
            this.q1 = network(obsSize + actSize, h, init);
            this.q2 = network(obsSize + actSize, h, init);
            this.value = network(obsSize, h, init);
            this.valueTarget = network(obsSize, h, init);
            valueTarget.copyFrom(value);
            this.policyOptimizer = OffPolicy.adam(actor.parameters(), config.learningRate());
            List<Tensor> values = new ArrayList<>(q1.parameters());
            values.addAll(q2.parameters());
            values.addAll(value.parameters());
            this.valuesOptimizer = OffPolicy.adam(values, config.learningRate());
            OffPolicy.trainable(old.parameters(), false);
            this.batch = new ReplayBuffer.Batch(config.batchSize(), obsSize, actSize);
            this.valueTargets = new float[config.batchSize()];
            this.qTargets = new float[config.batchSize()];
            this.noise = new float[config.batchSize() * actSize];
            this.experience = new Experience(env, config.bufferSize(), root.nextLong());
            this.scale = experience.scale();
            this.offset = experience.offset();
        }

        @Override
        public Experience experience() {
            return experience;
        }

        @Override
        public Map<String, Double> lastMetrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss/critic", last[1]);
            m.put("loss/actor", last[0]);
            m.put("loss/value", last[2]);
            m.put("kl_to_old", last[3]);
            return m;
        }

        /**
         * One env step (random before {@code learningStarts}), one update once learning has
         * started, then π_old ← π_θ if the step's index (counted from 0) is a multiple of m.
         */
        @Override
        public void step() {
            long index = experience.envSteps();
            float[] action = index < config.learningStarts() ? experience.randomAction(rng)
                    : actor.act(acting, experience.observation(), config.behaviourDeterministic() ? null : rng, scale, offset);
            experience.step(action);
            if (experience.envSteps() >= config.learningStarts()) {
                update();
            }
            if (index % config.copyEvery() == 0) {
                old.copyFrom(actor);
            }
        }

        /** The deterministic action {@code tanh(mean)}, scaled to the action box. */
        @Override
        public float[] act(float[] obs) {
            return actor.act(acting, obs, null, scale, offset);
        }

        @Override
        public void savePolicy(StateDict out) {
            actor.saveState(out, "actor");
        }

        /** The policy step, then one step on Q_1, Q_2 and V together, then the Polyak update of V̄. */
        void update() {
            experience.buffer().sample(rng, batch);
            int n = batch.size;
            float lambda = (float) config.lambda();

            // Policy, through frozen critics.
            graph.reset();
            policyOptimizer.zeroGrad();
            OffPolicy.trainable(valuesOptimizer.parameters(), false);
            Tensor[] p = policyObjective(graph, config, actor, old, q1, q2, graph.constant(batch.observations, 0, n, obsSize),
                    noise, rng, scale, offset);
            Tensor policyLoss = p[0], logPi = p[1], logPiOld = p[2], q1Pi = p[3], q2Pi = p[4];
            graph.backward(policyLoss);
            OffPolicy.trainable(valuesOptimizer.parameters(), true);
            policyOptimizer.step();
            double kl = 0;
            for (int i = 0; i < n; i++) {
                valueTargets[i] = Math.min(q1Pi.data[i], q2Pi.data[i]) - lambda * logPi.data[i];
                kl += logPi.data[i] - logPiOld.data[i];
            }
            last[0] = policyLoss.item();
            last[3] = kl / n;

            // Q targets from the slow value network, without gradients.
            graph.reset();
            Tensor vNext = valueTarget.forward(graph, graph.constant(batch.nextObservations, 0, n, obsSize));
            for (int i = 0; i < n; i++) {
                qTargets[i] = (float) (batch.rewards[i] + config.gamma() * batch.notTerminated[i] * vNext.data[i]);
            }

            // Q_1, Q_2 and V in one Adam step on the sum of their losses.
            graph.reset();
            valuesOptimizer.zeroGrad();
            Tensor obs = graph.constant(batch.observations, 0, n, obsSize);
            Tensor sa = graph.concatColumns(obs, graph.constant(batch.actions, 0, n, actSize));
            Tensor y = graph.constant(qTargets, 0, n, 1);
            Tensor qLoss = graph.add(halfMeanSquare(graph, q1.forward(graph, sa), y),
                    halfMeanSquare(graph, q2.forward(graph, sa), y));
            Tensor vLoss = halfMeanSquare(graph, value.forward(graph, obs), graph.constant(valueTargets, 0, n, 1));
            graph.backward(graph.add(qLoss, vLoss));
            valuesOptimizer.step();
            last[1] = qLoss.item();
            last[2] = vLoss.item();

            OffPolicy.softUpdate(valueTarget, value, config.tau());
        }

        private static Tensor halfMeanSquare(Graph g, Tensor prediction, Tensor target) {
            return g.scale(g.mean(g.square(g.sub(prediction, target))), 0.5f);
        }
    }
}
