package dev.proxima.rl.common;

import dev.proxima.core.dist.Categorical;
import dev.proxima.core.dist.DiagGaussian;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.nn.Activation;
import dev.proxima.core.nn.Mlp;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;
import dev.proxima.core.space.Discrete;
import dev.proxima.core.space.Space;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Separate actor and critic MLPs for on-policy methods (PPO, on-policy MDPO). The actor outputs
 * categorical logits for a Discrete action space, or the mean of a diagonal Gaussian with a
 * state-independent log standard deviation (a parameter, initialised to 0) for a Box space.
 * Initialisation follows the PPO reference implementations: orthogonal, gain √2 for hidden
 * layers, 0.01 for the actor's output layer and 1 for the critic's.
 */
public final class ActorCritic {
    private final Mlp actor;
    private final Mlp critic;
    private final Tensor logStd;
    private final int observationSize;
    private final int actionSize;

    public ActorCritic(int observationSize, Space<?> actionSpace, int[] hidden, Activation activation, Rng rng) {
        this.observationSize = observationSize;
        if (actionSpace instanceof Discrete d) {
            this.actionSize = d.n();
            this.logStd = null;
        } else if (actionSpace instanceof Box b) {
            this.actionSize = b.flatSize();
            this.logStd = Tensor.parameter(1, actionSize);
        } else {
            throw new IllegalArgumentException("unsupported action space " + actionSpace);
        }
        this.actor = new Mlp(sizes(observationSize, hidden, actionSize), activation, 0.01, rng);
        this.critic = new Mlp(sizes(observationSize, hidden, 1), activation, 1.0, rng);
    }

    private static int[] sizes(int in, int[] hidden, int out) {
        int[] s = new int[hidden.length + 2];
        s[0] = in;
        System.arraycopy(hidden, 0, s, 1, hidden.length);
        s[s.length - 1] = out;
        return s;
    }

    public boolean isDiscrete() {
        return logStd == null;
    }

    /** Number of discrete actions, or the dimension of a continuous action. */
    public int actionSize() {
        return actionSize;
    }

    public int observationSize() {
        return observationSize;
    }

    /** Logits (discrete) or Gaussian means (continuous), {@code [m, actionSize]}. */
    public Tensor actorOutput(Graph g, Tensor observations) {
        return actor.forward(g, observations);
    }

    /** V(s), {@code [m, 1]}. */
    public Tensor value(Graph g, Tensor observations) {
        return critic.forward(g, observations);
    }

    /** The state-independent log standard deviation {@code [1, d]}; null for discrete actions. */
    public Tensor logStd() {
        return logStd;
    }

    /** {@code log π(a|s)} per row, {@code [m, 1]}; actions as indices or as a {@code [m, d]} tensor. */
    public Tensor logProb(Graph g, Tensor actorOutput, int[] discreteActions, Tensor continuousActions) {
        return isDiscrete() ? Categorical.logProb(g, actorOutput, discreteActions)
                : DiagGaussian.logProb(g, actorOutput, logStd, continuousActions);
    }

    /** Entropy per row ({@code [m, 1]}, or {@code [1, 1]} for the state-independent Gaussian). */
    public Tensor entropy(Graph g, Tensor actorOutput) {
        return isDiscrete() ? Categorical.entropy(g, actorOutput) : DiagGaussian.entropy(g, logStd);
    }

    /** {@code KL(π_this(·|s) ‖ π_old(·|s))} per row, from the two actor outputs and the old log-std. */
    public Tensor klTo(Graph g, Tensor actorOutput, Tensor oldActorOutput, Tensor oldLogStd) {
        return isDiscrete() ? Categorical.kl(g, actorOutput, oldActorOutput)
                : DiagGaussian.kl(g, actorOutput, logStd, oldActorOutput, oldLogStd);
    }

    /**
     * Samples actions for {@code m} observations and records their log-probabilities and values;
     * allocation-free on an inference graph after the first call.
     *
     * @param deterministic take the mode (argmax / mean) instead of sampling
     */
    public void act(Graph g, float[] observations, int m, Rng rng, boolean deterministic, int[] discreteOut,
                    float[] continuousOut, float[] logProbOut, float[] valueOut) {
        g.reset();
        Tensor obs = g.constant(observations, 0, m, observationSize);
        Tensor out = actor.forward(g, obs);
        if (valueOut != null) {
            Tensor v = critic.forward(g, obs);
            System.arraycopy(v.data, 0, valueOut, 0, m);
        }
        for (int i = 0; i < m; i++) {
            int o = i * actionSize;
            if (isDiscrete()) {
                int a = deterministic ? Categorical.mode(out.data, o, actionSize)
                        : Categorical.sample(out.data, o, actionSize, rng);
                discreteOut[i] = a;
                if (logProbOut != null) {
                    logProbOut[i] = (float) Categorical.logProb(out.data, o, actionSize, a);
                }
            } else {
                if (deterministic) {
                    System.arraycopy(out.data, o, continuousOut, o, actionSize);
                } else {
                    DiagGaussian.sample(out.data, o, logStd.data, 0, actionSize, rng, continuousOut, o);
                }
                if (logProbOut != null) {
                    logProbOut[i] = (float) DiagGaussian.logProb(out.data, o, logStd.data, 0, continuousOut, o, actionSize);
                }
            }
        }
    }

    /** V(s) for {@code m} observations into {@code valueOut}. */
    public void values(Graph g, float[] observations, int m, float[] valueOut) {
        g.reset();
        Tensor v = critic.forward(g, g.constant(observations, 0, m, observationSize));
        System.arraycopy(v.data, 0, valueOut, 0, m);
    }

    public List<Tensor> actorParameters() {
        List<Tensor> ps = new ArrayList<>(actor.parameters());
        if (logStd != null) {
            ps.add(logStd);
        }
        return ps;
    }

    public List<Tensor> criticParameters() {
        return critic.parameters();
    }

    public List<Tensor> parameters() {
        List<Tensor> ps = actorParameters();
        ps.addAll(critic.parameters());
        return ps;
    }

    /** Copies all parameter values from a network of the same shape. */
    public void copyFrom(ActorCritic other) {
        List<Tensor> mine = parameters(), theirs = other.parameters();
        for (int i = 0; i < mine.size(); i++) {
            System.arraycopy(theirs.get(i).data, 0, mine.get(i).data, 0, mine.get(i).size());
        }
    }

    public void saveState(StateDict out, String prefix) {
        actor.saveState(out, prefix + "actor");
        critic.saveState(out, prefix + "critic");
        if (logStd != null) {
            out.putFloats(prefix + "log_std", logStd.data, actionSize);
        }
    }

    public void loadState(StateDict in, String prefix) {
        actor.loadState(in, prefix + "actor");
        critic.loadState(in, prefix + "critic");
        if (logStd != null) {
            in.copyFloatsInto(prefix + "log_std", logStd.data);
        }
    }

    @Override
    public String toString() {
        return "ActorCritic(obs " + observationSize + ", " + (isDiscrete() ? actionSize + " discrete actions"
                : "Gaussian " + actionSize + "-d") + ", actor " + Arrays.toString(actor.parameters().stream()
                .mapToInt(Tensor::size).toArray()) + ")";
    }
}
