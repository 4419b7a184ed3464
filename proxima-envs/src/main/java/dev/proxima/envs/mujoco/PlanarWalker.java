package dev.proxima.envs.mujoco;

import dev.proxima.core.env.Step;
import dev.proxima.core.random.Rng;
import java.util.Map;

/**
 * Hopper-v4 and Walker2d-v4: planar robots whose root is an x slide, a z slide and a pitch hinge,
 * rewarded for forward velocity plus a healthy bonus minus a control cost, and terminated when
 * unhealthy (Gymnasium's {@code HopperEnv} / {@code Walker2dEnv}, v4 defaults).
 *
 * <ul>
 *   <li>Observation: {@code qpos[1:]} then {@code clip(qvel, -10, 10)}.</li>
 *   <li>Reward: {@code (x_after − x_before)/dt + healthy_reward − 1e-3 Σ a²}; as in v4 the healthy
 *       reward is paid on every step (terminate-when-unhealthy is on, so an unhealthy step is the
 *       last).</li>
 *   <li>Reset: {@code qpos0 + U(±5e-3)}, {@code qvel = U(±5e-3)}.</li>
 * </ul>
 */
public final class PlanarWalker extends MuJoCoEnv<float[]> {
    /** The health test and constants of one robot. */
    private record Variant(String id, String resource, double minZ, double maxZ, double minAngle, double maxAngle,
                           boolean boundedState) {}

    private static final Variant HOPPER = new Variant("Hopper-v4", "/mujoco/hopper.xml", 0.7, Double.POSITIVE_INFINITY,
            -0.2, 0.2, true);
    private static final Variant WALKER = new Variant("Walker2d-v4", "/mujoco/walker2d.xml", 0.8, 2.0, -1.0, 1.0, false);

    private static final double FORWARD_REWARD_WEIGHT = 1.0, CTRL_COST_WEIGHT = 1e-3, HEALTHY_REWARD = 1.0;
    private static final double RESET_NOISE = 5e-3, VELOCITY_CLIP = 10, STATE_LIMIT = 100;

    private final Variant variant;

    private PlanarWalker(Variant variant, MjModel model) {
        super(variant.id(), model, 4, m -> m.nq - 1 + m.nv);
        this.variant = variant;
    }

    /** Hopper-v4: 11 observations, 3 actions; healthy while z &gt; 0.7, |pitch| &lt; 0.2 and |qpos[2:], qvel| &lt; 100. */
    public static PlanarWalker hopper() {
        return hopper(MjModel.fromResource(HOPPER.resource()));
    }

    /** Hopper-v4 on another model (Gymnasium's {@code xml_file}); the env owns it. */
    public static PlanarWalker hopper(MjModel model) {
        return new PlanarWalker(HOPPER, model);
    }

    /** Walker2d-v4: 17 observations, 6 actions; healthy while 0.8 &lt; z &lt; 2 and |pitch| &lt; 1. */
    public static PlanarWalker walker2d() {
        return walker2d(MjModel.fromResource(WALKER.resource()));
    }

    /** Walker2d-v4 on another model (Gymnasium's {@code xml_file}); the env owns it. */
    public static PlanarWalker walker2d(MjModel model) {
        return new PlanarWalker(WALKER, model);
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
        double reward = FORWARD_REWARD_WEIGHT * xVelocity + HEALTHY_REWARD - ctrlCost;
        boolean healthy = healthy();
        return new Step<>(observation(), reward, !healthy, false,
                Map.of("x_position", qpos(0), "x_velocity", xVelocity, "reward_ctrl", -ctrlCost));
    }

    /** Gymnasium's {@code is_healthy}: strict bounds on height, pitch and (Hopper) the rest of the state. */
    boolean healthy() {
        double z = qpos(1), angle = qpos(2);
        boolean ok = variant.minZ() < z && z < variant.maxZ() && variant.minAngle() < angle && angle < variant.maxAngle();
        if (ok && variant.boundedState()) {
            for (int i = 2; i < model.nq; i++) ok &= -STATE_LIMIT < qpos(i) && qpos(i) < STATE_LIMIT;
            for (int i = 0; i < model.nv; i++) ok &= -STATE_LIMIT < qvel(i) && qvel(i) < STATE_LIMIT;
        }
        return ok;
    }

    @Override
    protected float[] observation() {
        float[] obs = newObservation();
        positionsThenVelocities(obs, 1);
        for (int i = model.nq - 1; i < obs.length; i++) obs[i] = (float) Math.clamp(obs[i], -VELOCITY_CLIP, VELOCITY_CLIP);
        return obs;
    }
}
