package dev.proxima.bench;

import dev.proxima.core.nn.Activation;
import dev.proxima.core.nn.Mlp;
import dev.proxima.core.optim.Optimizer;
import dev.proxima.core.optim.Optimizers;
import dev.proxima.core.optim.Schedule;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One actor-critic update of the size measured in {@code specs/engine.md} §2c: actor and critic
 * MLPs 4→64→64→{2,1} with tanh, batch 64, categorical log-probabilities, a clipped-ratio surrogate
 * plus value loss minus entropy, backward, global-norm clipping and Adam.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MlpUpdateBenchmark {
    private static final int BATCH = 64;
    private final Graph graph = new Graph();
    private Mlp actor, critic;
    private Optimizer optimizer;
    private Tensor observations, oldLogProbs, advantages, returns;
    private int[] actions;

    @Setup
    public void setUp() {
        Rng rng = Rng.of(1);
        actor = new Mlp(new int[] {4, 64, 64, 2}, Activation.TANH, 0.01, rng);
        critic = new Mlp(new int[] {4, 64, 64, 1}, Activation.TANH, 1.0, rng);
        List<Tensor> params = new ArrayList<>(actor.parameters());
        params.addAll(critic.parameters());
        optimizer = new Optimizer(params, Optimizers.clipByGlobalNorm(0.5), Optimizers.scaleByAdam(0.9, 0.999, 1e-5),
                Optimizers.scaleByLearningRate(Schedule.constant(3e-4)));
        observations = fill(Tensor.of(BATCH, 4, new float[BATCH * 4]), rng);
        oldLogProbs = Tensor.of(BATCH, 1, new float[BATCH]);
        java.util.Arrays.fill(oldLogProbs.data, (float) Math.log(0.5));
        advantages = fill(Tensor.of(BATCH, 1, new float[BATCH]), rng);
        returns = fill(Tensor.of(BATCH, 1, new float[BATCH]), rng);
        actions = new int[BATCH];
        for (int i = 0; i < BATCH; i++) actions[i] = rng.nextInt(2);
    }

    private static Tensor fill(Tensor t, Rng rng) {
        for (int i = 0; i < t.size(); i++) t.data[i] = (float) rng.nextGaussian();
        return t;
    }

    @Benchmark
    public float update() {
        Graph g = graph;
        g.reset();
        Tensor logits = actor.forward(g, observations);
        Tensor logp = g.logSoftmax(logits);
        Tensor ratio = g.exp(g.sub(g.gather(logp, actions), oldLogProbs));
        Tensor surrogate = g.min(g.mul(ratio, advantages), g.mul(g.clamp(ratio, 0.8f, 1.2f), advantages));
        Tensor entropy = g.scale(g.rowSum(g.mul(g.exp(logp), logp)), -1f);
        Tensor valueLoss = g.mean(g.square(g.sub(critic.forward(g, observations), returns)));
        Tensor loss = g.add(g.sub(g.scale(g.mean(surrogate), -1f), g.scale(g.mean(entropy), 0.01f)),
                g.scale(valueLoss, 0.25f));
        g.backward(loss);
        optimizer.step();
        return loss.item();
    }
}
