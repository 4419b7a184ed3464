package dev.proxima.envs.mujoco;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import dev.proxima.core.env.Step;
import dev.proxima.core.random.Rng;
import java.util.Map;

/**
 * Reacher-v4 (Gymnasium's {@code ReacherEnv}, v4): a two-joint arm moves its fingertip to a
 * random target. Never terminates; the registered time limit is 50 steps.
 *
 * <ul>
 *   <li>Observation (11): cos and sin of the two arm angles, the target's position
 *       {@code qpos[2:]}, the arm's angular velocities {@code qvel[:2]}, and fingertip − target (3).</li>
 *   <li>Reward: {@code −|fingertip − target| − Σ a²}, computed, as in Gymnasium, from the state
 *       <i>before</i> the step.</li>
 *   <li>Reset: arm {@code qpos0 + U(±0.1)}; target uniform in the disc of radius 0.2 (rejection
 *       sampling from the square); arm velocities {@code U(±0.005)}, target velocities 0.</li>
 * </ul>
 */
public final class Reacher extends MuJoCoEnv<float[]> {
    public static final String ID = "Reacher-v4";

    private final int fingertip, target;
    private final double[] initQpos;

    public Reacher() {
        this(MjModel.fromResource("/mujoco/reacher.xml"));
    }

    /** On another model (Gymnasium's {@code xml_file}); the env owns it. */
    public Reacher(MjModel model) {
        super(ID, model, 2, m -> 11, "fingertip", "target");
        fingertip = model.requireId(MjModel.ObjectType.BODY, "fingertip");
        target = model.requireId(MjModel.ObjectType.BODY, "target");
        initQpos = model.qpos0();
    }

    @Override
    protected void resetModel(Rng rng) {
        for (int i = 0; i < model.nq; i++) data.qpos.setAtIndex(JAVA_DOUBLE, i, initQpos[i] + rng.uniform(-0.1, 0.1));
        double gx, gy;
        do {
            gx = rng.uniform(-0.2, 0.2);
            gy = rng.uniform(-0.2, 0.2);
        } while (Math.hypot(gx, gy) >= 0.2);
        data.qpos.setAtIndex(JAVA_DOUBLE, model.nq - 2, gx);
        data.qpos.setAtIndex(JAVA_DOUBLE, model.nq - 1, gy);
        for (int i = 0; i < model.nv; i++) data.qvel.setAtIndex(JAVA_DOUBLE, i, rng.uniform(-0.005, 0.005));
        data.qvel.setAtIndex(JAVA_DOUBLE, model.nv - 2, 0);
        data.qvel.setAtIndex(JAVA_DOUBLE, model.nv - 1, 0);
    }

    @Override
    protected Step<float[]> advance(float[] action) {
        double distance = Math.sqrt(squared(delta(0)) + squared(delta(1)) + squared(delta(2)));
        double ctrl = squaredNorm(action);
        simulate(action);
        return new Step<>(observation(), -distance - ctrl, false, false,
                Map.of("reward_dist", -distance, "reward_ctrl", -ctrl));
    }

    /** Component {@code c} of fingertip − target (body positions {@code xpos}). */
    private double delta(int c) {
        return data.xpos.getAtIndex(JAVA_DOUBLE, 3L * fingertip + c) - data.xpos.getAtIndex(JAVA_DOUBLE, 3L * target + c);
    }

    private static double squared(double x) {
        return x * x;
    }

    @Override
    protected float[] observation() {
        return new float[] {(float) Math.cos(qpos(0)), (float) Math.cos(qpos(1)), (float) Math.sin(qpos(0)),
                (float) Math.sin(qpos(1)), (float) qpos(2), (float) qpos(3), (float) qvel(0), (float) qvel(1),
                (float) delta(0), (float) delta(1), (float) delta(2)};
    }
}
