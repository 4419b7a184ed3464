package dev.proxima.envs.classic;

import dev.proxima.core.env.Step;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;

/**
 * Drive an under-powered car up a hill with a continuous throttle, paying for the fuel used
 * (Gymnasium's {@code MountainCarContinuous-v0}).
 *
 * <h2>Description</h2>
 * The continuous-action mountain car: the valley of {@link MountainCar}, with the engine force
 * chosen freely in [-1, 1] and scaled by 0.0015. Each step updates velocity with the force and
 * gravity, clips it to [-0.07, 0.07], moves the car and clips the position to [-1.2, 0.6] in
 * float64, then stores position and velocity as float32, as Gymnasium does (its next step starts
 * from the rounded values). The goal is lower than in {@link MountainCar}: 0.45.
 *
 * <h2>Action space</h2>
 * {@code Box(-1, 1, (1,))}: the engine force. Values outside [-1, 1] are clipped for the
 * dynamics (not for the fuel cost, as in Gymnasium); NaN and infinities are rejected.
 *
 * <h2>Observation space</h2>
 * {@code Box(2)} of float32:
 * <table>
 *   <caption>Observation features</caption>
 *   <tr><th>index</th><th>feature</th><th>min</th><th>max</th></tr>
 *   <tr><td>0</td><td>position along the x-axis</td><td>-1.2</td><td>0.6</td></tr>
 *   <tr><td>1</td><td>velocity</td><td>-0.07</td><td>0.07</td></tr>
 * </table>
 *
 * <h2>Rewards</h2>
 * {@code -0.1 * action^2} per step, computed from the unclipped action, plus 100 on the step
 * that reaches the goal.
 *
 * <h2>Starting state</h2>
 * Position uniform in [-0.6, -0.4), velocity 0 (kept in float64 until the first step).
 *
 * <h2>Episode end</h2>
 * Termination: position &gt;= 0.45 with velocity &gt;= 0. Truncation: not applied by this class;
 * {@code Envs.make("MountainCarContinuous-v0")} truncates after 999 steps.
 *
 * <h2>Sparse variant</h2>
 * {@link #sparse()} ({@code SparseMountainCarContinuous-v0}, the E3 testbed of the MEX
 * experiments): the same dynamics, reward 1 on the step that reaches x ≥ 0.45 (whatever the
 * velocity) and 0 otherwise, no fuel cost; it terminates there. 999-step limit.
 *
 * <h2>Version history</h2>
 * <ul>
 *   <li>v0: the version reproduced here (Gymnasium 0.29.1); 999-step limit.</li>
 * </ul>
 */
public final class MountainCarContinuous extends ClassicControlEnv<float[]> {
    public static final String ID = "MountainCarContinuous-v0";
    public static final String SPARSE_ID = "SparseMountainCarContinuous-v0";

    private static final double MIN_ACTION = -1.0;
    private static final double MAX_ACTION = 1.0;
    private static final double MIN_POSITION = -1.2;
    private static final double MAX_POSITION = 0.6;
    private static final double MAX_SPEED = 0.07;
    private static final double GOAL_POSITION = 0.45;
    private static final double GOAL_VELOCITY = 0.0;
    private static final double POWER = 0.0015;

    private static final Box ACTION_SPACE = Box.uniform((float) MIN_ACTION, (float) MAX_ACTION, 1);
    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {(float) MIN_POSITION, (float) -MAX_SPEED},
            new float[] {(float) MAX_POSITION, (float) MAX_SPEED});

    private final boolean sparse;
    private double position;
    private double velocity;

    public MountainCarContinuous() {
        this(false);
    }

    private MountainCarContinuous(boolean sparse) {
        super(float[].class);
        this.sparse = sparse;
    }

    /** The sparse-reward variant (see the class description). */
    public static MountainCarContinuous sparse() {
        return new MountainCarContinuous(true);
    }

    @Override
    public String id() {
        return sparse ? SPARSE_ID : ID;
    }

    @Override
    public Box observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Box actionSpace() {
        return ACTION_SPACE;
    }

    @Override
    public int stateSize() {
        return 2;
    }

    @Override
    String stateDescription() {
        return "position, velocity";
    }

    @Override
    void sampleStartState(Rng rng) {
        position = rng.uniform(-0.6, -0.4);
        velocity = 0;
    }

    @Override
    Step<float[]> advance(float[] action) {
        double requested = action[0];
        double force = clip(requested, MIN_ACTION, MAX_ACTION);
        velocity = velocity + (force * POWER - 0.0025 * Math.cos(3 * position));
        velocity = clip(velocity, -MAX_SPEED, MAX_SPEED);
        position = position + velocity;
        position = clip(position, MIN_POSITION, MAX_POSITION);
        if (position == MIN_POSITION && velocity < 0) {
            velocity = 0;
        }
        double reward;
        boolean terminated;
        if (sparse) {
            terminated = position >= GOAL_POSITION;
            reward = terminated ? 1.0 : 0.0;
        } else {
            terminated = position >= GOAL_POSITION && velocity >= GOAL_VELOCITY;
            reward = (terminated ? 100.0 : 0.0) - requested * requested * 0.1;
        }
        // Gymnasium keeps the state as a float32 array between steps.
        position = (float) position;
        velocity = (float) velocity;
        return new Step<>(observation(), reward, terminated, false);
    }

    @Override
    float[] observation() {
        return new float[] {(float) position, (float) velocity};
    }

    @Override
    double[] physicalState() {
        return new double[] {position, velocity};
    }

    @Override
    void setPhysicalState(double[] state) {
        position = state[0];
        velocity = state[1];
    }
}
