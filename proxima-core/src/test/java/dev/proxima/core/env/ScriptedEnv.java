package dev.proxima.core.env;

import dev.proxima.core.space.Box;
import dev.proxima.core.space.Discrete;
import dev.proxima.core.space.Space;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic one-feature test env that replays a script: reset shows {@code observations[0]},
 * step k shows {@code observations[k]} with {@code rewards[k - 1]}; the last step terminates.
 * Records the actions it receives. Not Stateful, on purpose.
 */
public final class ScriptedEnv implements Env<float[], Integer> {
    private final float[] observations;
    private final double[] rewards;
    private final List<Integer> actions = new ArrayList<>();
    private int t;
    private boolean running;

    public ScriptedEnv(float[] observations, double[] rewards) {
        if (observations.length != rewards.length + 1) {
            throw new IllegalArgumentException("need one more observation than rewards");
        }
        this.observations = observations.clone();
        this.rewards = rewards.clone();
    }

    public List<Integer> actions() {
        return actions;
    }

    @Override
    public Space<float[]> observationSpace() {
        return Box.uniform(-1000, 1000, 1);
    }

    @Override
    public Space<Integer> actionSpace() {
        return new Discrete(2);
    }

    @Override
    public Reset<float[]> reset(long seed) {
        return reset();
    }

    @Override
    public Reset<float[]> reset() {
        t = 0;
        running = true;
        return new Reset<>(new float[] {observations[0]});
    }

    @Override
    public Step<float[]> step(Integer action) {
        if (!running) {
            throw new IllegalStateException("scripted: episode over or not started");
        }
        actions.add(action);
        t++;
        running = t < rewards.length;
        return new Step<>(new float[] {observations[t]}, rewards[t - 1], !running, false);
    }

    @Override
    public String id() {
        return "Scripted-v0";
    }
}
