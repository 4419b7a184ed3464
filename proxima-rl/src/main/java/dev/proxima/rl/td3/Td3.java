package dev.proxima.rl.td3;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Twin Delayed Deep Deterministic policy gradient (TD3).
 *
 * <p>Paper: Fujimoto, van Hoof, Meger (2018), "Addressing Function Approximation Error in
 * Actor-Critic Methods", ICML. {@link Config#defaults()} follows the paper's Table 3 with the
 * later settings of the authors' and CleanRL's code (Adam 3e-4, batch 256, 25k random steps).
 *
 * <h2>Losses</h2>
 * <pre>
 *   a'   = clip( μ̄(s') + clip(σ̃·scale·ε, −c·scale, c·scale), low, high ),  ε ~ N(0, I)
 *   y    = r + γ·(1 − terminated)·min_i Q̄_i(s', a')
 *   L_Q  = mean( (Q_1(s,a) − y)² ) + mean( (Q_2(s,a) − y)² )
 *   L_μ  = −mean( Q_1(s, μ(s)) )                                   every d-th update
 *   μ̄, Q̄_i ← τ·(μ, Q_i) + (1 − τ)·(μ̄, Q̄_i)                         every d-th update
 * </pre>
 * Exploration: {@code clip(μ(s) + N(0, (σ·scale)²), low, high)} after uniformly random actions
 * for the first {@code learningStarts} steps.
 *
 * <p>Every layer starts as PyTorch's {@code nn.Linear} does (uniform ±1/√fan-in), as in the
 * authors' code, whose hyperparameters assume it (not the orthogonal initialisation of Proxima's
 * PPO networks).
 *
 * <h2>Departures</h2>
 * <ol>
 *   <li>Truncated episodes bootstrap from their final observation.</li>
 * </ol>
 *
 * <p>{@link #criticLossTerms} is the seam MEX-MF extends (an optimism term on the same
 * Q-values); with it off the two are the same algorithm, bit for bit.
 *
 * <p>Thread safety: a {@link Learner} is single-threaded.
 */
public final class Td3 {
    private Td3() {}

    /**
     * TD3 hyperparameters.
     *
     * @param hiddenSize      width of the two hidden ReLU layers (paper: 256)
     * @param batchSize       transitions per gradient step (paper's code: 256)
     * @param learningRate    Adam step size of actor and critics (paper's code: 3e-4)
     * @param gamma           discount (0.99)
     * @param tau             target smoothing (0.005)
     * @param bufferSize      replay capacity (1e6)
     * @param learningStarts  uniformly random actions first (25,000 in the code)
     * @param explorationNoise std of the Gaussian exploration noise, as a fraction of the action scale (0.1)
     * @param policyNoise     std of the target-policy smoothing noise, fraction of the scale (0.2)
     * @param noiseClip       clip of that noise, fraction of the scale (0.5)
     * @param policyDelay     critic updates per actor and target update, d (2)
     */
    public record Config(int hiddenSize, int batchSize, double learningRate, double gamma, double tau, int bufferSize,
                         int learningStarts, double explorationNoise, double policyNoise, double noiseClip, int policyDelay) {
        public Config {
            Checks.positive(hiddenSize, "hiddenSize");
            Checks.positive(batchSize, "batchSize");
            Checks.positive(learningRate, "learningRate");
            Checks.inClosed(gamma, 0, 1, "gamma");
            Checks.inClosed(tau, 0, 1, "tau");
            Checks.positive(bufferSize, "bufferSize");
            Checks.nonNegative(learningStarts, "learningStarts");
            Checks.nonNegative(explorationNoise, "explorationNoise");
            Checks.nonNegative(policyNoise, "policyNoise");
            Checks.nonNegative(noiseClip, "noiseClip");
            Checks.positive(policyDelay, "policyDelay");
        }

        public static Config defaults() {
            return new Config(256, 256, 3e-4, 0.99, 0.005, 1_000_000, 25_000, 0.1, 0.2, 0.5, 2);
        }

        /** The CPU setting of the MEX comparison (seeds-control spec §6(a)): 64-64 nets, 1,000 random steps. */
        public static Config cpu() {
            return new Config(64, 256, 3e-4, 0.99, 0.005, 1_000_000, 1_000, 0.1, 0.2, 0.5, 2);
        }
    }

    /**
     * The critic loss of one update: the two MSE terms, to which MEX-MF adds its optimism term.
     *
     * @param q1 Q_1(s, a) of the batch, {@code [n, 1]}
     * @param q2 Q_2(s, a), {@code [n, 1]}
     * @param y  the TD3 targets, {@code [n, 1]}
     */
    public static Tensor criticLossTerms(Graph g, Tensor q1, Tensor q2, Tensor y) {
        return g.add(g.mean(g.square(g.sub(q1, y))), g.mean(g.square(g.sub(q2, y))));
    }

    /** Extra critic-loss terms on top of TD3's (MEX-MF's optimism); TD3 itself adds none. */
    @FunctionalInterface
    public interface CriticExtension {
        /** @return the term to add to the critic loss, or null for none */
        Tensor extra(Graph g, CriticBatch batch);
    }

    /** What a critic-loss extension sees of the current critic step. */
    public interface CriticBatch {
        /** Q_1(s, a) at the batch's observations and stored actions, {@code [n, 1]}. */
        Tensor q1();

        /** Q_2(s, a), {@code [n, 1]}. */
        Tensor q2();

        /** Q_1(s, ·) at the batch's observations and other actions {@code [n, |A|]}; gradients reach the critic. */
        Tensor q1At(Graph g, Tensor actions);

        /** Q_2(s, ·) likewise. */
        Tensor q2At(Graph g, Tensor actions);

        /** The current actor's actions π(s) at the batch's observations, without gradient to the actor. */
        Tensor policyAtObservations(Graph g);

        /** π(s′) at the batch's next observations, without gradient to the actor. */
        Tensor policyAtNextObservations(Graph g);
    }

    /** The trainer: environment loop, replay, updates. */
    public static final class Learner implements OffPolicyLearner {
        private final Config config;
        private final Box box;
        private final int obsSize, actSize;
        private final Rng rng;
        private final Mlp actor, actorTarget, q1, q2, q1Target, q2Target;
        private final Optimizer actorOptimizer, criticOptimizer;
        private final Experience experience;
        private final ReplayBuffer.Batch batch;
        /** The critics' regression targets of the current batch. */
        private final float[] targets;
        private final Graph graph = new Graph();
        private final Graph acting = Graph.inference();
        private final float[] scale, offset, targetActions;
        private final CriticExtension extension;
        private long updates;
        private final double[] lastLosses = new double[2];

        public Learner(Config config, Env<float[], float[]> env, long seed) {
            this(config, env, seed, (g, b) -> null);
        }

        /** With extra critic-loss terms (MEX-MF). */
        public Learner(Config config, Env<float[], float[]> env, long seed, CriticExtension extension) {
            this.config = config;
            this.extension = extension;
            this.box = (Box) env.actionSpace();
            this.obsSize = Experience.observationSize(env);
            this.actSize = box.low().length;
            Rng root = Rng.of(seed);
            Rng init = root.split();
            this.rng = root.split();
            int h = config.hiddenSize();
            this.actor = Mlp.uniformInit(new int[] {obsSize, h, h, actSize}, Activation.RELU, init);
            this.actorTarget = Mlp.uniformInit(new int[] {obsSize, h, h, actSize}, Activation.RELU, init);
            this.q1 = Mlp.uniformInit(new int[] {obsSize + actSize, h, h, 1}, Activation.RELU, init);
            this.q2 = Mlp.uniformInit(new int[] {obsSize + actSize, h, h, 1}, Activation.RELU, init);
            this.q1Target = Mlp.uniformInit(new int[] {obsSize + actSize, h, h, 1}, Activation.RELU, init);
            this.q2Target = Mlp.uniformInit(new int[] {obsSize + actSize, h, h, 1}, Activation.RELU, init);
            actorTarget.copyFrom(actor);
            q1Target.copyFrom(q1);
            q2Target.copyFrom(q2);
            this.actorOptimizer = OffPolicy.adam(actor.parameters(), config.learningRate());
            List<Tensor> critics = new ArrayList<>(q1.parameters());
            critics.addAll(q2.parameters());
            this.criticOptimizer = OffPolicy.adam(critics, config.learningRate());
            this.batch = new ReplayBuffer.Batch(config.batchSize(), obsSize, actSize);
            this.targets = new float[config.batchSize()];
            this.targetActions = new float[config.batchSize() * actSize];
            this.experience = new Experience(env, config.bufferSize(), root.nextLong());
            this.scale = experience.scale();
            this.offset = experience.offset();
        }

        @Override
        public Experience experience() {
            return experience;
        }

        /** Losses of the last update: {critic, actor} (the actor's from the last delayed update). */
        public double[] lastLosses() {
            return lastLosses.clone();
        }

        @Override
        public Map<String, Double> lastMetrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss/critic", lastLosses[0]);
            m.put("loss/actor", lastLosses[1]);
            return m;
        }

        /** One env step (random before {@code learningStarts}), then one update once learning has started. */
        @Override
        public void step() {
            float[] action;
            if (experience.envSteps() < config.learningStarts()) {
                action = experience.randomAction(rng);
            } else {
                action = act(experience.observation());
                for (int j = 0; j < actSize; j++) {
                    double noisy = action[j] + rng.nextGaussian() * config.explorationNoise() * scale[j];
                    action[j] = (float) Math.min(box.high(j), Math.max(box.low(j), noisy));
                }
            }
            experience.step(action);
            if (experience.envSteps() >= config.learningStarts()) {
                update();
            }
        }

        /** The deterministic action μ(s), scaled to the action box. */
        @Override
        public float[] act(float[] obs) {
            acting.reset();
            Tensor out = actor.forward(acting, acting.constant(obs, 0, 1, obsSize));
            float[] a = new float[actSize];
            for (int j = 0; j < actSize; j++) a[j] = (float) (Math.tanh(out.data[j]) * scale[j] + offset[j]);
            return a;
        }

        @Override
        public void savePolicy(StateDict out) {
            actor.saveState(out, "actor");
        }

        private Tensor policy(Graph g, Mlp net, Tensor s) {
            return g.add(g.mul(g.tanh(net.forward(g, s)), g.constant(scale, 0, 1, actSize)), g.constant(offset, 0, 1, actSize));
        }

        /** One critic step; every {@code policyDelay}-th update also an actor step and the target update. */
        void update() {
            criticStep(experience.buffer());
            if (updates % config.policyDelay() == 0) {
                actorStep();
                OffPolicy.softUpdate(actorTarget, actor, config.tau());
                OffPolicy.softUpdate(q1Target, q1, config.tau());
                OffPolicy.softUpdate(q2Target, q2, config.tau());
            }
        }

        /**
         * Critic-only training on a fixed dataset with the actor frozen (the controlled optimism
         * test of MEX-MF): {@code steps} critic steps, critic targets updated every
         * {@code policyDelay} steps as usual.
         */
        public void trainCritics(ReplayBuffer data, int steps) {
            for (int k = 0; k < steps; k++) {
                criticStep(data);
                if (updates % config.policyDelay() == 0) {
                    OffPolicy.softUpdate(q1Target, q1, config.tau());
                    OffPolicy.softUpdate(q2Target, q2, config.tau());
                }
            }
        }

        /** Mean of Q_1 and Q_2 over a sample of the dataset's own (s, a) pairs. */
        public double meanQ(ReplayBuffer data, int samples) {
            ReplayBuffer.Batch b = new ReplayBuffer.Batch(samples, obsSize, actSize);
            data.sample(rng, b);
            Graph g = Graph.inference();
            Tensor sa = g.concatColumns(g.constant(b.observations, 0, samples, obsSize), g.constant(b.actions, 0, samples, actSize));
            Tensor q1v = q1.forward(g, sa), q2v = q2.forward(g, sa);
            double sum = 0;
            for (int i = 0; i < samples; i++) sum += q1v.data[i] + q2v.data[i];
            return sum / (2 * samples);
        }

        private void criticStep(ReplayBuffer source) {
            source.sample(rng, batch);
            int n = batch.size;

            graph.reset();
            Tensor s2 = graph.constant(batch.nextObservations, 0, n, obsSize);
            Tensor mu2 = policy(graph, actorTarget, s2);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < actSize; j++) {
                    double limit = config.noiseClip() * scale[j];
                    double eps = Math.max(-limit, Math.min(limit, rng.nextGaussian() * config.policyNoise() * scale[j]));
                    double a = mu2.data[i * actSize + j] + eps;
                    targetActions[i * actSize + j] = (float) Math.max(box.low(j), Math.min(box.high(j), a));
                }
            }
            Tensor sa2 = graph.concatColumns(s2, graph.constant(targetActions, 0, n, actSize));
            Tensor minTarget = graph.min(q1Target.forward(graph, sa2), q2Target.forward(graph, sa2));
            float[] y = targets;
            for (int i = 0; i < n; i++) {
                y[i] = (float) (batch.rewards[i] + config.gamma() * batch.notTerminated[i] * minTarget.data[i]);
            }

            graph.reset();
            criticOptimizer.zeroGrad();
            Tensor sa = graph.concatColumns(graph.constant(batch.observations, 0, n, obsSize),
                    graph.constant(batch.actions, 0, n, actSize));
            Tensor q1v = q1.forward(graph, sa), q2v = q2.forward(graph, sa);
            Tensor loss = criticLossTerms(graph, q1v, q2v, graph.constant(y, 0, n, 1));
            Tensor extra = extension.extra(graph, new StepBatch(q1v, q2v, n));
            if (extra != null) {
                loss = graph.add(loss, extra);
            }
            graph.backward(loss);
            criticOptimizer.step();
            lastLosses[0] = loss.item();
            updates++;
        }

        /** The critic step's view for extensions, over {@link #batch}. */
        private final class StepBatch implements CriticBatch {
            private final Tensor q1v, q2v;
            private final int n;

            StepBatch(Tensor q1v, Tensor q2v, int n) {
                this.q1v = q1v;
                this.q2v = q2v;
                this.n = n;
            }

            @Override
            public Tensor q1() {
                return q1v;
            }

            @Override
            public Tensor q2() {
                return q2v;
            }

            @Override
            public Tensor q1At(Graph g, Tensor actions) {
                return q1.forward(g, g.concatColumns(g.constant(batch.observations, 0, n, obsSize), actions));
            }

            @Override
            public Tensor q2At(Graph g, Tensor actions) {
                return q2.forward(g, g.concatColumns(g.constant(batch.observations, 0, n, obsSize), actions));
            }

            @Override
            public Tensor policyAtObservations(Graph g) {
                return frozenPolicy(g, batch.observations);
            }

            @Override
            public Tensor policyAtNextObservations(Graph g) {
                return frozenPolicy(g, batch.nextObservations);
            }

            /** The actor is frozen so that the backward pass of the critic loss skips it. */
            private Tensor frozenPolicy(Graph g, float[] observations) {
                OffPolicy.trainable(actor.parameters(), false);
                Tensor a = policy(g, actor, g.constant(observations, 0, n, obsSize));
                OffPolicy.trainable(actor.parameters(), true);
                return a;
            }
        }

        /** Maximise Q_1(s, μ(s)) on the batch of the last critic step. */
        private void actorStep() {
            int n = batch.size;
            graph.reset();
            actorOptimizer.zeroGrad();
            OffPolicy.trainable(criticOptimizer.parameters(), false);
            Tensor s = graph.constant(batch.observations, 0, n, obsSize);
            Tensor actorLoss = graph.scale(graph.mean(q1.forward(graph, graph.concatColumns(s, policy(graph, actor, s)))), -1f);
            graph.backward(actorLoss);
            OffPolicy.trainable(criticOptimizer.parameters(), true);
            actorOptimizer.step();
            lastLosses[1] = actorLoss.item();
        }
    }
}
