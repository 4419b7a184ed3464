package dev.proxima.envs.mujoco;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import dev.proxima.core.env.Env;
import dev.proxima.core.env.Reset;
import dev.proxima.core.env.Step;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.io.Stateful;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;
import dev.proxima.core.space.Space;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * What the Gymnasium v4 MuJoCo tasks share (Gymnasium's {@code MujocoEnv}): a model and its data,
 * the seeded generator, {@code frame_skip} physics steps per env step, reset to {@code qpos0}
 * plus noise followed by {@code mj_forward}, and the action checks.
 *
 * <p>Departures from Gymnasium, each deliberate:
 * <ol>
 *   <li>Observations are float32 ({@code float[]}, the contract of every Proxima env); MuJoCo's
 *       state stays float64 and is rounded only when the observation is built.</li>
 *   <li>A physics blow-up (MuJoCo's bad-acceleration warning, after which it resets the state by
 *       itself) terminates the episode with {@code info.physics_unstable = true}; Gymnasium
 *       would carry on from the silently reset state.</li>
 *   <li>Actions with NaN or infinities, or of the wrong length, are refused with an
 *       {@link IllegalArgumentException}; Gymnasium passes them to MuJoCo.</li>
 * </ol>
 * As in Gymnasium v4, {@code mj_rnePostConstraint} runs after every env step so that
 * {@code cfrc_ext} holds the contact forces.
 *
 * @param <A> always {@code float[]}; a type parameter only so that an action of another type
 *     reaches {@link #step} and is refused with a clear message instead of a cast failure
 */
public abstract class MuJoCoEnv<A> implements Env<float[], A>, Stateful {
    protected final MjModel model;
    protected final MjData data;
    protected final int frameSkip;
    private final String id;
    private final double[] initQpos;
    private final Box actionSpace, observationSpace;
    private Rng rng;
    private boolean episodeRunning;

    /**
     * @param id              the task id, e.g. {@code Hopper-v4}
     * @param model           the compiled model, owned (closed) by this env from here on
     * @param observationSize the observation length for the model (unbounded in every v4 task)
     * @param bodies          bodies the task reads, checked before any data is allocated so that a
     *                        model without them fails cleanly
     */
    protected MuJoCoEnv(String id, MjModel model, int frameSkip, ToIntFunction<MjModel> observationSize,
                        String... bodies) {
        this.id = id;
        this.model = model;
        for (String body : bodies) model.requireId(MjModel.ObjectType.BODY, body);
        this.data = new MjData(model);
        this.frameSkip = frameSkip;
        this.initQpos = data.qpos.toArray(JAVA_DOUBLE);
        float[] low = new float[model.nu], high = new float[model.nu];
        for (int i = 0; i < model.nu; i++) {
            double[] range = model.ctrlRange(i);
            low[i] = (float) range[0];
            high[i] = (float) range[1];
        }
        this.actionSpace = new Box(low, high);
        this.observationSpace = Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, observationSize.applyAsInt(model));
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Box observationSpace() {
        return observationSpace;
    }

    /** The actuators' control ranges as a box. */
    public final Box actionBox() {
        return actionSpace;
    }

    /** {@link #actionBox()} ({@code A} is always {@code float[]}). */
    @Override
    @SuppressWarnings("unchecked")
    public final Space<A> actionSpace() {
        return (Space<A>) (Space<?>) actionSpace;
    }

    /** Seconds of simulated time per env step: {@code frame_skip × timestep}. */
    public final double dt() {
        return frameSkip * model.timestep;
    }

    @Override
    public final Reset<float[]> reset(long seed) {
        rng = Rng.of(seed);
        return begin();
    }

    @Override
    public final Reset<float[]> reset() {
        if (rng == null) {
            throw new IllegalStateException(id() + ": reset() continues the generator of an earlier reset(seed); "
                    + "call reset(seed) first");
        }
        return begin();
    }

    private Reset<float[]> begin() {
        data.reset();
        resetModel(rng);
        data.forward();
        episodeRunning = true;
        return new Reset<>(observation());
    }

    /** Writes the start state into {@link #data} ({@code mj_forward} follows). */
    protected abstract void resetModel(Rng rng);

    /** Gymnasium's uniform reset noise: {@code qpos0 + U(-scale, scale)}, {@code qvel = U(-scale, scale)}. */
    protected final void uniformNoise(Rng rng, double scale) {
        for (int i = 0; i < model.nq; i++) data.qpos.setAtIndex(JAVA_DOUBLE, i, initQpos[i] + rng.uniform(-scale, scale));
        for (int i = 0; i < model.nv; i++) data.qvel.setAtIndex(JAVA_DOUBLE, i, rng.uniform(-scale, scale));
    }

    /** HalfCheetah's and Ant's reset: {@code qpos0 + U(-scale, scale)}, {@code qvel = scale · N(0, 1)}. */
    protected final void uniformPositionGaussianVelocity(Rng rng, double scale) {
        for (int i = 0; i < model.nq; i++) data.qpos.setAtIndex(JAVA_DOUBLE, i, initQpos[i] + rng.uniform(-scale, scale));
        for (int i = 0; i < model.nv; i++) data.qvel.setAtIndex(JAVA_DOUBLE, i, scale * rng.nextGaussian());
    }

    @Override
    public final Step<float[]> step(A input) {
        if (!episodeRunning) {
            throw new IllegalStateException(id() + ": " + (rng == null ? "step called before reset; call reset(seed) first"
                    : "the episode has terminated; call reset() before stepping again"));
        }
        if (!(input instanceof float[] action) || action.length != model.nu) {
            throw new IllegalArgumentException(id() + ": action must be a float[] of " + model.nu + " values, was "
                    + (input instanceof float[] a ? a.length + " values" : String.valueOf(input)));
        }
        for (int i = 0; i < action.length; i++) {
            if (!Float.isFinite(action[i])) {
                throw new IllegalArgumentException(id() + ": action[" + i + "] is " + action[i] + "; allowed: finite values");
            }
        }
        int unstableBefore = data.unstableWarnings();
        Step<float[]> step = advance(action);
        if (data.unstableWarnings() != unstableBefore) {
            episodeRunning = false;
            return new Step<>(step.observation(), step.reward(), true, false, Map.of("physics_unstable", true));
        }
        episodeRunning = !step.terminated();
        return step;
    }

    /** One env step: the task writes the controls, calls {@link #simulate}, and scores the result. */
    protected abstract Step<float[]> advance(float[] action);

    /** {@code ctrl = action} (MuJoCo clamps it to the control range), {@code frame_skip} physics steps. */
    protected final void simulate(float[] action) {
        for (int i = 0; i < action.length; i++) data.ctrl.setAtIndex(JAVA_DOUBLE, i, action[i]);
        data.step(frameSkip);
        data.rnePostConstraint();
    }

    protected abstract float[] observation();

    /** {@code Σ a²} of the action as given (Gymnasium's control cost, before any weight). */
    protected static double squaredNorm(float[] action) {
        double s = 0;
        for (float a : action) s += (double) a * a;
        return s;
    }

    /**
     * The layout most locomotion tasks observe: {@code qpos[skip:]} then {@code qvel}, written
     * from {@code obs[0]}; returns the index after the last value written.
     */
    protected final int positionsThenVelocities(float[] obs, int skip) {
        int k = 0;
        for (int i = skip; i < model.nq; i++) obs[k++] = (float) qpos(i);
        for (int i = 0; i < model.nv; i++) obs[k++] = (float) qvel(i);
        return k;
    }

    /** A new observation array of this task's length. */
    protected final float[] newObservation() {
        return new float[observationSpace.low().length];
    }

    protected final double qpos(int i) {
        return data.qpos.getAtIndex(JAVA_DOUBLE, i);
    }

    protected final double qvel(int i) {
        return data.qvel.getAtIndex(JAVA_DOUBLE, i);
    }

    @Override
    public void saveState(StateDict out, String prefix) {
        out.putLongs(prefix + "rng", rng == null ? new long[6] : rng.state());
        out.putLongs(prefix + "order", new long[] {rng == null ? 0 : 1, episodeRunning ? 1 : 0});
        out.putDoubles(prefix + "physics", data.state());
    }

    @Override
    public void loadState(StateDict in, String prefix) {
        long[] order = in.longs(prefix + "order");
        if (order.length != 2) {
            throw new IllegalArgumentException(id() + ": saved state under '" + prefix + "' does not fit this env");
        }
        data.setState(in.doubles(prefix + "physics"));
        if (order[0] != 0) {
            if (rng == null) {
                rng = Rng.of(0);
            }
            rng.restore(in.longs(prefix + "rng"));
        } else {
            rng = null;
        }
        episodeRunning = order[1] != 0;
    }

    /** Frees the model and data. */
    @Override
    public void close() {
        data.close();
        model.close();
    }
}
