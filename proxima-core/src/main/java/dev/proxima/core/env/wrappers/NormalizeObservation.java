package dev.proxima.core.env.wrappers;

import dev.proxima.core.env.Env;
import dev.proxima.core.env.Reset;
import dev.proxima.core.env.Step;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.space.Box;
import dev.proxima.core.space.Space;
import dev.proxima.core.util.Checks;

/**
 * Standardizes each observation feature by a running mean and variance (Gymnasium's
 * {@code NormalizeObservation}): {@code clip((x - mean) / sqrt(var + epsilon), -clip, clip)},
 * with the statistics updated from every observation before it is normalized.
 *
 * <p>To evaluate a trained policy, give the evaluation env the training statistics and stop
 * updating them ({@link #setUpdating(boolean)}); otherwise the evaluation episodes shift the
 * normalization the policy was trained with.
 *
 * <p>The observation space becomes {@code Box(-clip, clip)} (unbounded when clip is infinite),
 * since normalized values no longer lie in the original bounds.
 */
public final class NormalizeObservation<A> extends EnvWrapper<float[], A> {
    /**
     * @param epsilon added to the variance before the square root; Gymnasium's 1e-8
     * @param clip    bound on the magnitude of normalized features; 10 as in CleanRL and SB3's
     *                VecNormalize; {@code Double.POSITIVE_INFINITY} for Gymnasium's unclipped wrapper
     */
    public record Config(double epsilon, double clip) {
        public static final Config DEFAULTS = new Config(1e-8, 10.0);

        public Config {
            Checks.positive(epsilon, "epsilon");
            if (!(clip > 0)) {
                throw new IllegalArgumentException("clip must be > 0 (or +Infinity for no clipping), was " + clip);
            }
        }
    }

    private final Config config;
    private final RunningMeanStd statistics;
    private final Box normalizedSpace;
    private boolean updating = true;

    public NormalizeObservation(Env<float[], A> env, Config config) {
        super(env);
        this.config = config;
        int size = env.observationSpace().flatSize();
        this.statistics = new RunningMeanStd(size);
        this.normalizedSpace = Box.uniform((float) -config.clip(), (float) config.clip(), size);
    }

    public NormalizeObservation(Env<float[], A> env) {
        this(env, Config.DEFAULTS);
    }

    public Config config() {
        return config;
    }

    /** The live statistics; use {@link RunningMeanStd#copy()} to keep a snapshot. */
    public RunningMeanStd statistics() {
        return statistics;
    }

    /** Whether observations still update the statistics (true until frozen for evaluation). */
    public boolean isUpdating() {
        return updating;
    }

    /** Freezes ({@code false}) or resumes ({@code true}) updating the statistics. */
    public void setUpdating(boolean updating) {
        this.updating = updating;
    }

    @Override
    public Space<float[]> observationSpace() {
        return normalizedSpace;
    }

    @Override
    protected Reset<float[]> afterReset(Reset<float[]> innerReset) {
        return new Reset<>(normalize(innerReset.observation()), innerReset.info());
    }

    @Override
    protected Step<float[]> wrapStep(A action) {
        Step<float[]> step = env.step(action);
        return new Step<>(normalize(step.observation()), step.reward(), step.terminated(), step.truncated(),
                step.info());
    }

    /** Updates the statistics (unless frozen) and returns the normalized copy of {@code observation}. */
    private float[] normalize(float[] observation) {
        if (updating) {
            statistics.update(observation);
        }
        float[] normalized = new float[observation.length];
        double clip = config.clip();
        for (int i = 0; i < normalized.length; i++) {
            double z = (observation[i] - statistics.mean(i)) / Math.sqrt(statistics.var(i) + config.epsilon());
            normalized[i] = (float) Math.min(Math.max(z, -clip), clip);
        }
        return normalized;
    }

    @Override
    protected void saveOwnState(StateDict out, String prefix) {
        statistics.saveState(out, prefix + "obs_rms.");
    }

    @Override
    protected void loadOwnState(StateDict in, String prefix) {
        statistics.loadState(in, prefix + "obs_rms.");
    }
}
