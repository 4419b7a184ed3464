package dev.proxima.rl.common;

import dev.proxima.core.env.VectorEnv;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.nn.Activation;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;

/**
 * What every on-policy learner here shares: the actor-critic, the rollout buffer, the seeded
 * generators, the iteration budget and their checkpointing. Subclasses add their optimizers and
 * their update; the order in which the seed is split (init, action, shuffle) is fixed here so
 * every algorithm given the same seed starts from the same network.
 *
 * @param <C> the algorithm's hyperparameter record
 */
public abstract class RolloutLearner<C extends Record> implements OnPolicyLearner {
    protected final C config;
    protected final ActorCritic agent;
    protected final Rollout rollout;
    protected final Graph actGraph = Graph.inference();
    protected final Graph trainGraph = new Graph();
    protected final Rng actionRng;
    protected final Rng shuffleRng;
    protected final int numIterations;
    protected int iteration;

    /**
     * @param envs       a vector env in SAME_STEP autoreset mode
     * @param numSteps   steps per sub-env per iteration
     * @param totalSteps environment-step budget; the number of iterations is
     *                   ⌊totalSteps / (numSteps·numEnvs)⌋, as in the reference implementations
     * @param seed       seeds the networks, the action sampling, the minibatch order and the envs
     */
    protected RolloutLearner(C config, VectorEnv envs, int numSteps, int[] hidden, Activation activation,
                             long totalSteps, long seed) {
        int batch = numSteps * envs.numEnvs();
        if (totalSteps < batch) {
            throw new IllegalArgumentException("steps must be at least one iteration's batch (numSteps*numEnvs = "
                    + batch + "), was " + totalSteps);
        }
        this.config = config;
        this.numIterations = (int) (totalSteps / batch);
        Rng root = Rng.of(seed);
        Rng init = root.split();
        this.actionRng = root.split();
        this.shuffleRng = root.split();
        this.agent = new ActorCritic(envs.singleObservationSpace().flatSize(), envs.singleActionSpace(),
                hidden, activation, init);
        this.rollout = new Rollout(envs, numSteps);
        rollout.start(seed);
    }

    /** Writes the optimizers' state under {@code prefix}. */
    protected abstract void saveOptimizers(StateDict out, String prefix);

    /** Reads what {@link #saveOptimizers} wrote. */
    protected abstract void loadOptimizers(StateDict in, String prefix);

    @Override
    public boolean done() {
        return iteration >= numIterations;
    }

    @Override
    public int iteration() {
        return iteration;
    }

    @Override
    public int numIterations() {
        return numIterations;
    }

    @Override
    public int batchSize() {
        return rollout.size();
    }

    @Override
    public long envSteps() {
        return rollout.envSteps();
    }

    @Override
    public ActorCritic agent() {
        return agent;
    }

    @Override
    public C config() {
        return config;
    }

    @Override
    public final void saveState(StateDict out, String prefix) {
        agent.saveState(out, prefix);
        saveOptimizers(out, prefix);
        rollout.saveState(out, prefix + "rollout.");
        out.putLongs(prefix + "rng.action", actionRng.state());
        out.putLongs(prefix + "rng.shuffle", shuffleRng.state());
        out.putLongs(prefix + "iteration", new long[] {iteration});
    }

    @Override
    public final void loadState(StateDict in, String prefix) {
        agent.loadState(in, prefix);
        loadOptimizers(in, prefix);
        rollout.loadState(in, prefix + "rollout.");
        actionRng.restore(in.longs(prefix + "rng.action"));
        shuffleRng.restore(in.longs(prefix + "rng.shuffle"));
        iteration = (int) in.longs(prefix + "iteration")[0];
    }
}
