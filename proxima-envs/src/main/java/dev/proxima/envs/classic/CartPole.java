package dev.proxima.envs.classic;

import dev.proxima.core.env.Step;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;
import dev.proxima.core.space.Discrete;

/**
 * Balance a pole hinged on a cart by pushing the cart left or right (Gymnasium's
 * {@code CartPole-v1}).
 *
 * <h2>Description</h2>
 * The cart-pole problem of Barto, Sutton and Anderson, "Neuronlike adaptive elements that can
 * solve difficult learning control problems" (1983). A pole stands upright on a cart that moves
 * along a frictionless track; the agent keeps it up by pushing the cart. The equations of motion
 * are those of Florian's correction of the original paper, integrated with explicit Euler steps of
 * 0.02 s, all in float64 as Gymnasium does.
 *
 * <h2>Action space</h2>
 * {@code Discrete(2)}: 0 pushes the cart left, 1 pushes it right, with a force of 10 N. The velocity
 * change a push causes depends on the pole's angle, because the pole's centre of mass moves too.
 *
 * <h2>Observation space</h2>
 * {@code Box(4)} of float32:
 * <table>
 *   <caption>Observation features</caption>
 *   <tr><th>index</th><th>feature</th><th>min</th><th>max</th></tr>
 *   <tr><td>0</td><td>cart position (m)</td><td>-4.8</td><td>4.8</td></tr>
 *   <tr><td>1</td><td>cart velocity (m/s)</td><td>-float32 max</td><td>float32 max</td></tr>
 *   <tr><td>2</td><td>pole angle (rad)</td><td>-0.418 (-24 deg)</td><td>0.418 (24 deg)</td></tr>
 *   <tr><td>3</td><td>pole angular velocity (rad/s)</td><td>-float32 max</td><td>float32 max</td></tr>
 * </table>
 * The bounds are twice the termination thresholds, so the observation of a terminating step is
 * still inside the space.
 *
 * <h2>Rewards</h2>
 * +1 for every step, including the step on which the pole falls (Gymnasium's behaviour), so the
 * return equals the episode length; CartPole-v1 counts as solved at an average return of 475.
 *
 * <h2>Starting state</h2>
 * Every state variable is drawn uniformly from [-0.05, 0.05) by the env's generator.
 *
 * <h2>Episode end</h2>
 * Termination: the pole angle leaves [-12, 12] degrees or the cart position leaves [-2.4, 2.4].
 * Truncation: not applied by this class; {@code Envs.make("CartPole-v1")} truncates after 500 steps.
 *
 * <h2>Version history</h2>
 * <ul>
 *   <li>v1: the version reproduced here (Gymnasium 0.29.1); 500-step limit, threshold 475.</li>
 *   <li>v0: same dynamics with a 200-step limit and threshold 195; not provided.</li>
 * </ul>
 */
public final class CartPole extends ClassicControlEnv<Integer> {
    public static final String ID = "CartPole-v1";

    private static final double GRAVITY = 9.8;
    private static final double MASS_CART = 1.0;
    private static final double MASS_POLE = 0.1;
    private static final double TOTAL_MASS = MASS_POLE + MASS_CART;
    /** Half the pole's length, as in Gymnasium. */
    private static final double LENGTH = 0.5;
    private static final double POLE_MASS_LENGTH = MASS_POLE * LENGTH;
    private static final double FORCE_MAG = 10.0;
    private static final double TAU = 0.02;
    private static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
    private static final double X_THRESHOLD = 2.4;

    private static final Discrete ACTION_SPACE = new Discrete(2);
    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {(float) (-X_THRESHOLD * 2), -Float.MAX_VALUE, (float) (-THETA_THRESHOLD_RADIANS * 2), -Float.MAX_VALUE},
            new float[] {(float) (X_THRESHOLD * 2), Float.MAX_VALUE, (float) (THETA_THRESHOLD_RADIANS * 2), Float.MAX_VALUE});

    private double x;
    private double xDot;
    private double theta;
    private double thetaDot;

    public CartPole() {
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
        return 4;
    }

    @Override
    String stateDescription() {
        return "x, x_dot, theta, theta_dot";
    }

    @Override
    void sampleStartState(Rng rng) {
        x = rng.uniform(-0.05, 0.05);
        xDot = rng.uniform(-0.05, 0.05);
        theta = rng.uniform(-0.05, 0.05);
        thetaDot = rng.uniform(-0.05, 0.05);
    }

    @Override
    Step<float[]> advance(Integer action) {
        double force = action == 1 ? FORCE_MAG : -FORCE_MAG;
        double cosTheta = Math.cos(theta);
        double sinTheta = Math.sin(theta);
        // Parenthesized squares keep Gymnasium's evaluation order (x**2 is computed first there).
        double temp = (force + POLE_MASS_LENGTH * (thetaDot * thetaDot) * sinTheta) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sinTheta - cosTheta * temp)
                / (LENGTH * (4.0 / 3.0 - MASS_POLE * (cosTheta * cosTheta) / TOTAL_MASS));
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;

        // Gymnasium's default "euler" integrator: positions advance with the old velocities.
        x = x + TAU * xDot;
        xDot = xDot + TAU * xAcc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaAcc;

        boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD
                || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;
        return new Step<>(observation(), 1.0, terminated, false);
    }

    @Override
    float[] observation() {
        return new float[] {(float) x, (float) xDot, (float) theta, (float) thetaDot};
    }

    @Override
    double[] physicalState() {
        return new double[] {x, xDot, theta, thetaDot};
    }

    @Override
    void setPhysicalState(double[] state) {
        x = state[0];
        xDot = state[1];
        theta = state[2];
        thetaDot = state[3];
    }
}
