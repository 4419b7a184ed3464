package dev.proxima.rl.mex;

import dev.proxima.core.env.Env;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;
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
 * <p>The "baseline" variant (the code's {@code use_baseline}, for sparse rewards) replaces the
 * optimism term by
 * <pre>
 *   −η′·mean( (Q_1(s, π(s)) − LSE_1) + (Q_2(s, π(s)) − LSE_2) ),
 *   LSE_i = log Σ exp Q_i(s, ·) over { a, π(s′), u },   u ~ U(action box)
 * </pre>
 * with π detached and u drawn from a generator of its own, so the TD3 streams never shift. As in
 * the code, LSE_2 takes Q_1(s, a) for the data action ({@code quirkSharedDataQ}, on by default).
 *
 * <h2>Departures</h2>
 * <ol>
 *   <li>The random action u is uniform in the env's action box; the code draws it in [−1, 1]^|A|
 *       (the same box on the tasks it is used on).</li>
 *   <li>Everything TD3 departs from (its class Javadoc) applies here too.</li>
 * </ol>
 */
public final class MexMf {
    private MexMf() {}

    /**
     * @param td3              the TD3 settings
     * @param etaPractical     η′, the weight of the optimism term (code default 0.001)
     * @param useBaseline      the log-sum-exp baseline variant for sparse rewards (code: off)
     * @param quirkSharedDataQ in the baseline, LSE_2 uses Q_1 at the data action, as the code does
     */
    public record Config(Td3.Config td3, double etaPractical, boolean useBaseline, boolean quirkSharedDataQ) {
        public Config {
            Checks.nonNegative(etaPractical, "etaPractical");
        }

        /** The default variant (no baseline). */
        public Config(Td3.Config td3, double etaPractical) {
            this(td3, etaPractical, false, true);
        }

        /**
         * The sparse-task setting of spec §6(b)2: TD3's CPU preset, η′ = 0.005 with the baseline
         * variant.
         */
        public static Config sparse() {
            return new Config(Td3.Config.cpu(), 0.005, true, true);
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

    /**
     * The baseline variant's term: {@code −η′·mean((qPi1 − LSE_1) + (qPi2 − LSE_2))} with
     * {@code LSE_i = logsumexp(qData_i, qNext_i, qRandom_i)} row by row; with
     * {@code quirkSharedDataQ}, {@code qData1} stands in for {@code qData2} in LSE_2.
     */
    public static Tensor baselineOptimism(Graph g, Tensor qPi1, Tensor qPi2, Tensor qData1, Tensor qData2, Tensor qNext1,
                                          Tensor qNext2, Tensor qRandom1, Tensor qRandom2, double etaPractical,
                                          boolean quirkSharedDataQ) {
        Tensor lse1 = logSumExp(g, qData1, qNext1, qRandom1);
        Tensor lse2 = logSumExp(g, quirkSharedDataQ ? qData1 : qData2, qNext2, qRandom2);
        return g.scale(g.mean(g.add(g.sub(qPi1, lse1), g.sub(qPi2, lse2))), (float) -etaPractical);
    }

    /** {@code log(e^a + e^b + e^c)} row by row, shifted by the (constant) row maximum. */
    static Tensor logSumExp(Graph g, Tensor a, Tensor b, Tensor c) {
        Tensor shift = g.detach(max(g, a, max(g, b, c)));
        Tensor sum = g.add(g.add(g.exp(g.sub(a, shift)), g.exp(g.sub(b, shift))), g.exp(g.sub(c, shift)));
        return g.add(g.log(sum), shift);
    }

    private static Tensor max(Graph g, Tensor a, Tensor b) {
        return g.scale(g.min(g.scale(a, -1f), g.scale(b, -1f)), -1f);
    }

    /** Mixed into the run seed for the baseline variant's random actions ("MEX_BASE"). */
    private static final long BASELINE_STREAM = 0x4D45585F42415345L;

    /** A TD3 learner with the optimism term in its critic loss. */
    public static Td3.Learner learner(Config config, Env<float[], float[]> env, long seed) {
        if (!config.useBaseline()) {
            return new Td3.Learner(config.td3(), env, seed, (g, b) -> optimism(g, b.q1(), b.q2(), config.etaPractical()));
        }
        // The random actions come from a generator of their own (seeded apart from the learner's,
        // whose streams all derive from Rng.of(seed)), so the TD3 streams stay as they are.
        Rng uniform = Rng.of(seed ^ BASELINE_STREAM);
        Box box = (Box) env.actionSpace();
        int act = box.low().length;
        float[] random = new float[config.td3().batchSize() * act];
        return new Td3.Learner(config.td3(), env, seed, (g, b) -> {
            Tensor data1 = b.q1(), data2 = b.q2();
            int n = data1.rows;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < act; j++) random[i * act + j] = (float) uniform.uniform(box.low(j), box.high(j));
            }
            Tensor u = g.constant(random, 0, n, act), pi = b.policyAtObservations(g), next = b.policyAtNextObservations(g);
            return baselineOptimism(g, b.q1At(g, pi), b.q2At(g, pi), data1, data2, b.q1At(g, next), b.q2At(g, next),
                    b.q1At(g, u), b.q2At(g, u), config.etaPractical(), config.quirkSharedDataQ());
        });
    }
}
