package dev.proxima.rl.mdpo;

import dev.proxima.core.dist.TanhGaussian;
import dev.proxima.core.env.Env;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.rl.sac.Sac;

/**
 * Off-policy Mirror Descent Policy Optimization: SAC's machinery (twin critics, replay,
 * entropy-regularised targets with coefficient λ) with the actor trained on a KL-proximal step
 * towards a periodically frozen copy of itself.
 *
 * <p>Paper: Tomar, Shani, Efroni, Ghavamzadeh (2022), "Mirror Descent Policy Optimization",
 * ICLR, §5 (off-policy MDPO); defaults from the authors' code ({@code mdpo_off}), as in
 * seeds-control spec §1(a).
 *
 * <h2>Policy loss</h2>
 * <pre>
 *   L_π = mean( c·log π_θ(ã|s) + (λ − c)·log π_old(ã|s) − Q_1(s, ã) ),   ã ~ π_θ(·|s) reparameterised
 *       = mean( λ·log π_θ − Q_1 ) + c·mean( log π_θ − log π_old )        (entropy + KL(π_θ‖π_old) estimate)
 *   π_old ← π_θ every m env steps
 * </pre>
 * With c = λ the loss is SAC's policy loss on Q_1 ({@link Sac#policyLoss}).
 *
 * <h2>Departures</h2>
 * <ol>
 *   <li>The repository collects data with the deterministic mean action after warm-up; here the
 *       behaviour policy samples, as SAC does (the spec's default of the
 *       {@code behaviourDeterministic} flag, which is not offered).</li>
 *   <li>No state-value network: the critics regress on SAC's entropy-regularised target from
 *       the twin target critics, where the repository (SAC-v1 style) learns V(s) and bootstraps
 *       from a Polyak copy V̄(s′).</li>
 *   <li>No 1e-3·(mean² + log-std²) regulariser on the policy's pre-squash outputs, and the
 *       log-std is squashed into [−5, 2] (SAC's) instead of clamped to [−20, 2].</li>
 *   <li>Order within a gradient step is SAC's (critics, then the policy); the repository takes
 *       the policy step first.</li>
 *   <li>Everything SAC departs from (its class Javadoc) applies here too.</li>
 * </ol>
 */
public final class OffPolicyMdpo {
    private OffPolicyMdpo() {}

    /**
     * @param sac        the SAC settings (λ is {@code sac.alpha()}, kept fixed)
     * @param klConstant c, the weight of the proximal term (code: 1.0)
     * @param copyEvery  m, env steps between refreshes of π_old (code: 1,000)
     */
    public record Config(Sac.Config sac, double klConstant, int copyEvery) {
        public Config {
            if (sac.autotuneAlpha()) {
                throw new IllegalArgumentException("off-policy MDPO keeps λ fixed: sac.autotuneAlpha must be false");
            }
            Checks.nonNegative(klConstant, "klConstant");
            Checks.positive(copyEvery, "copyEvery");
        }

        /**
         * MuJoCo: the repository's λ = 0.2, c = 1, m = 1,000 on SAC's 256-256 networks and batch
         * 256, with SAC's 5,000 random steps (the repository uses 10,000) so that a comparison with
         * SAC differs in the objective only.
         */
        public static Config mujoco() {
            Sac.Config d = Sac.Config.defaults();
            return new Config(new Sac.Config(d.hiddenSize(), d.batchSize(), d.learningRate(), d.gamma(), d.tau(),
                    d.bufferSize(), d.learningStarts(), 0.2, false), 1.0, 1000);
        }

        /** The CPU Pendulum setting of spec §1(b): SAC's ({@link Sac.Config#pendulum()}, λ 0.2), c = 1, m = 1,000. */
        public static Config pendulum() {
            return new Config(Sac.Config.pendulum(), 1.0, 1000);
        }
    }

    /** {@code mean(c·log π + (λ − c)·log π_old − Q_1)}. */
    public static Tensor policyLoss(Graph g, Tensor logPi, Tensor logPiOld, Tensor q1, float c, float lambda) {
        return g.mean(g.sub(g.add(g.scale(logPi, c), g.scale(logPiOld, lambda - c)), q1));
    }

    /** A SAC learner whose actor follows the off-policy MDPO objective. */
    public static Sac.Learner learner(Config config, Env<float[], float[]> env, long seed) {
        int obs = ((Box) env.observationSpace()).low().length, act = ((Box) env.actionSpace()).low().length;
        // π_old's own initialisation never matters: the first env step copies the actor into it.
        Sac.Actor old = new Sac.Actor(obs, act, config.sac().hiddenSize(), Rng.of(seed));
        boolean[] initialised = {false};
        Sac.ActorObjective objective = new Sac.ActorObjective() {
            @Override
            public Tensor loss(Graph g, Tensor s, Tensor u, Tensor logPi, Tensor q1, Tensor q2, float alpha) {
                Tensor[] oldDist = old.forward(g, s);
                Tensor logPiOld = g.detach(TanhGaussian.logProb(g, g.detach(oldDist[0]), g.detach(oldDist[1]), g.detach(u)));
                return policyLoss(g, logPi, logPiOld, q1, (float) config.klConstant(), alpha);
            }

            @Override
            public void afterEnvStep(long envSteps, Sac.Actor actor) {
                if (!initialised[0] || envSteps % config.copyEvery() == 0) {
                    old.copyFrom(actor);
                    initialised[0] = true;
                }
            }
        };
        return new Sac.Learner(config.sac(), env, seed, objective);
    }
}
