package dev.proxima.envs.classic;

import dev.proxima.core.env.Step;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;
import dev.proxima.core.space.Discrete;

/**
 * Drive an under-powered car out of a valley by rocking it back and forth (Gymnasium's
 * {@code MountainCar-v0}).
 *
 * <h2>Description</h2>
 * The mountain car of Moore, "Efficient memory-based learning for robot control" (PhD thesis,
 * 1990). A car sits between two hills on the curve {@code y = sin(3x)}; its engine cannot climb
 * the right hill directly, so it must first build momentum on the left. Each step updates
 * velocity with the engine force and gravity, clips it to [-0.07, 0.07], then moves the car and
 * clips the position to [-1.2, 0.6], all in float64 as Gymnasium does. Hitting the left wall
 * while moving left stops the car.
 *
 * <h2>Action space</h2>
 * {@code Discrete(3)}: 0 accelerates left, 1 does nothing, 2 accelerates right (force 0.001).
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
 * -1 per step, the goal step included: the return counts the steps taken, negated.
 *
 * <h2>Starting state</h2>
 * Position uniform in [-0.6, -0.4), velocity 0.
 *
 * <h2>Episode end</h2>
 * Termination: position &gt;= 0.5 (the flag on the right hill) with velocity &gt;= 0.
 * Truncation: not applied by this class; {@code Envs.make("MountainCar-v0")} truncates after 200 steps.
 *
 * <h2>Version history</h2>
 * <ul>
 *   <li>v0: the version reproduced here (Gymnasium 0.29.1); 200-step limit.</li>
 * </ul>
 */
public final class MountainCar extends ClassicControlEnv<Integer> {
    public static final String ID = "MountainCar-v0";

    private static final double MIN_POSITION = -1.2;
    private static final double MAX_POSITION = 0.6;
    private static final double MAX_SPEED = 0.07;
    private static final double GOAL_POSITION = 0.5;
    private static final double GOAL_VELOCITY = 0.0;
    private static final double FORCE = 0.001;
    private static final double GRAVITY = 0.0025;

    private static final Discrete ACTION_SPACE = new Discrete(3);
    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {(float) MIN_POSITION, (float) -MAX_SPEED},
            new float[] {(float) MAX_POSITION, (float) MAX_SPEED});

    private double position;
    private double velocity;

    public MountainCar() {
        super(Integer.class);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Box observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Discrete actionSpace() {
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
    Step<float[]> advance(Integer action) {
        velocity = velocity + ((action - 1) * FORCE + Math.cos(3 * position) * (-GRAVITY));
        velocity = clip(velocity, -MAX_SPEED, MAX_SPEED);
        position = position + velocity;
        position = clip(position, MIN_POSITION, MAX_POSITION);
        if (position == MIN_POSITION && velocity < 0) {
            velocity = 0;
        }
        boolean terminated = position >= GOAL_POSITION && velocity >= GOAL_VELOCITY;
        return new Step<>(observation(), -1.0, terminated, false);
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
