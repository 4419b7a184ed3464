package dev.proxima.bandits.alflb;

import dev.proxima.core.util.Checks;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Auxiliary-loss-free load balancing: a per-expert bias that enters only the top-K selection,
 * nudged after every batch towards the experts that got fewer tokens than their share. The gate
 * weights keep using the unbiased scores, so balancing does not distort what the router outputs.
 *
 * <p>Papers: the mechanism is Wang, Gao, Zhao, Sun, Dai (2024), "Auxiliary-Loss-Free Load
 * Balancing Strategy for Mixture-of-Experts", arXiv:2408.15664 (sign update, u = 1e-3, as our spec
 * recalls it); its primal–dual reading is Han and Zhong (2025), "A Theoretical Framework for
 * Auxiliary-Loss-Free Load Balancing of Sparse Mixture-of-Experts" [abstract], spec §14.
 *
 * <h2>Update (after the batch of step t = 1, 2, ... is routed)</h2>
 * <pre>
 *   S_t      = top-K of s_{t,·} + b                     (primal step: greedy assignment at prices p = −b)
 *   c_i      = load of expert i,  L = K·B/N
 *   SIGN(u)                b_i ← b_i + u·sign(L − c_i)
 *   PROPORTIONAL(ε)        b_i ← b_i + ε·(L − c_i)/L     (one dual subgradient step on D, normalised by L)
 *   PROPORTIONAL_DECAY     the same with ε_t = c/(t + t₀)
 * </pre>
 * D(b) = Σ_t (K largest of s_{t,·} + b) − L·Σ_i b_i is the dual function of the balanced-assignment
 * LP ({@link Routing#dualValue}); its subgradient in b_i is c_i − L, so PROPORTIONAL is subgradient
 * descent on D and SIGN is its sign-normalised version.
 *
 * <h2>Choices</h2>
 * <ol>
 *   <li>sign(0) = 0: a perfectly loaded expert keeps its bias.</li>
 *   <li>b starts at 0 unless an initial bias is given ({@link #AlfLb(Config, double[])}).</li>
 *   <li>The decaying step's defaults c = 1, t₀ = 10 are [review] values of the spec, not the paper's.</li>
 * </ol>
 *
 * <h2>Recorded per step</h2>
 * MaxVio, score retention against unbiased greedy routing, and D(b_t) on the step's batch.
 *
 * <p>Thread safety: an instance is single-threaded.
 */
public final class AlfLb {

    // ── 1. Hyperparameters ───────────────────────────────────────────

    /** How the bias moves given an expert's load c and the target L at step t. */
    public sealed interface UpdateRule {
        /** The increment of b_i at step t ≥ 1. */
        double increment(int step, int load, double target);

        /** No balancing: the bias stays where it started. */
        record None() implements UpdateRule {
            @Override
            public double increment(int step, int load, double target) {
                return 0;
            }
        }

        /** b_i += u·sign(L − c_i); DeepSeek's rule with u = 1e-3 (spec §14(a), [recalled]). */
        record Sign(double rate) implements UpdateRule {
            public Sign {
                Checks.positive(rate, "rate");
            }

            @Override
            public double increment(int step, int load, double target) {
                return rate * Math.signum(target - load);
            }
        }

        /** b_i += ε·(L − c_i)/L (spec §14(a); ε = 0.01 in the online checks, 1e-3 on a fixed batch). */
        record Proportional(double stepSize) implements UpdateRule {
            public Proportional {
                Checks.positive(stepSize, "stepSize");
            }

            @Override
            public double increment(int step, int load, double target) {
                return stepSize * (target - load) / target;
            }
        }

        /** b_i += ε_t·(L − c_i)/L with ε_t = c/(t + t₀) (spec §14(a), defaults c = 1, t₀ = 10 [review]). */
        record ProportionalDecay(double scale, double offset) implements UpdateRule {
            public ProportionalDecay {
                Checks.positive(scale, "scale");
                Checks.nonNegative(offset, "offset");
            }

            @Override
            public double increment(int step, int load, double target) {
                return scale / (step + offset) * (target - load) / target;
            }
        }
    }

    /**
     * @param rule the bias update (spec default for the online router: SIGN(1e-3))
     */
    public record Config(UpdateRule rule) {
        public Config {
            Checks.require(rule != null, "rule must be None, Sign, Proportional or ProportionalDecay, was null");
        }

        /** SIGN(u = 1e-3), DeepSeek's setting. */
        public static Config defaults() {
            return sign(1e-3);
        }

        public static Config none() {
            return new Config(new UpdateRule.None());
        }

        public static Config sign(double rate) {
            return new Config(new UpdateRule.Sign(rate));
        }

        public static Config proportional(double stepSize) {
            return new Config(new UpdateRule.Proportional(stepSize));
        }

        /** ε_t = c/(t + t₀); the spec's defaults are c = 1, t₀ = 10. */
        public static Config proportionalDecay(double scale, double offset) {
            return new Config(new UpdateRule.ProportionalDecay(scale, offset));
        }
    }

    // ── 2. State ─────────────────────────────────────────────────────

    private final Config config;
    private final double[] bias;
    private int steps;

    /** Starts from b = 0 for {@code experts} experts. */
    public AlfLb(Config config, int experts) {
        this(config, new double[experts]);
    }

    /** Starts from the given bias (copied). */
    public AlfLb(Config config, double[] initialBias) {
        Checks.require(config != null, "config must not be null");
        Checks.require(initialBias.length >= 2, "need at least two experts, had " + initialBias.length);
        this.config = config;
        this.bias = initialBias.clone();
    }

    // ── 3. One step: route, measure, move the bias ───────────────────

    /**
     * What one step measured, before the bias moved.
     *
     * @param maxViolation max_i c_i/L − 1
     * @param retention    selected unbiased score over the unbiased greedy score
     * @param dual         D(b) at the bias used for this batch
     * @param loads        c_i
     */
    public record StepStats(double maxViolation, double retention, double dual, int[] loads) {}

    /** Routes {@code batch} with the current bias, records the step's metrics, then updates the bias. */
    public StepStats step(Routing.Batch batch, int topK) {
        int[] selected = route(batch, topK);
        int n = bias.length;
        int[] loads = Routing.loads(selected, n, new int[n]);
        double target = Routing.targetLoad(topK, batch.tokens(), n);
        double retention = Routing.selectedScore(batch, selected, topK) / Routing.greedyScore(batch, topK);
        var stats = new StepStats(Routing.maxViolation(loads, target), retention,
                Routing.dualValue(batch, bias, selected, topK), loads);
        update(loads, target);
        return stats;
    }

    /** The primal step: top-K of s + b for every token ({@code selected[t·K + j]}). */
    public int[] route(Routing.Batch batch, int topK) {
        Checks.require(batch.experts() == bias.length,
                "batch has " + batch.experts() + " experts, the balancer " + bias.length);
        return Routing.select(batch, bias, topK, new int[batch.tokens() * topK]);
    }

    /** The dual step: moves every b_i by the rule's increment for load c_i against target L. */
    public void update(int[] loads, double target) {
        Checks.require(loads.length == bias.length, "loads must have " + bias.length + " entries");
        steps++;
        for (int i = 0; i < bias.length; i++) bias[i] += config.rule().increment(steps, loads[i], target);
    }

    // ── 4. Training loop ─────────────────────────────────────────────

    /**
     * Per-step curves of one run; index t − 1 is step t.
     *
     * @param maxViolation MaxVio of each step's batch
     * @param retention    score retention of each step
     * @param dual         D(b_t) on each step's batch
     * @param bias         the bias b_t each batch was routed with (empty unless recorded)
     * @param finalBias    b after the last update
     */
    public record Result(double[] maxViolation, double[] retention, double[] dual, double[][] bias,
                         double[] finalBias) {
        /** Mean of {@code values} over steps [from, to], 1-based and inclusive. */
        public static double mean(double[] values, int from, int to) {
            Checks.require(from >= 1 && to <= values.length && from <= to,
                    "steps [" + from + ", " + to + "] must lie in [1, " + values.length + "]");
            double s = 0;
            for (int t = from; t <= to; t++) s += values[t - 1];
            return s / (to - from + 1);
        }
    }

    /** Runs {@code steps} steps on batches from {@code source}; {@code recordBias} keeps every b_t. */
    public Result train(Supplier<Routing.Batch> source, int topK, int steps, boolean recordBias) {
        Checks.positive(steps, "steps");
        double[] vio = new double[steps], ret = new double[steps], dual = new double[steps];
        double[][] history = recordBias ? new double[steps][] : new double[0][];
        for (int t = 0; t < steps; t++) {
            if (recordBias) history[t] = bias.clone();
            StepStats s = step(source.get(), topK);
            vio[t] = s.maxViolation();
            ret[t] = s.retention();
            dual[t] = s.dual();
        }
        return new Result(vio, ret, dual, history, bias.clone());
    }

    // ── 5. Accessors and helpers ─────────────────────────────────────

    /** The current bias (a copy). */
    public double[] bias() {
        return bias.clone();
    }

    /** Steps taken so far. */
    public int steps() {
        return steps;
    }

    public Config config() {
        return config;
    }

    /** b − mean(b): D does not change when one constant is added to every b_i, so compare these. */
    public static double[] centred(double[] b) {
        double mean = Arrays.stream(b).average().orElse(0);
        double[] c = new double[b.length];
        for (int i = 0; i < b.length; i++) c[i] = b[i] - mean;
        return c;
    }
}
