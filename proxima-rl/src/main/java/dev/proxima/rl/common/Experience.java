package dev.proxima.rl.common;

import dev.proxima.core.env.Env;
import dev.proxima.core.env.Step;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;
import java.util.ArrayList;
import java.util.List;

/**
 * The environment side of an off-policy learner on one continuous-control env: steps it with the
 * learner's actions, stores every transition in the replay buffer, keeps the episode returns and
 * resets when an episode ends. Also holds the affine map from a squashed action in [−1, 1] to
 * the action box, which the actors of SAC and TD3 share.
 */
public final class Experience {
    private final Env<float[], float[]> env;
    private final Box box;
    private final ReplayBuffer buffer;
    private final float[] scale, offset;
    private final List<Double> finishedReturns = new ArrayList<>();
    private float[] observation;
    private long envSteps;
    private double episodeReturn;

    /**
     * @param capacity  replay capacity (capped at 2^24 transitions)
     * @param resetSeed seed of the first reset; later resets continue the env's own stream
     */
    public Experience(Env<float[], float[]> env, int capacity, long resetSeed) {
        this.env = env;
        this.box = (Box) env.actionSpace();
        int actions = box.low().length;
        this.buffer = new ReplayBuffer(Math.min(capacity, 1 << 24), observationSize(env), actions);
        this.scale = new float[actions];
        this.offset = new float[actions];
        for (int j = 0; j < actions; j++) {
            scale[j] = (box.high(j) - box.low(j)) / 2f;
            offset[j] = (box.high(j) + box.low(j)) / 2f;
        }
        this.observation = env.reset(resetSeed).observation();
    }

    /** The flat observation size of a continuous-control env. */
    public static int observationSize(Env<float[], float[]> env) {
        return ((Box) env.observationSpace()).low().length;
    }

    /** Takes {@code action} in the env, stores the transition and moves to the next observation. */
    public void step(float[] action) {
        Step<float[]> s = env.step(action);
        buffer.add(observation, action, s.reward(), s.observation(), s.terminated());
        episodeReturn += s.reward();
        envSteps++;
        if (s.done()) {
            finishedReturns.add(episodeReturn);
            episodeReturn = 0;
            observation = env.reset().observation();
        } else {
            observation = s.observation();
        }
    }

    /** A uniformly random action from the box (the warm-up before learning starts). */
    public float[] randomAction(Rng rng) {
        return box.sample(rng);
    }

    /** The observation the next action is for. */
    public float[] observation() {
        return observation;
    }

    public Box actionBox() {
        return box;
    }

    public ReplayBuffer buffer() {
        return buffer;
    }

    /** Half-widths of the action box: action = scale·squashed + offset. */
    public float[] scale() {
        return scale;
    }

    /** Centres of the action box. */
    public float[] offset() {
        return offset;
    }

    public long envSteps() {
        return envSteps;
    }

    /** Returns of the episodes finished so far. */
    public List<Double> episodeReturns() {
        return finishedReturns;
    }
}
