package dev.proxima.envs.classic;

import dev.proxima.core.env.Step;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;

/**
 * Swing a pendulum up and hold it upright with a limited motor torque (Gymnasium's
 * {@code Pendulum-v1}).
 *
 * <h2>Description</h2>
 * The inverted pendulum swing-up: a rod of length 1 m and mass 1 kg turns about a fixed end
 * under gravity 10. The motor is too weak to lift it directly, so it must swing up. Each step
 * applies semi-implicit Euler with dt = 0.05 s in float64: angular velocity first, clipped to
 * [-8, 8], then the angle from the new velocity. Angle 0 is upright.
 *
 * <h2>Action space</h2>
 * {@code Box(-2, 2, (1,))}: the torque. Values outside [-2, 2] are clipped, as in Gymnasium;
 * NaN and infinities are rejected.
 *
 * <h2>Observation space</h2>
 * {@code Box(3)} of float32:
 * <table>
 *   <caption>Observation features</caption>
 *   <tr><th>index</th><th>feature</th><th>min</th><th>max</th></tr>
 *   <tr><td>0</td><td>cos(theta)</td><td>-1</td><td>1</td></tr>
 *   <tr><td>1</td><td>sin(theta)</td><td>-1</td><td>1</td></tr>
 *   <tr><td>2</td><td>angular velocity (rad/s)</td><td>-8</td><td>8</td></tr>
 * </table>
 *
 * <h2>Rewards</h2>
 * {@code -(theta_n^2 + 0.1 * thetadot^2 + 0.001 * torque^2)}, with theta_n the angle normalized
 * into [-pi, pi) and the clipped torque, all of the state before the step. The reward lies in
 * about [-16.27, 0]. The torque is squared in float64 from its float32 value, which is what
 * Gymnasium 0.29.1 under numpy 1.x computes (a float32 scalar raised to a Python int promotes to
 * float64); the reference trajectories confirm it.
 *
 * <h2>Starting state</h2>
 * Angle uniform in [-pi, pi), angular velocity uniform in [-1, 1).
 *
 * <h2>Episode end</h2>
 * Never terminates. Truncation: not applied by this class; {@code Envs.make("Pendulum-v1")}
 * truncates after 200 steps.
 *
 * <h2>Version history</h2>
 * <ul>
 *   <li>v1: the version reproduced here (Gymnasium 0.29.1); 200-step limit, g = 10.</li>
 * </ul>
 */
public final class Pendulum extends ClassicControlEnv<float[]> {
    public static final String ID = "Pendulum-v1";

    private static final double MAX_SPEED = 8;
    private static final double MAX_TORQUE = 2.0;
    private static final double DT = 0.05;
    private static final double G = 10.0;
    private static final double M = 1.0;
    private static final double L = 1.0;

    private static final Box ACTION_SPACE = Box.uniform((float) -MAX_TORQUE, (float) MAX_TORQUE, 1);
    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {-1, -1, (float) -MAX_SPEED},
            new float[] {1, 1, (float) MAX_SPEED});

    private double theta;
    private double thetaDot;

    public Pendulum() {
        super(float[].class);
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
    public Box actionSpace() {
        return ACTION_SPACE;
    }

    @Override
    public int stateSize() {
        return 2;
    }

    @Override
    String stateDescription() {
        return "theta, theta_dot";
    }

    @Override
    void sampleStartState(Rng rng) {
        theta = rng.uniform(-Math.PI, Math.PI);
        thetaDot = rng.uniform(-1.0, 1.0);
    }

    @Override
    Step<float[]> advance(float[] action) {
        double u = clip(action[0], -MAX_TORQUE, MAX_TORQUE);
        double normalized = angleNormalize(theta);
        double costs = normalized * normalized + 0.1 * (thetaDot * thetaDot) + 0.001 * (u * u);

        double newThetaDot = thetaDot + (3 * G / (2 * L) * Math.sin(theta) + 3.0 / (M * (L * L)) * u) * DT;
        newThetaDot = clip(newThetaDot, -MAX_SPEED, MAX_SPEED);
        theta = theta + newThetaDot * DT;
        thetaDot = newThetaDot;
        return new Step<>(observation(), -costs, false, false);
    }

    /** ((x + pi) mod 2 pi) - pi with Python's floored modulo (the result takes the divisor's sign). */
    static double angleNormalize(double x) {
        double period = 2 * Math.PI;
        double mod = (x + Math.PI) % period;
        if (mod < 0) {
            mod += period;
        } else if (mod == 0) {
            mod = 0.0; // Python returns +0.0 for a positive divisor, also when the dividend was -0.0
        }
        return mod - Math.PI;
    }

    @Override
    float[] observation() {
        return new float[] {(float) Math.cos(theta), (float) Math.sin(theta), (float) thetaDot};
    }

    @Override
    double[] physicalState() {
        return new double[] {theta, thetaDot};
    }

    @Override
    void setPhysicalState(double[] state) {
        theta = state[0];
        thetaDot = state[1];
    }
}
