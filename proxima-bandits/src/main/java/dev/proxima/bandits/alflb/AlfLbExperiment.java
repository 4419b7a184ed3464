package dev.proxima.bandits.alflb;

import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard load-balancing experiments of spec §14(b).
 *
 * <ul>
 *   <li>{@link #run}: the synthetic router, every method on the same batches (one router stream
 *       per seed, replayed for each method), with MaxVio, score retention and D(b) per step, and
 *       the balanced optimum's retention on a few batches for reference.</li>
 *   <li>{@link #referenceBias}: the long-run average bias b̄* the online error is measured against.</li>
 *   <li>{@link #runMoe}: the tiny MoE regression under no balancing, aux loss and loss-free bias.</li>
 * </ul>
 */
public final class AlfLbExperiment {
    private AlfLbExperiment() {}

    /**
     * @param router            the synthetic router (spec: N 16, K 2, B 1024, spread 1.5)
     * @param steps             batches per method (spec: 3000)
     * @param signRate          u of SIGN (spec: 1e-3)
     * @param proportionalStep  ε of PROPORTIONAL (spec: 0.01)
     * @param decayScale        c of PROPORTIONAL_DECAY (spec: 1 [review])
     * @param decayOffset       t₀ of PROPORTIONAL_DECAY (spec: 10 [review])
     * @param referenceEvery    the balanced optimum's retention is computed on batches
     *                          referenceEvery, 2·referenceEvery, ... (0 = never)
     */
    public record Config(SyntheticRouter.Config router, int steps, double signRate, double proportionalStep,
                         double decayScale, double decayOffset, int referenceEvery) {
        public Config {
            Checks.require(router != null, "router must not be null");
            Checks.positive(steps, "steps");
            Checks.positive(signRate, "signRate");
            Checks.positive(proportionalStep, "proportionalStep");
            Checks.positive(decayScale, "decayScale");
            Checks.nonNegative(decayOffset, "decayOffset");
            Checks.nonNegative(referenceEvery, "referenceEvery");
        }

        /** Spec §14(b)–(c): 3000 steps; SIGN(1e-3), PROPORTIONAL(0.01), PROPORTIONAL_DECAY(1, 10). */
        public static Config defaults() {
            return new Config(SyntheticRouter.Config.defaults(), 3000, 1e-3, 0.01, 1.0, 10.0, 500);
        }

        public Config withSteps(int value) {
            return new Config(router, value, signRate, proportionalStep, decayScale, decayOffset, referenceEvery);
        }

        /** The balancers run, by name, in order: none, sign, proportional, proportional-decay. */
        public Map<String, AlfLb.Config> methods() {
            Map<String, AlfLb.Config> m = new LinkedHashMap<>();
            m.put("none", AlfLb.Config.none());
            m.put("sign", AlfLb.Config.sign(signRate));
            m.put("proportional", AlfLb.Config.proportional(proportionalStep));
            m.put("proportional-decay", AlfLb.Config.proportionalDecay(decayScale, decayOffset));
            return m;
        }
    }

    /** One method's per-step curves; index t − 1 is step t. */
    public record Curve(String method, double[] maxViolation, double[] retention, double[] dual, double[] finalBias) {}

    /**
     * @param curves             one per method
     * @param referenceSteps     the steps whose batch was solved exactly
     * @param optimalRetention   the balanced optimum's score over the greedy score on those batches
     */
    public record Result(Config config, long seed, List<Curve> curves, int[] referenceSteps,
                         double[] optimalRetention) {
        public Curve curve(String method) {
            for (Curve c : curves) {
                if (c.method().equals(method)) return c;
            }
            throw new IllegalArgumentException("no method " + method + "; methods: "
                    + curves.stream().map(Curve::method).toList());
        }
    }

    /**
     * Runs every balancer on the same {@code config.steps()} batches drawn for {@code seed}: each
     * batch is drawn once and routed by every method, so the methods differ only in their bias.
     */
    public static Result run(Config config, long seed) {
        int k = config.router().topK(), steps = config.steps();
        var router = new SyntheticRouter(config.router(), Rng.of(seed));
        List<String> names = List.copyOf(config.methods().keySet());
        List<AlfLb> balancers = new ArrayList<>();
        for (AlfLb.Config c : config.methods().values()) balancers.add(new AlfLb(c, config.router().experts()));
        double[][] vio = new double[names.size()][steps], ret = new double[names.size()][steps],
                dual = new double[names.size()][steps];
        int count = config.referenceEvery() == 0 ? 0 : steps / config.referenceEvery();
        int[] refSteps = new int[count];
        double[] refRetention = new double[count];
        for (int t = 0, c = 0; t < steps; t++) {
            Routing.Batch batch = router.next();
            for (int m = 0; m < balancers.size(); m++) {
                AlfLb.StepStats s = balancers.get(m).step(batch, k);
                vio[m][t] = s.maxViolation();
                ret[m][t] = s.retention();
                dual[m][t] = s.dual();
            }
            if (count > 0 && (t + 1) % config.referenceEvery() == 0) {
                refSteps[c] = t + 1;
                refRetention[c++] = BalancedAssignment.solve(batch, k).score() / Routing.greedyScore(batch, k);
            }
        }
        List<Curve> curves = new ArrayList<>();
        for (int m = 0; m < names.size(); m++) {
            curves.add(new Curve(names.get(m), vio[m], ret[m], dual[m], balancers.get(m).bias()));
        }
        return new Result(config, seed, List.copyOf(curves), refSteps, refRetention);
    }

    /**
     * b̄* of spec §14(c): a run of PROPORTIONAL(0.01) for 5 000 steps, then PROPORTIONAL(0.002),
     * averaging the mean-centred bias over steps 10 000–20 000. Use a seed of its own.
     */
    public static double[] referenceBias(SyntheticRouter.Config router, long seed) {
        return referenceBias(router, seed, 5_000, 10_000, 20_000);
    }

    /** b̄* with the phase lengths as parameters: switch to ε = 0.002 after {@code warmup}, average over [from, to]. */
    public static double[] referenceBias(SyntheticRouter.Config router, long seed, int warmup, int from, int to) {
        Checks.require(0 < warmup && warmup < from && from <= to,
                "need 0 < warmup < from <= to, were " + warmup + ", " + from + ", " + to);
        var source = new SyntheticRouter(router, Rng.of(seed));
        var coarse = new AlfLb(AlfLb.Config.proportional(0.01), router.experts());
        coarse.train(source::next, router.topK(), warmup, false);
        var fine = new AlfLb(AlfLb.Config.proportional(0.002), coarse.bias());
        double[] mean = new double[router.experts()];
        for (int step = warmup + 1; step <= to; step++) {
            if (step >= from) { // b_step, the bias this step's batch is routed with
                double[] c = AlfLb.centred(fine.bias());
                for (int i = 0; i < mean.length; i++) mean[i] += c[i] / (to - from + 1);
            }
            fine.step(source.next(), router.topK());
        }
        return mean;
    }

    /** e_t = ‖(b_t − mean b_t) − b̄*‖² for every recorded b_t of {@code run}. */
    public static double[] onlineError(AlfLb.Result run, double[] reference) {
        double[] e = new double[run.bias().length];
        for (int t = 0; t < e.length; t++) {
            double[] c = AlfLb.centred(run.bias()[t]);
            for (int i = 0; i < c.length; i++) e[t] += (c[i] - reference[i]) * (c[i] - reference[i]);
        }
        return e;
    }

    /** One tiny-MoE curve per balancing mode; index t − 1 is step t. */
    public record MoeCurve(TinyMoe.Balancing balancing, double[] maxViolation, double[] taskLoss) {}

    /** The tiny MoE under NONE, AUX_LOSS and LOSS_FREE, each from the same seed. */
    public static List<MoeCurve> runMoe(TinyMoe.Config config, long seed) {
        List<MoeCurve> out = new ArrayList<>();
        for (TinyMoe.Balancing mode : TinyMoe.Balancing.values()) {
            var r = TinyMoe.train(config, mode, seed);
            out.add(new MoeCurve(mode, r.maxViolation(), r.taskLoss()));
        }
        return List.copyOf(out);
    }
}
