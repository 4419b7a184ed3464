package dev.proxima.core.env.wrappers;

import dev.proxima.core.env.Env;
import dev.proxima.core.env.Step;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.util.Checks;

/**
 * Scales rewards by the running standard deviation of the discounted return (Gymnasium's
 * {@code NormalizeReward}): with {@code G <- G * gamma * (1 - terminated) + r} updated every step,
 * the returned reward is {@code clip(r / sqrt(var(G) + epsilon), -clip, clip)}. Rewards are
 * scaled, not centred, so their sign, and with it the meaning of "good", is kept.
 *
 * <p>Like Gymnasium, the accumulator is zeroed only through the {@code terminated} factor of the
 * next update, never by a truncation or a reset: it is a statistic of the reward stream, not an
 * episode return. The step's info is passed through unchanged, so wrap
 * {@link RecordEpisodeStatistics} inside this wrapper to log unnormalized returns.
 *
 * <p>For evaluation, copy the training statistics in and {@link #setUpdating(boolean) freeze} them.
 */
public final class NormalizeReward<O, A> extends EnvWrapper<O, A> {
    /**
     * @param gamma   discount of the return whose spread sets the scale; Gymnasium's 0.99
     * @param epsilon added to the variance before the square root; Gymnasium's 1e-8
     * @param clip    bound on the magnitude of the scaled reward; 10 as in CleanRL and SB3;
     *                {@code Double.POSITIVE_INFINITY} for Gymnasium's unclipped wrapper
     */
    public record Config(double gamma, double epsilon, double clip) {
        public static final Config DEFAULTS = new Config(0.99, 1e-8, 10.0);

        public Config {
            Checks.inClosed(gamma, 0.0, 1.0, "gamma");
            Checks.positive(epsilon, "epsilon");
            if (!(clip > 0)) {
                throw new IllegalArgumentException("clip must be > 0 (or +Infinity for no clipping), was " + clip);
            }
        }
    }

    private final Config config;
    private final RunningMeanStd statistics = new RunningMeanStd(1);
    private double discountedReturn;
    private boolean updating = true;

    public NormalizeReward(Env<O, A> env, Config config) {
        super(env);
        this.config = config;
    }

    public NormalizeReward(Env<O, A> env) {
        this(env, Config.DEFAULTS);
    }

    public Config config() {
        return config;
    }

    /** The live statistics of the discounted return; use {@link RunningMeanStd#copy()} to keep a snapshot. */
    public RunningMeanStd statistics() {
        return statistics;
    }

    /** The current value of the discounted-return accumulator G. */
    public double discountedReturn() {
        return discountedReturn;
    }

    public boolean isUpdating() {
        return updating;
    }

    /** Freezes ({@code false}) or resumes ({@code true}) updating the return statistics. */
    public void setUpdating(boolean updating) {
        this.updating = updating;
    }

    @Override
    protected Step<O> wrapStep(A action) {
        Step<O> step = env.step(action);
        discountedReturn = discountedReturn * config.gamma() * (step.terminated() ? 0 : 1) + step.reward();
        if (updating) {
            statistics.update(discountedReturn);
        }
        double scaled = step.reward() / Math.sqrt(statistics.var(0) + config.epsilon());
        double clipped = Math.min(Math.max(scaled, -config.clip()), config.clip());
        return new Step<>(step.observation(), clipped, step.terminated(), step.truncated(), step.info());
    }

    @Override
    protected void saveOwnState(StateDict out, String prefix) {
        statistics.saveState(out, prefix + "return_rms.");
        out.putDoubles(prefix + "discounted_return", new double[] {discountedReturn});
    }

    @Override
    protected void loadOwnState(StateDict in, String prefix) {
        statistics.loadState(in, prefix + "return_rms.");
        discountedReturn = in.doubles(prefix + "discounted_return")[0];
    }
}
