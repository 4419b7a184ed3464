package dev.proxima.bandits.alflb;

import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;

/**
 * A tiny trainable mixture of experts on a regression task, the spec §14(b) stand-in for an MoE
 * language model, so that load balancing can be compared where it competes with a task loss:
 * no balancing, an auxiliary balance loss, and auxiliary-loss-free bias balancing ({@link AlfLb}).
 *
 * <h2>Model and task (our construction; the spec fixes only 8 experts, regression, aux 0.01)</h2>
 * <pre>
 *   x ∼ N(0, I_d);  teacher: region j*(x) = argmax_j u_jᵀx,  y = v_{j*}ᵀx + noise·ξ,  u_j, v_j ∼ N(0, I/d)
 *   router    z_i = r_iᵀx + β_i,  s_i = sigmoid(z_i),  β_i initialised to linspace(−spread, spread)
 *   routing   S = top-K of s + b  (b ≡ 0 except under LOSS_FREE),  g_i = s_i / Σ_{j∈S} s_j
 *   output    ŷ = Σ_{i∈S} g_i·w_iᵀx                          (linear experts)
 *   task      ½·mean_t (ŷ_t − y_t)²
 *   AUX_LOSS  + α·Σ_i f_i·P_i,  f_i = N·c_i/(K·B),  P_i = mean_t s_{t,i}/Σ_j s_{t,j}
 * </pre>
 * The aux term is the sequence-free form of the DeepSeek balance loss; its gradient reaches the
 * router through P only (f counts tokens and has none). Training is plain minibatch SGD on fresh
 * batches; the LOSS_FREE bias is updated after each batch with SIGN(u).
 *
 * <h2>Choices</h2>
 * <ol>
 *   <li>The skewed initial router bias β reproduces the synthetic router's initial imbalance.</li>
 *   <li>Plain SGD (no momentum) keeps the three modes' optimisation identical apart from balancing.</li>
 * </ol>
 *
 * <p>Thread safety: {@link #train} is a pure function of its arguments.
 */
public final class TinyMoe {
    private TinyMoe() {}

    /** How the experts' loads are balanced. */
    public enum Balancing { NONE, AUX_LOSS, LOSS_FREE }

    /**
     * @param inputs         d, input dimension (ours: 8)
     * @param experts        N (spec: 8)
     * @param topK           K (ours: 2, as the synthetic router)
     * @param batchSize      B tokens per SGD step (ours: 256)
     * @param steps          SGD steps (ours: 2000)
     * @param learningRate   SGD step for every parameter (ours: 0.1)
     * @param auxCoefficient α of the aux loss under AUX_LOSS (spec: 0.01)
     * @param biasRate       u of the SIGN rule under LOSS_FREE (DeepSeek: 1e-3)
     * @param spread         initial router bias β = linspace(−spread, spread) (ours: 1.5, as §14(b))
     * @param noise          target noise scale (ours: 0.1)
     */
    public record Config(int inputs, int experts, int topK, int batchSize, int steps, double learningRate,
                         double auxCoefficient, double biasRate, double spread, double noise) {
        public Config {
            Checks.positive(inputs, "inputs");
            Checks.require(experts >= 2, "experts must be >= 2, was " + experts);
            Checks.require(topK >= 1 && topK < experts, "topK must be in [1, experts − 1], was " + topK);
            Checks.positive(batchSize, "batchSize");
            Checks.positive(steps, "steps");
            Checks.positive(learningRate, "learningRate");
            Checks.nonNegative(auxCoefficient, "auxCoefficient");
            Checks.positive(biasRate, "biasRate");
            Checks.nonNegative(spread, "spread");
            Checks.nonNegative(noise, "noise");
        }

        public static Config defaults() {
            return new Config(8, 8, 2, 256, 2000, 0.1, 0.01, 1e-3, 1.5, 0.1);
        }

        public Config withSteps(int value) {
            return new Config(inputs, experts, topK, batchSize, value, learningRate, auxCoefficient, biasRate,
                    spread, noise);
        }

        public Config withAuxCoefficient(double value) {
            return new Config(inputs, experts, topK, batchSize, steps, learningRate, value, biasRate, spread, noise);
        }
    }

    /**
     * Per-step curves; index t − 1 is step t, measured on the step's batch before its update.
     *
     * @param maxViolation MaxVio of the routing
     * @param taskLoss     ½·mean (ŷ − y)²
     * @param auxLoss      Σ_i f_i·P_i (reported in every mode; it is 1 at perfect balance)
     */
    public record Result(double[] maxViolation, double[] taskLoss, double[] auxLoss) {}

    /** Trainable parameters; also used to hold their gradients. */
    static final class Params {
        final double[][] router;    // r_i
        final double[] routerBias;  // β_i
        final double[][] experts;   // w_i

        Params(int experts, int inputs) {
            this.router = new double[experts][inputs];
            this.routerBias = new double[experts];
            this.experts = new double[experts][inputs];
        }

        void clear() {
            for (double[] row : router) java.util.Arrays.fill(row, 0);
            java.util.Arrays.fill(routerBias, 0);
            for (double[] row : experts) java.util.Arrays.fill(row, 0);
        }

        /** this ← this − lr·grad. */
        void descend(Params grad, double lr) {
            for (int i = 0; i < routerBias.length; i++) {
                routerBias[i] -= lr * grad.routerBias[i];
                for (int c = 0; c < router[i].length; c++) {
                    router[i][c] -= lr * grad.router[i][c];
                    experts[i][c] -= lr * grad.experts[i][c];
                }
            }
        }
    }

    /** s_{t,i} = sigmoid(r_iᵀx_t + β_i) for the batch, row-major. */
    static double[] gates(Params p, double[][] x) {
        int n = p.routerBias.length;
        double[] s = new double[x.length * n];
        for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < n; i++) s[t * n + i] = SyntheticRouter.sigmoid(dot(p.router[i], x[t]) + p.routerBias[i]);
        }
        return s;
    }

    /**
     * The objective for one batch with the routing {@code selected} (and hence the loads) held
     * fixed, as it is within a step: returns {task loss, Σ_i f_i·P_i} and writes the gradient of
     * task + α·aux into {@code grad}. Pure apart from {@code grad}.
     * <pre>
     *   ∂ŷ/∂s_i = (e_i − ŷ)/S for i ∈ S_t  (S = Σ_{j∈S_t} s_j, e_i = w_iᵀx)
     *   ∂/∂s_m Σ_i f_i·s_i/σ = (f_m − Σ_i f_i·s_i/σ)/σ   (σ = Σ_j s_j)
     *   ∂s/∂z = s(1 − s)
     * </pre>
     */
    static double[] loss(Params p, double[][] x, double[] y, int[] selected, int[] loads, double alpha, int k,
                         Params grad) {
        int b = y.length, n = p.routerBias.length;
        double[] s = gates(p, x), dz = new double[n], e = new double[k], f = new double[n];
        for (int i = 0; i < n; i++) f[i] = (double) n * loads[i] / ((double) k * b);
        grad.clear();
        double task = 0, aux = 0;
        for (int t = 0; t < b; t++) {
            java.util.Arrays.fill(dz, 0);
            double sum = 0, yHat = 0, sigma = 0, mixed = 0;
            for (int j = 0; j < k; j++) sum += s[t * n + selected[t * k + j]];
            for (int j = 0; j < k; j++) {
                int i = selected[t * k + j];
                e[j] = dot(p.experts[i], x[t]);
                yHat += s[t * n + i] / sum * e[j];
            }
            double r = yHat - y[t];
            task += 0.5 * r * r / b;
            for (int j = 0; j < k; j++) {
                int i = selected[t * k + j];
                dz[i] += r * (e[j] - yHat) / sum / b;
                double gate = s[t * n + i] / sum;
                for (int c = 0; c < x[t].length; c++) grad.experts[i][c] += r * gate * x[t][c] / b;
            }
            for (int i = 0; i < n; i++) sigma += s[t * n + i];
            for (int i = 0; i < n; i++) mixed += f[i] * s[t * n + i] / sigma;
            aux += mixed / b;
            for (int i = 0; i < n; i++) {
                double si = s[t * n + i];
                double g = (dz[i] + alpha * (f[i] - mixed) / sigma / b) * si * (1 - si);
                if (g == 0) continue;
                grad.routerBias[i] += g;
                for (int c = 0; c < x[t].length; c++) grad.router[i][c] += g * x[t][c];
            }
        }
        return new double[] {task, aux};
    }

    /** Trains one model; the teacher, the initial weights and the data all come from {@code seed}. */
    public static Result train(Config config, Balancing balancing, long seed) {
        Rng root = Rng.of(seed);
        Rng teacherRng = root.split(), initRng = root.split(), dataRng = root.split();
        int d = config.inputs(), n = config.experts(), k = config.topK(), b = config.batchSize();
        double[][] u = gaussian(teacherRng, n, d, 1 / Math.sqrt(d)), v = gaussian(teacherRng, n, d, 1 / Math.sqrt(d));
        Params params = new Params(n, d), grad = new Params(n, d);
        fill(initRng, params.router, 0.01);
        fill(initRng, params.experts, 0.01);
        for (int i = 0; i < n; i++) params.routerBias[i] = -config.spread() + 2 * config.spread() * i / (n - 1);
        AlfLb balancer = new AlfLb(balancing == Balancing.LOSS_FREE ? AlfLb.Config.sign(config.biasRate())
                : AlfLb.Config.none(), n);
        double alpha = balancing == Balancing.AUX_LOSS ? config.auxCoefficient() : 0;
        double target = Routing.targetLoad(k, b, n);

        double[] vio = new double[config.steps()], task = new double[config.steps()], aux = new double[config.steps()];
        double[][] x = new double[b][d];
        double[] y = new double[b];
        for (int step = 0; step < config.steps(); step++) {
            drawBatch(dataRng, u, v, config.noise(), x, y);
            int[] selected = balancer.route(new Routing.Batch(b, n, gates(params, x)), k);
            int[] loads = Routing.loads(selected, n, new int[n]);
            vio[step] = Routing.maxViolation(loads, target);
            double[] terms = loss(params, x, y, selected, loads, alpha, k, grad);
            task[step] = terms[0];
            aux[step] = terms[1];
            params.descend(grad, config.learningRate());
            balancer.update(loads, target);
        }
        return new Result(vio, task, aux);
    }

    private static void drawBatch(Rng rng, double[][] u, double[][] v, double noise, double[][] x, double[] y) {
        for (int t = 0; t < y.length; t++) {
            for (int c = 0; c < x[t].length; c++) x[t][c] = rng.nextGaussian();
            int region = 0;
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < u.length; j++) {
                double a = dot(u[j], x[t]);
                if (a > best) {
                    best = a;
                    region = j;
                }
            }
            y[t] = dot(v[region], x[t]) + noise * rng.nextGaussian();
        }
    }

    private static double[][] gaussian(Rng rng, int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        fill(rng, m, scale);
        return m;
    }

    private static void fill(Rng rng, double[][] m, double scale) {
        for (double[] row : m) {
            for (int c = 0; c < row.length; c++) row[c] = scale * rng.nextGaussian();
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
