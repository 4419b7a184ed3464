package dev.proxima.envs.mujoco;

import dev.proxima.core.env.Step;
import dev.proxima.core.random.Rng;
import java.util.Map;

/**
 * HalfCheetah-v4 (Gymnasium's {@code HalfCheetahEnv}, v4 defaults): a planar cheetah rewarded
 * for running forward. Never terminates; the registered time limit is 1000 steps.
 *
 * <ul>
 *   <li>Observation (17): {@code qpos[1:]} (8) then {@code qvel} (9), unclipped.</li>
 *   <li>Reward: {@code (x_after − x_before)/dt − 0.1 Σ a²} with dt = 5 × 0.01 = 0.05 s.</li>
 *   <li>Reset: {@code qpos0 + U(±0.1)}, {@code qvel = 0.1 · N(0, 1)}.</li>
 * </ul>
 */
public final class HalfCheetah extends MuJoCoEnv<float[]> {
    public static final String ID = "HalfCheetah-v4";
    private static final double FORWARD_REWARD_WEIGHT = 1.0, CTRL_COST_WEIGHT = 0.1, RESET_NOISE = 0.1;


    public HalfCheetah() {
        this(MjModel.fromResource("/mujoco/half_cheetah.xml"));
    }

    /** On another model (Gymnasium's {@code xml_file}); the env owns it. */
    public HalfCheetah(MjModel model) {
        super(ID, model, 5, m -> m.nq - 1 + m.nv);
    }

    @Override
    protected void resetModel(Rng rng) {
        uniformPositionGaussianVelocity(rng, RESET_NOISE);
    }

    @Override
    protected Step<float[]> advance(float[] action) {
        double xBefore = qpos(0);
        simulate(action);
        double xVelocity = (qpos(0) - xBefore) / dt();
        double ctrlCost = CTRL_COST_WEIGHT * squaredNorm(action);
        return new Step<>(observation(), FORWARD_REWARD_WEIGHT * xVelocity - ctrlCost, false, false,
                Map.of("x_position", qpos(0), "x_velocity", xVelocity, "reward_ctrl", -ctrlCost));
    }

    @Override
    protected float[] observation() {
        float[] obs = newObservation();
        positionsThenVelocities(obs, 1);
        return obs;
    }
}
