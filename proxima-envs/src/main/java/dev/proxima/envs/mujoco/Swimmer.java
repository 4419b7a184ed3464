package dev.proxima.envs.mujoco;

import dev.proxima.core.env.Step;
import dev.proxima.core.random.Rng;
import java.util.Map;

/**
 * Swimmer-v4 (Gymnasium's {@code SwimmerEnv}, v4 defaults): a three-link swimmer in a viscous
 * fluid, rewarded for moving forward. Never terminates.
 *
 * <ul>
 *   <li>Observation (8): {@code qpos[2:]} (3) then {@code qvel} (5).</li>
 *   <li>Reward: {@code (x_after − x_before)/dt − 1e-4 Σ a²}, dt = 4 × 0.01 = 0.04 s.</li>
 *   <li>Reset: {@code qpos0 + U(±0.1)}, {@code qvel = U(±0.1)}.</li>
 * </ul>
 */
public final class Swimmer extends MuJoCoEnv<float[]> {
    public static final String ID = "Swimmer-v4";
    private static final double CTRL_COST_WEIGHT = 1e-4, RESET_NOISE = 0.1;


    public Swimmer() {
        this(MjModel.fromResource("/mujoco/swimmer.xml"));
    }

    /** On another model (Gymnasium's {@code xml_file}); the env owns it. */
    public Swimmer(MjModel model) {
        super(ID, model, 4, m -> m.nq - 2 + m.nv);
    }

    @Override
    protected void resetModel(Rng rng) {
        uniformNoise(rng, RESET_NOISE);
    }

    @Override
    protected Step<float[]> advance(float[] action) {
        double xBefore = qpos(0);
        simulate(action);
        double xVelocity = (qpos(0) - xBefore) / dt();
        double ctrlCost = CTRL_COST_WEIGHT * squaredNorm(action);
        return new Step<>(observation(), xVelocity - ctrlCost, false, false,
                Map.of("x_velocity", xVelocity, "reward_ctrl", -ctrlCost));
    }

    @Override
    protected float[] observation() {
        float[] obs = newObservation();
        positionsThenVelocities(obs, 2);
        return obs;
    }
}
