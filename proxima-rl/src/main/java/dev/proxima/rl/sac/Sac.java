package dev.proxima.rl.sac;

import dev.proxima.core.dist.TanhGaussian;
import dev.proxima.core.env.Env;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.nn.Activation;
import dev.proxima.core.nn.Linear;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Soft Actor-Critic for continuous actions.
 *
 * <p>Papers: Haarnoja, Zhou, Abbeel, Levine (2018), "Soft Actor-Critic: Off-Policy Maximum
 * Entropy Deep Reinforcement Learning with a Stochastic Actor", ICML; and Haarnoja et al. (2018),
 * "Soft Actor-Critic Algorithms and Applications", arXiv:1812.05905 (twin critics without a
 * separate value network, automatic entropy tuning). {@link Config#defaults()} is that paper's
 * Table 1.
 *
 * <h2>Losses</h2>
 * <pre>
 *   ã ~ π(·|s) (tanh-squashed Gaussian, reparameterised), a' ~ π(·|s')
 *   y        = r + γ·(1 − terminated)·( min_i Q̄_i(s', a') − α·log π(a'|s') )
 *   L_Q      = mean( (Q_1(s,a) − y)² ) + mean( (Q_2(s,a) − y)² )
 *   L_π      = mean( α·log π(ã|s) − min_i Q_i(s, ã) )
 *   L_α      = mean( −α·(log π(ã|s) + H̄) ),  H̄ = −dim(A)     (automatic tuning only)
 *   Q̄_i     ← τ·Q_i + (1 − τ)·Q̄_i after every update
 * </pre>
 *
 * <p>Every layer starts as PyTorch's {@code nn.Linear} does (uniform ±1/√fan-in), as in the
 * authors' code, whose hyperparameters assume it (not the orthogonal initialisation of Proxima's
 * PPO networks).
 *
 * <h2>Departures and implementation details</h2>
 * <ol>
 *   <li>Actions are squashed to [−1, 1] and scaled affinely to the action box; the log-density
 *       omits the constant −Σ log(scale) of that scaling (it shifts the entropy target, and with
 *       it α, by a constant, and no gradient).</li>
 *   <li>The log-std head is squashed into [−5, 2] by tanh, as in CleanRL's
 *       {@code sac_continuous_action.py}.</li>
 *   <li>Truncated episodes bootstrap from their final observation; only true terminal states
 *       cut the return.</li>
 * </ol>
 *
 * <p>Thread safety: a {@link Learner} is single-threaded.
 */
public final class Sac {
    private Sac() {}

    /**
     * SAC hyperparameters.
     *
     * @param hiddenSize      width of the two hidden ReLU layers of actor and critics (paper: 256)
     * @param batchSize       transitions per gradient step (paper: 256)
     * @param learningRate    Adam step size of actor, critics and α (paper: 3e-4)
     * @param gamma           discount (paper: 0.99)
     * @param tau             target smoothing coefficient (paper: 0.005)
     * @param bufferSize      replay capacity (paper: 1e6)
     * @param learningStarts  uniformly random actions before the first update (CleanRL: 5,000)
     * @param alpha           entropy coefficient: fixed, or the starting value when tuned
     * @param autotuneAlpha   learn α towards the entropy target −dim(A) (paper: yes)
     */
    public record Config(int hiddenSize, int batchSize, double learningRate, double gamma, double tau, int bufferSize,
                         int learningStarts, double alpha, boolean autotuneAlpha) {
        public Config {
            Checks.positive(hiddenSize, "hiddenSize");
            Checks.positive(batchSize, "batchSize");
            Checks.positive(learningRate, "learningRate");
            Checks.inClosed(gamma, 0, 1, "gamma");
            Checks.inClosed(tau, 0, 1, "tau");
            Checks.positive(bufferSize, "bufferSize");
            Checks.nonNegative(learningStarts, "learningStarts");
            Checks.positive(alpha, "alpha");
        }

        /** Haarnoja et al. (2018b), Table 1, with automatic entropy tuning. */
        public static Config defaults() {
            return new Config(256, 256, 3e-4, 0.99, 0.005, 1_000_000, 5_000, 1.0, true);
        }

        /**
         * The CPU Pendulum setting of the MDPO comparison (seeds-control spec §1(b)): 2×64 nets,
         * batch 128, 1,000 random steps, α = 0.2 fixed.
         */
        public static Config pendulum() {
            return new Config(64, 128, 3e-4, 0.99, 0.005, 1_000_000, 1_000, 0.2, false);
        }
    }

    /** How the actor keeps its log-std head in range. */
    public enum LogStdBound {
        /** Squashed into [−5, 2] by tanh, as in CleanRL's {@code sac_continuous_action.py}. */
        SQUASHED,
        /** Clipped to [−20, 2] (no gradient outside), as in the SAC authors' first code and Stable Baselines 2. */
        CLIPPED
    }

    /** The tanh-Gaussian actor: a ReLU trunk with mean and log-std heads. */
    public static final class Actor {
        final Mlp trunk;
        final Linear mean, logStd;
        private final LogStdBound bound;
        static final float LOG_STD_MAX = 2f, SQUASHED_LOG_STD_MIN = -5f, CLIPPED_LOG_STD_MIN = -20f;

        /** SAC's actor: layers initialised as PyTorch's {@code nn.Linear}, log-std squashed. */
        public Actor(int observations, int actions, int hidden, Rng rng) {
            this(Mlp.uniformInit(new int[] {observations, hidden, hidden}, Activation.RELU, rng),
                    new Linear(hidden, actions).initUniform(rng), new Linear(hidden, actions).initUniform(rng),
                    LogStdBound.SQUASHED);
        }

        /** The Stable Baselines 2 actor: TensorFlow's default initialisation, log-std clipped. */
        public static Actor tensorflowStyle(int observations, int actions, int hidden, Rng rng) {
            return new Actor(Mlp.glorotInit(new int[] {observations, hidden, hidden}, Activation.RELU, rng),
                    new Linear(hidden, actions).initGlorot(rng), new Linear(hidden, actions).initGlorot(rng),
                    LogStdBound.CLIPPED);
        }

        private Actor(Mlp trunk, Linear mean, Linear logStd, LogStdBound bound) {
            this.trunk = trunk;
            this.mean = mean;
            this.logStd = logStd;
            this.bound = bound;
        }

        /** {mean, logStd} of the pre-squash Gaussian for each row of {@code s}. */
        public Tensor[] forward(Graph g, Tensor s) {
            Tensor h = g.relu(trunk.forward(g, s));
            Tensor raw = logStd.forward(g, h);
            Tensor ls = switch (bound) {
                case SQUASHED -> g.addScalar(g.scale(g.addScalar(g.tanh(raw), 1f),
                        0.5f * (LOG_STD_MAX - SQUASHED_LOG_STD_MIN)), SQUASHED_LOG_STD_MIN);
                case CLIPPED -> g.clamp(raw, CLIPPED_LOG_STD_MIN, LOG_STD_MAX);
            };
            return new Tensor[] {mean.forward(g, h), ls};
        }

        /**
         * Samples ã = scale·tanh(μ + σ·ε) + offset, reparameterised, with ε drawn into
         * {@code noise} (one row per row of {@code s}); returns {ã, log π(ã|s), u = μ + σ·ε, μ, log σ}.
         */
        public Tensor[] reparameterised(Graph g, Tensor s, float[] noise, Rng rng, float[] scale, float[] offset) {
            Tensor[] dist = forward(g, s);
            int actions = scale.length;
            for (int i = 0; i < s.rows * actions; i++) noise[i] = (float) rng.nextGaussian();
            Tensor eps = g.constant(noise, 0, s.rows, actions);
            Tensor u = TanhGaussian.preSquashSample(g, dist[0], dist[1], eps);
            Tensor logProb = TanhGaussian.logProb(g, dist[0], dist[1], u);
            Tensor a = g.add(g.mul(TanhGaussian.squash(g, u), g.constant(scale, 0, 1, actions)),
                    g.constant(offset, 0, 1, actions));
            return new Tensor[] {a, logProb, u, dist[0], dist[1]};
        }

        /**
         * One action for one observation in the box: sampled from the policy, or the deterministic
         * {@code tanh(mean)} when {@code rng} is null. {@code g} is an inference graph reused across calls.
         */
        public float[] act(Graph g, float[] obs, Rng rng, float[] scale, float[] offset) {
            g.reset();
            Tensor[] dist = forward(g, g.constant(obs, 0, 1, obs.length));
            float[] a = new float[scale.length];
            for (int j = 0; j < a.length; j++) {
                double u = dist[0].data[j] + (rng == null ? 0 : Math.exp(dist[1].data[j]) * rng.nextGaussian());
                a[j] = (float) (Math.tanh(u) * scale[j] + offset[j]);
            }
            return a;
        }

        public List<Tensor> parameters() {
            List<Tensor> p = new ArrayList<>(trunk.parameters());
            p.addAll(mean.parameters());
            p.addAll(logStd.parameters());
            return p;
        }

        /** Copies another actor's parameters into this one (same sizes). */
        public void copyFrom(Actor other) {
            List<Tensor> mine = parameters(), theirs = other.parameters();
            for (int k = 0; k < mine.size(); k++) {
                System.arraycopy(theirs.get(k).data, 0, mine.get(k).data, 0, mine.get(k).data.length);
            }
        }

        /** Writes the weights under {@code prefix.trunk}, {@code prefix.mean} and {@code prefix.log_std}. */
        public void saveState(StateDict out, String prefix) {
            trunk.saveState(out, prefix + ".trunk");
            mean.saveState(out, prefix + ".mean");
            logStd.saveState(out, prefix + ".log_std");
        }
    }

    /** SAC's policy loss {@code mean(α·log π(ã|s) − Q(s, ã))}, with Q the twin minimum in this learner. */
    public static Tensor policyLoss(Graph g, Tensor logPi, Tensor q, float alpha) {
        return g.mean(g.sub(g.scale(logPi, alpha), q));
    }

    /** A critic Q(s, a) on the concatenated state and (scaled) action. */
    static Mlp critic(int observations, int actions, int hidden, Rng rng) {
        return Mlp.uniformInit(new int[] {observations + actions, hidden, hidden, 1}, Activation.RELU, rng);
    }

    /** The trainer: environment loop, replay, updates. */
    public static final class Learner implements OffPolicyLearner {
        private final Config config;
        private final int obsSize, actSize;
        private final Rng rng;
        private final Actor actor;
        private final Mlp q1, q2, q1Target, q2Target;
        private final Optimizer actorOptimizer, criticOptimizer, alphaOptimizer;
        private final Tensor logAlpha = Tensor.parameter(1, 1);
        private final Experience experience;
        private final ReplayBuffer.Batch batch;
        /** The critics' regression targets of the current batch. */
        private final float[] targets;
        private final Graph graph = new Graph();
        private final Graph acting = Graph.inference();
        private final float[] noise, scale, offset;
        private final double targetEntropy;
        /** Last update's losses: critic, actor, α. */
        private final double[] lastLosses = new double[3];

        public Learner(Config config, Env<float[], float[]> env, long seed) {
            this.config = config;
            this.obsSize = Experience.observationSize(env);
            this.actSize = ((Box) env.actionSpace()).low().length;
            Rng root = Rng.of(seed);
            Rng init = root.split();
            this.rng = root.split();
            this.actor = new Actor(obsSize, actSize, config.hiddenSize(), init);
            this.q1 = critic(obsSize, actSize, config.hiddenSize(), init);
            this.q2 = critic(obsSize, actSize, config.hiddenSize(), init);
            this.q1Target = critic(obsSize, actSize, config.hiddenSize(), init);
            this.q2Target = critic(obsSize, actSize, config.hiddenSize(), init);
            q1Target.copyFrom(q1);
            q2Target.copyFrom(q2);
            this.actorOptimizer = OffPolicy.adam(actor.parameters(), config.learningRate());
            List<Tensor> critics = new ArrayList<>(q1.parameters());
            critics.addAll(q2.parameters());
            this.criticOptimizer = OffPolicy.adam(critics, config.learningRate());
            this.logAlpha.data[0] = (float) Math.log(config.alpha());
            this.alphaOptimizer = OffPolicy.adam(List.of(logAlpha), config.learningRate());
            this.targetEntropy = -actSize;
            this.batch = new ReplayBuffer.Batch(config.batchSize(), obsSize, actSize);
            this.targets = new float[config.batchSize()];
            this.noise = new float[config.batchSize() * actSize];
            this.experience = new Experience(env, config.bufferSize(), root.nextLong());
            this.scale = experience.scale();
            this.offset = experience.offset();
        }

        /** The current entropy coefficient α. */
        public double alpha() {
            return Math.exp(logAlpha.data[0]);
        }

        @Override
        public Experience experience() {
            return experience;
        }

        /** Losses of the last update: {critic, actor, α} (α's is 0 when α is fixed). */
        public double[] lastLosses() {
            return lastLosses.clone();
        }

        @Override
        public Map<String, Double> lastMetrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss/critic", lastLosses[0]);
            m.put("loss/actor", lastLosses[1]);
            m.put("loss/alpha", lastLosses[2]);
            m.put("alpha", alpha());
            return m;
        }

        /** One env step (random before {@code learningStarts}), then one update once learning has started. */
        @Override
        public void step() {
            boolean warmUp = experience.envSteps() < config.learningStarts();
            experience.step(warmUp ? experience.randomAction(rng)
                    : actor.act(acting, experience.observation(), rng, scale, offset));
            if (experience.envSteps() >= config.learningStarts()) {
                update();
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

        /** One gradient step on the critics, the actor and (if tuned) α, then the target update. */
        void update() {
            experience.buffer().sample(rng, batch);
            int n = batch.size;
            float alpha = (float) alpha();

            // Critic target y, without gradients.
            graph.reset();
            Tensor s2 = graph.constant(batch.nextObservations, 0, n, obsSize);
            Tensor[] next = actor.reparameterised(graph, s2, noise, rng, scale, offset);
            Tensor sa2 = graph.concatColumns(s2, next[0]);
            Tensor minTarget = graph.min(q1Target.forward(graph, sa2), q2Target.forward(graph, sa2));
            float[] y = targets;
            for (int i = 0; i < n; i++) {
                double soft = minTarget.data[i] - alpha * next[1].data[i];
                y[i] = (float) (batch.rewards[i] + config.gamma() * batch.notTerminated[i] * soft);
            }

            // Critics.
            graph.reset();
            criticOptimizer.zeroGrad();
            Tensor sa = graph.concatColumns(graph.constant(batch.observations, 0, n, obsSize),
                    graph.constant(batch.actions, 0, n, actSize));
            Tensor target = graph.constant(y, 0, n, 1);
            Tensor criticLoss = graph.add(graph.mean(graph.square(graph.sub(q1.forward(graph, sa), target))),
                    graph.mean(graph.square(graph.sub(q2.forward(graph, sa), target))));
            graph.backward(criticLoss);
            criticOptimizer.step();
            lastLosses[0] = criticLoss.item();

            // Actor, through frozen critics.
            graph.reset();
            actorOptimizer.zeroGrad();
            OffPolicy.trainable(criticOptimizer.parameters(), false);
            Tensor s = graph.constant(batch.observations, 0, n, obsSize);
            Tensor[] pi = actor.reparameterised(graph, s, noise, rng, scale, offset);
            Tensor sPi = graph.concatColumns(s, pi[0]);
            Tensor actorLoss = policyLoss(graph, pi[1], graph.min(q1.forward(graph, sPi), q2.forward(graph, sPi)), alpha);
            graph.backward(actorLoss);
            OffPolicy.trainable(criticOptimizer.parameters(), true);
            actorOptimizer.step();
            lastLosses[1] = actorLoss.item();

            // α towards the entropy target: dL/dlogα = −α·mean(logπ + H̄).
            if (config.autotuneAlpha()) {
                double meanLogPi = 0;
                for (int i = 0; i < n; i++) meanLogPi += pi[1].data[i];
                meanLogPi /= n;
                alphaOptimizer.zeroGrad();
                logAlpha.grad()[0] = (float) (-alpha * (meanLogPi + targetEntropy));
                alphaOptimizer.step();
                lastLosses[2] = -alpha * (meanLogPi + targetEntropy);
            }

            OffPolicy.softUpdate(q1Target, q1, config.tau());
            OffPolicy.softUpdate(q2Target, q2, config.tau());
        }
    }
}
