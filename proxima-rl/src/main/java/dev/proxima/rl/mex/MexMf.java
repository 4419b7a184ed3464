package dev.proxima.rl.mex;

import dev.proxima.core.env.Env;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.rl.td3.Td3;

/**
 * Maximize to Explore, model-free (MEX-MF): TD3 whose critics are also pushed up on the data,
 * which makes their estimates optimistic and the actor explore.
 *
 * <p>Paper: Liu et al. (2023), "Maximize to Explore: One Objective Function Fusing Estimation,
 * Planning, and Exploration", NeurIPS; the practical algorithm of the authors' code
 * ({@code MEX_MF}), as in seeds-control spec §6(a).
 *
 * <h2>Critic loss</h2>
 * <pre>
 *   L_Q = Σ_{i=1,2} mean( (Q_i(s,a) − y)² ) − η′·mean( Q_1(s,a) + Q_2(s,a) )
 * </pre>
 * with (s, a) the replay transitions and y TD3's target. η′ ({@code etaPractical}) has the
 * opposite sense of the theory's η ({@code ExactMex} in proxima-bandits): 0 is plain
 * TD3, larger is more optimistic; dividing the loss by η′ recovers the theory form with
 * η = 1/η′. The actor is TD3's.
 *
 * <h2>Departures</h2>
 * <ol>
 *   <li>The repository's "baseline" variant (log-sum-exp over three actions, for sparse rewards)
 *       is not offered yet.</li>
 *   <li>Everything TD3 departs from (its class Javadoc) applies here too.</li>
 * </ol>
 */
public final class MexMf {
    private MexMf() {}

    /**
     * @param td3          the TD3 settings
     * @param etaPractical η′, the weight of the optimism term (code default 0.001)
     */
    public record Config(Td3.Config td3, double etaPractical) {
        public Config {
            Checks.nonNegative(etaPractical, "etaPractical");
        }

        /** MuJoCo: TD3's settings ({@link Td3.Config#defaults()}) with the code's default η′ = 0.001. */
        public static Config mujoco() {
            return new Config(Td3.Config.defaults(), 0.001);
        }

        /** The CPU Pendulum setting of spec §6(b)2: TD3's CPU preset, η′ = 0.001. */
        public static Config pendulum() {
            return new Config(Td3.Config.cpu(), 0.001);
        }
    }

    /** The optimism term {@code −η′·mean(Q_1(s,a) + Q_2(s,a))}. */
    public static Tensor optimism(Graph g, Tensor q1, Tensor q2, double etaPractical) {
        return g.scale(g.mean(g.add(q1, q2)), (float) -etaPractical);
    }

    /** A TD3 learner with the optimism term in its critic loss. */
    public static Td3.Learner learner(Config config, Env<float[], float[]> env, long seed) {
        return new Td3.Learner(config.td3(), env, seed, (g, q1, q2) -> optimism(g, q1, q2, config.etaPractical()));
    }
}
