package dev.proxima.prefs.tabular;

import dev.proxima.core.rl.MirrorDescent;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.game.PreferenceMatrix;
import dev.proxima.prefs.game.Simplex;

/**
 * Tabular Nash-MD: mirror descent towards the τ-regularised Nash equilibrium of a preference game,
 * playing each step against a geometric mixture of the current policy and the reference.
 *
 * <p>Paper: Munos, Valko, Calandriello, et al. (2023), "Nash Learning from Human Feedback",
 * arXiv:2312.00886, §5 (Nash-MD); spec §2.1.
 *
 * <pre>
 *   game:      J_τ(π, π') = P(π ≻ π') − τ·KL(π‖μ) + τ·KL(π'‖μ),   μ = π_ref
 *   mixture:   π_t^μ(y) ∝ π_t(y)^{1−ητ}·μ(y)^{ητ}                 ({@link MirrorDescent#geometricMixture})
 *   step:      π_{t+1}(y) ∝ π_t^μ(y)·exp(η·P(y ≻ π_t^μ))            ({@link MirrorDescent#tabularStep}, α = 0)
 *   decaying:  η_t = min(1/τ, 2/(τ(t + 2))),  t = 0, 1, …
 * </pre>
 * A constant η gives KL(π*‖π_t) ≤ (1−ητ)^t·KL(π*‖π_0) + O(η/τ): linear convergence to a bias
 * floor that grows like η² in our measurements. The decaying step converges at O(1/t) in the last
 * iterate. The last iterate π_t is the solution.
 *
 * <p>Departures: none; the update is the paper's eq. for the tabular case. Each iteration uses one
 * evaluation of the operator P·π ("preference query").
 *
 * <p>Not thread-safe.
 */
public final class NashMd {
    /**
     * @param tau      τ > 0, regularisation towards μ = π_ref
     * @param stepSize η > 0 with ητ ≤ 1 (ignored when {@code decaying})
     * @param decaying use η_t = min(1/τ, 2/(τ(t+2)))
     */
    public record Config(double tau, double stepSize, boolean decaying) {
        public Config {
            Checks.positive(tau, "tau");
            Checks.positive(stepSize, "stepSize");
            if (!decaying && stepSize * tau > 1) {
                throw new IllegalArgumentException("stepSize·tau must be <= 1 (the mixture weight ητ), was "
                        + stepSize + "·" + tau + " = " + stepSize * tau);
            }
        }

        /** The decaying schedule of spec §2.1 with τ = 0.1 (the spec's testbed value). */
        public static Config defaults() {
            return decaying(0.1);
        }

        /** η_t = min(1/τ, 2/(τ(t+2))). */
        public static Config decaying(double tau) {
            return new Config(tau, 1 / tau, true);
        }

        /** Constant η. */
        public static Config constant(double tau, double stepSize) {
            return new Config(tau, stepSize, false);
        }
    }

    private final PreferenceMatrix p;
    private final Config config;
    private final double[] logRef, logPi, mixture, mixtureProb, values;
    private int t;

    /** Starts at π_0 = π_ref. */
    public NashMd(PreferenceMatrix p, double[] reference, Config config) {
        this(p, reference, reference, config);
    }

    public NashMd(PreferenceMatrix p, double[] reference, double[] initial, Config config) {
        int n = p.size();
        Simplex.requireDistribution(reference, "reference");
        Simplex.requireDistribution(initial, "initial");
        if (reference.length != n || initial.length != n) {
            throw new IllegalArgumentException("reference and initial must have " + n + " entries, had "
                    + reference.length + " and " + initial.length);
        }
        this.p = p;
        this.config = config;
        this.logRef = Simplex.log(reference);
        this.logPi = Simplex.log(initial);
        this.mixture = new double[n];
        this.mixtureProb = new double[n];
        this.values = new double[n];
    }

    /** η_t for iteration t (0-based). */
    public static double stepSize(Config config, int t) {
        return config.decaying() ? Math.min(1 / config.tau(), 2 / (config.tau() * (t + 2))) : config.stepSize();
    }

    /** One Nash-MD update. */
    public void iterate() {
        double eta = stepSize(config, t);
        MirrorDescent.geometricMixture(logPi, logRef, eta * config.tau(), mixture);
        for (int i = 0; i < mixture.length; i++) mixtureProb[i] = Math.exp(mixture[i]);
        p.against(mixtureProb, values);
        MirrorDescent.tabularStep(mixture, values, eta, 0, null, logPi);
        t++;
    }

    /** Runs {@code iterations} updates. */
    public void run(int iterations) {
        for (int i = 0; i < iterations; i++) iterate();
    }

    /** π_t (a copy). */
    public double[] policy() {
        return Simplex.exp(logPi);
    }

    /** log π_t (a copy). */
    public double[] logPolicy() {
        return logPi.clone();
    }

    /** Updates taken so far. */
    public int iteration() {
        return t;
    }
}
