package dev.proxima.envs.classic;

import dev.proxima.core.env.Step;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;
import dev.proxima.core.space.Discrete;

/**
 * Swing the free end of a two-link chain above a line by applying torque at the middle joint
 * (Gymnasium's {@code Acrobot-v1}).
 *
 * <h2>Description</h2>
 * The acrobot of Sutton, "Generalization in reinforcement learning: successful examples using
 * sparse coarse coding" (NeurIPS 1996), with the equations of motion of Sutton and Barto's book
 * (Gymnasium's {@code book_or_nips = "book"}). The first link hangs from a fixed joint; only the
 * joint between the links is actuated. Each step integrates the dynamics over 0.2 s with one
 * classical Runge-Kutta (RK4) step, then wraps both angles into [-pi, pi] and bounds both
 * angular velocities, all in float64 as Gymnasium does. Links have length 1 m and mass 1 kg, centre
 * of mass at 0.5 m and moment of inertia 1; gravity is 9.8. No torque noise.
 *
 * <h2>Action space</h2>
 * {@code Discrete(3)}: torque -1, 0 or +1 N m on the actuated joint.
 *
 * <h2>Observation space</h2>
 * {@code Box(6)} of float32:
 * <table>
 *   <caption>Observation features</caption>
 *   <tr><th>index</th><th>feature</th><th>min</th><th>max</th></tr>
 *   <tr><td>0</td><td>cos(theta1)</td><td>-1</td><td>1</td></tr>
 *   <tr><td>1</td><td>sin(theta1)</td><td>-1</td><td>1</td></tr>
 *   <tr><td>2</td><td>cos(theta2)</td><td>-1</td><td>1</td></tr>
 *   <tr><td>3</td><td>sin(theta2)</td><td>-1</td><td>1</td></tr>
 *   <tr><td>4</td><td>angular velocity of theta1 (rad/s)</td><td>-4 pi</td><td>4 pi</td></tr>
 *   <tr><td>5</td><td>angular velocity of theta2 (rad/s)</td><td>-9 pi</td><td>9 pi</td></tr>
 * </table>
 * theta1 is the angle of the first link from straight down; theta2 is the angle of the second
 * link relative to the first. The internal state is {@code theta1, theta2, dtheta1, dtheta2}.
 *
 * <h2>Rewards</h2>
 * -1 per step that does not reach the goal, 0 on the step that does.
 *
 * <h2>Starting state</h2>
 * All four state values uniform in [-0.1, 0.1), rounded to float32 as Gymnasium stores them at
 * reset (later states stay float64).
 *
 * <h2>Episode end</h2>
 * Termination: the free end is higher than one link length above the fixed joint, i.e.
 * {@code -cos(theta1) - cos(theta2 + theta1) > 1}. Truncation: not applied by this class;
 * {@code Envs.make("Acrobot-v1")} truncates after 500 steps.
 *
 * <h2>Version history</h2>
 * <ul>
 *   <li>v1: the version reproduced here (Gymnasium 0.29.1): "book" dynamics, RK4, 500-step limit.</li>
 * </ul>
 */
public final class Acrobot extends ClassicControlEnv<Integer> {
    public static final String ID = "Acrobot-v1";

    private static final double DT = 0.2;
    private static final double LINK_LENGTH_1 = 1.0;
    private static final double LINK_MASS_1 = 1.0;
    private static final double LINK_MASS_2 = 1.0;
    private static final double LINK_COM_POS_1 = 0.5;
    private static final double LINK_COM_POS_2 = 0.5;
    private static final double LINK_MOI = 1.0;
    private static final double GRAVITY = 9.8;
    private static final double MAX_VEL_1 = 4 * Math.PI;
    private static final double MAX_VEL_2 = 9 * Math.PI;
    private static final double[] AVAILABLE_TORQUE = {-1.0, 0.0, 1.0};

    private static final Discrete ACTION_SPACE = new Discrete(3);
    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {-1, -1, -1, -1, (float) -MAX_VEL_1, (float) -MAX_VEL_2},
            new float[] {1, 1, 1, 1, (float) MAX_VEL_1, (float) MAX_VEL_2});

    /** theta1, theta2, dtheta1, dtheta2. */
    private final double[] state = new double[4];
    // RK4 scratch, reused across steps; slot 4 of each y holds the torque, as in Gymnasium's augmented state.
    private final double[] y0 = new double[5];
    private final double[] yStage = new double[5];
    private final double[] k1 = new double[5];
    private final double[] k2 = new double[5];
    private final double[] k3 = new double[5];
    private final double[] k4 = new double[5];

    public Acrobot() {
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
        return "theta1, theta2, dtheta1, dtheta2";
    }

    @Override
    void sampleStartState(Rng rng) {
        for (int i = 0; i < 4; i++) {
            state[i] = (float) rng.uniform(-0.1, 0.1);
        }
    }

    @Override
    Step<float[]> advance(Integer action) {
        System.arraycopy(state, 0, y0, 0, 4);
        y0[4] = AVAILABLE_TORQUE[action];
        rk4Step(y0, DT);

        state[0] = wrap(y0[0], -Math.PI, Math.PI);
        state[1] = wrap(y0[1], -Math.PI, Math.PI);
        state[2] = clip(y0[2], -MAX_VEL_1, MAX_VEL_1);
        state[3] = clip(y0[3], -MAX_VEL_2, MAX_VEL_2);

        boolean terminated = -Math.cos(state[0]) - Math.cos(state[1] + state[0]) > 1.0;
        return new Step<>(observation(), terminated ? 0.0 : -1.0, terminated, false);
    }

    /** One classical Runge-Kutta step of length dt, in place, with Gymnasium's order of operations. */
    private void rk4Step(double[] y, double dt) {
        double halfDt = dt / 2.0;
        derivatives(y, k1);
        stage(y, halfDt, k1);
        derivatives(yStage, k2);
        stage(y, halfDt, k2);
        derivatives(yStage, k3);
        stage(y, dt, k3);
        derivatives(yStage, k4);
        double weight = dt / 6.0;
        for (int i = 0; i < 5; i++) {
            y[i] = y[i] + weight * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    }

    private void stage(double[] y, double h, double[] k) {
        for (int i = 0; i < 5; i++) {
            yStage[i] = y[i] + h * k[i];
        }
    }

    /** Time derivative of (theta1, theta2, dtheta1, dtheta2, torque) with the book's equations. */
    private static void derivatives(double[] s, double[] out) {
        double m1 = LINK_MASS_1;
        double m2 = LINK_MASS_2;
        double l1 = LINK_LENGTH_1;
        double lc1 = LINK_COM_POS_1;
        double lc2 = LINK_COM_POS_2;
        double i1 = LINK_MOI;
        double i2 = LINK_MOI;
        double g = GRAVITY;
        double theta1 = s[0];
        double theta2 = s[1];
        double dtheta1 = s[2];
        double dtheta2 = s[3];
        double torque = s[4];
        // Squares are parenthesized to match Gymnasium's evaluation order (x**2 binds first there).
        double d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * Math.cos(theta2)) + i1 + i2;
        double d2 = m2 * (lc2 * lc2 + l1 * lc2 * Math.cos(theta2)) + i2;
        double phi2 = m2 * lc2 * g * Math.cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * Math.sin(theta2)
                - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * Math.sin(theta2)
                + (m1 * lc1 + m2 * l1) * g * Math.cos(theta1 - Math.PI / 2)
                + phi2;
        double ddtheta2 = (torque + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * Math.sin(theta2) - phi2)
                / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        out[0] = dtheta1;
        out[1] = dtheta2;
        out[2] = ddtheta1;
        out[3] = ddtheta2;
        out[4] = 0.0;
    }

    /** Shifts x by whole periods into [lo, hi], by repeated subtraction as Gymnasium does. */
    private static double wrap(double x, double lo, double hi) {
        double period = hi - lo;
        double wrapped = x;
        while (wrapped > hi) {
            wrapped = wrapped - period;
        }
        while (wrapped < lo) {
            wrapped = wrapped + period;
        }
        return wrapped;
    }

    @Override
    float[] observation() {
        return new float[] {
            (float) Math.cos(state[0]), (float) Math.sin(state[0]),
            (float) Math.cos(state[1]), (float) Math.sin(state[1]),
            (float) state[2], (float) state[3]
        };
    }

    @Override
    double[] physicalState() {
        return state.clone();
    }

    @Override
    void setPhysicalState(double[] newState) {
        System.arraycopy(newState, 0, state, 0, 4);
    }
}
