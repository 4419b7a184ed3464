package dev.proxima.envs.mujoco;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import dev.proxima.core.env.Step;
import dev.proxima.core.random.Rng;
import java.util.Map;

/**
 * Ant-v4 (Gymnasium's {@code AntEnv}, v4 defaults): a four-legged robot on a free joint,
 * rewarded for moving forward (+x).
 *
 * <ul>
 *   <li>Observation (27): {@code qpos[2:]} (13) then {@code qvel} (14); with contact forces
 *       ({@link #withContactForces()}) also {@code clip(cfrc_ext, -1, 1)} of all 14 bodies (84): 111.</li>
 *   <li>Reward: torso x velocity (from {@code xpos} of body {@code torso}) + 1 (healthy, paid on
 *       every step as in v4) − 0.5 Σ a², minus {@code 5e-4 Σ clip(cfrc_ext)²} with contact forces.</li>
 *   <li>Terminates when the state is not finite or the torso height {@code qpos[2]} leaves
 *       [0.2, 1.0] (bounds inclusive).</li>
 *   <li>Reset: {@code qpos0 + U(±0.1)}, {@code qvel = 0.1 · N(0, 1)}.</li>
 * </ul>
 */
public final class Ant extends MuJoCoEnv<float[]> {
    public static final String ID = "Ant-v4";
    private static final double CTRL_COST_WEIGHT = 0.5, CONTACT_COST_WEIGHT = 5e-4, HEALTHY_REWARD = 1.0;
    private static final double MIN_Z = 0.2, MAX_Z = 1.0, RESET_NOISE = 0.1;

    private final boolean contactForces;
    private final int torso;

    public Ant() {
        this(MjModel.fromResource("/mujoco/ant.xml"), false);
    }

    /** On another model (Gymnasium's {@code xml_file}); the env owns it. */
    public Ant(MjModel model) {
        this(model, false);
    }

    private Ant(MjModel model, boolean contactForces) {
        super(ID, model, 5, m -> m.nq - 2 + m.nv + (contactForces ? 6 * m.nbody : 0), "torso");
        this.contactForces = contactForces;
        this.torso = model.requireId(MjModel.ObjectType.BODY, "torso");
    }

    /** Ant-v4 with {@code use_contact_forces=True}: 111 observations and the contact cost. */
    public static Ant withContactForces() {
        return new Ant(MjModel.fromResource("/mujoco/ant.xml"), true);
    }

    @Override
    protected void resetModel(Rng rng) {
        uniformPositionGaussianVelocity(rng, RESET_NOISE);
    }

    @Override
    protected Step<float[]> advance(float[] action) {
        double xBefore = data.xpos.getAtIndex(JAVA_DOUBLE, 3L * torso);
        simulate(action);
        double xVelocity = (data.xpos.getAtIndex(JAVA_DOUBLE, 3L * torso) - xBefore) / dt();
        double ctrlCost = CTRL_COST_WEIGHT * squaredNorm(action);
        double contactCost = 0;
        if (contactForces) {
            for (int i = 0; i < 6 * model.nbody; i++) {
                double f = clippedContactForce(i);
                contactCost += f * f;
            }
            contactCost *= CONTACT_COST_WEIGHT;
        }
        double reward = xVelocity + HEALTHY_REWARD - ctrlCost - contactCost;
        return new Step<>(observation(), reward, !healthy(), false,
                Map.of("x_velocity", xVelocity, "reward_ctrl", -ctrlCost, "reward_contact", -contactCost));
    }

    private double clippedContactForce(int i) {
        return Math.clamp(data.cfrcExt.getAtIndex(JAVA_DOUBLE, i), -1.0, 1.0);
    }

    /** Gymnasium's {@code is_healthy}: a finite state and {@code 0.2 ≤ z ≤ 1.0}. */
    boolean healthy() {
        for (int i = 0; i < model.nq; i++) {
            if (!Double.isFinite(qpos(i))) {
                return false;
            }
        }
        for (int i = 0; i < model.nv; i++) {
            if (!Double.isFinite(qvel(i))) {
                return false;
            }
        }
        double z = qpos(2);
        return MIN_Z <= z && z <= MAX_Z;
    }

    @Override
    protected float[] observation() {
        float[] obs = newObservation();
        int k = positionsThenVelocities(obs, 2);
        if (contactForces) {
            for (int i = 0; i < 6 * model.nbody; i++) obs[k++] = (float) clippedContactForce(i);
        }
        return obs;
    }
}
