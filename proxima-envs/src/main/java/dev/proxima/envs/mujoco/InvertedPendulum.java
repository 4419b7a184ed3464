package dev.proxima.envs.mujoco;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import dev.proxima.core.env.Step;
import dev.proxima.core.random.Rng;
import java.util.Map;

/**
 * InvertedPendulum-v4 and InvertedDoublePendulum-v4 (Gymnasium's {@code InvertedPendulumEnv} and
 * {@code InvertedDoublePendulumEnv}): balance one or two poles on a cart.
 *
 * <p><b>Single</b> (frame skip 2): observation {@code qpos, qvel} (4); reward 1 every step;
 * terminates when the observation is not finite or |pole angle| &gt; 0.2; reset
 * {@code qpos0 + U(±0.01)}, {@code qvel = U(±0.01)}.
 *
 * <p><b>Double</b> (frame skip 5): observation {@code qpos[0]}, sin and cos of the two pole
 * angles, {@code clip(qvel, ±10)} and {@code clip(qfrc_constraint, ±10)} (11); reward
 * {@code 10 − (0.01 x² + (y − 2)²) − (1e-3 v₁² + 5e-3 v₂²)} with (x, y) the tip site after the
 * step; terminates when y ≤ 1; reset {@code qpos0 + U(±0.1)}, {@code qvel = 0.1 · N(0, 1)}.
 */
public final class InvertedPendulum extends MuJoCoEnv<float[]> {
    private final boolean isDouble;

    private InvertedPendulum(boolean isDouble, MjModel model) {
        super(isDouble ? "InvertedDoublePendulum-v4" : "InvertedPendulum-v4", model, isDouble ? 5 : 2,
                m -> isDouble ? 11 : 4);
        this.isDouble = isDouble;
    }

    public static InvertedPendulum single() {
        return single(MjModel.fromResource("/mujoco/inverted_pendulum.xml"));
    }

    /** On another model (Gymnasium's {@code xml_file}); the env owns it. */
    public static InvertedPendulum single(MjModel model) {
        return new InvertedPendulum(false, model);
    }

    public static InvertedPendulum twoPoles() {
        return twoPoles(MjModel.fromResource("/mujoco/inverted_double_pendulum.xml"));
    }

    /** On another model (Gymnasium's {@code xml_file}); the env owns it. */
    public static InvertedPendulum twoPoles(MjModel model) {
        return new InvertedPendulum(true, model);
    }

    @Override
    protected void resetModel(Rng rng) {
        if (isDouble) {
            uniformPositionGaussianVelocity(rng, 0.1);
        } else {
            uniformNoise(rng, 0.01);
        }
    }

    @Override
    protected Step<float[]> advance(float[] action) {
        simulate(action);
        float[] obs = observation();
        if (!isDouble) {
            boolean finite = Double.isFinite(qpos(0)) && Double.isFinite(qpos(1)) && Double.isFinite(qvel(0))
                    && Double.isFinite(qvel(1));
            return new Step<>(obs, 1.0, !finite || Math.abs(qpos(1)) > 0.2, false, Map.of());
        }
        double x = data.siteXpos.getAtIndex(JAVA_DOUBLE, 0), y = data.siteXpos.getAtIndex(JAVA_DOUBLE, 2);
        double distPenalty = 0.01 * x * x + (y - 2) * (y - 2);
        double v1 = qvel(1), v2 = qvel(2);
        double velPenalty = 1e-3 * v1 * v1 + 5e-3 * v2 * v2;
        return new Step<>(obs, 10 - distPenalty - velPenalty, y <= 1, false,
                Map.of("distance_penalty", distPenalty, "velocity_penalty", velPenalty));
    }

    @Override
    protected float[] observation() {
        if (!isDouble) {
            return new float[] {(float) qpos(0), (float) qpos(1), (float) qvel(0), (float) qvel(1)};
        }
        float[] obs = new float[11];
        obs[0] = (float) qpos(0);
        obs[1] = (float) Math.sin(qpos(1));
        obs[2] = (float) Math.sin(qpos(2));
        obs[3] = (float) Math.cos(qpos(1));
        obs[4] = (float) Math.cos(qpos(2));
        for (int i = 0; i < 3; i++) obs[5 + i] = (float) Math.clamp(qvel(i), -10.0, 10.0);
        for (int i = 0; i < 3; i++) {
            obs[8 + i] = (float) Math.clamp(data.qfrcConstraint.getAtIndex(JAVA_DOUBLE, i), -10.0, 10.0);
        }
        return obs;
    }
}
