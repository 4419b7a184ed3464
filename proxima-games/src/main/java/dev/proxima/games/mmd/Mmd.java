package dev.proxima.games.mmd;

import dev.proxima.core.game.State;
import dev.proxima.core.rl.MirrorDescent;
import dev.proxima.core.util.Checks;
import dev.proxima.games.tree.GameTree;
import dev.proxima.games.tree.TabularPolicy;

/**
 * Magnetic mirror descent as a tabular learner, in the behavioural, action-value form: every
 * information set takes one KL-proximal step towards its action values, pulled towards a magnet.
 *
 * <p>Paper: Sokota, D'Orazio, Kolter, Loizou, Lanctot, Mitliagkas, Brown, Kroer (2023), "A Unified
 * Approach to Reinforcement Learning, Quantal Response Equilibria, and Two-Player Zero-Sum Games",
 * ICLR 2023, arXiv:2206.05825; update rule and hyperparameters from the authors' {@code mmd}
 * code, as our spec §3(a) records them.
 *
 * <h2>Update (iteration t = 1, 2, ...; all information sets at once)</h2>
 * <pre>
 *   q_t(s, a) = Σ_{h∈s} P_π(h|s)·v(h·a)        acting player's value, belief-weighted (not counterfactual)
 *   π_{t+1}(·|s) ∝ (π_t(·|s) · ρ_t(·|s)^{ηα} · exp(η·q_t(s, ·)))^{1/(1+ηα)}     ({@link MirrorDescent#tabularStep})
 *   ρ_{t+1}(·|s) ∝ ρ_t(·|s)^{1−m} · π_{t+1}(·|s)^{m}                              (moving magnet, m ≥ 0)
 *   annealing: η_t = η/√t and α_t = α/√t
 * </pre>
 * The last iterate π_t is the solution. Its fixed point for fixed α and a uniform magnet is the
 * agent logit quantal response equilibrium with temperature α.
 *
 * <h2>Implementation details</h2>
 * <ol>
 *   <li>Policy and magnet probabilities are floored at {@link Config#probabilityFloor()} and
 *       renormalised after every update (authors' code: 1e-10).</li>
 *   <li>Both start uniform.</li>
 *   <li>Unreachable information sets (zero belief mass) weigh their histories uniformly.</li>
 * </ol>
 */
public final class Mmd {
    /**
     * @param stepSize         η > 0 (the initial value when annealing)
     * @param magnetWeight     α ≥ 0, the regularisation temperature (initial value when annealing)
     * @param anneal           use η/√t and α/√t
     * @param magnetStep       m ∈ [0, 1]: how far the magnet moves towards the new policy each iteration
     * @param probabilityFloor smallest probability kept in the policy and the magnet
     */
    public record Config(double stepSize, double magnetWeight, boolean anneal, double magnetStep,
                         double probabilityFloor) {
        public Config {
            Checks.positive(stepSize, "stepSize");
            Checks.nonNegative(magnetWeight, "magnetWeight");
            Checks.inClosed(magnetStep, 0, 1, "magnetStep");
            Checks.inClosed(probabilityFloor, 0, 0.01, "probabilityFloor");
        }

        /** Kuhn, moving magnet: η 0.1, α 1, m 0.05 (authors' code). */
        public static Config movingMagnet() {
            return new Config(0.1, 1.0, false, 0.05, 1e-10);
        }

        /** Kuhn annealing: α_t = η_t = 1/√t, fixed uniform magnet (authors' code). */
        public static Config annealing() {
            return new Config(1.0, 1.0, true, 0.0, 1e-10);
        }

        /** Leduc annealing: α_t = 5/√t, η_t = 1/√t (authors' code). */
        public static Config leducAnnealing() {
            return new Config(1.0, 5.0, true, 0.0, 1e-10);
        }

        /** Fixed temperature α and step η, fixed uniform magnet: converges to the logit QRE. */
        public static Config fixed(double stepSize, double magnetWeight) {
            return new Config(stepSize, magnetWeight, false, 0.0, 1e-10);
        }
    }

    private final GameTree tree;
    private final Config config;
    private final TabularPolicy policy;
    private final TabularPolicy magnet;
    private final int players;
    private final double[] reach;
    private final double[] value;
    private final double[][] q;
    // Per-information-set work arrays, so an iteration allocates nothing.
    private final double[][] logPolicy;
    private final double[][] logMagnet;
    private final double[][] next;
    private int iteration;

    public Mmd(GameTree tree, Config config) {
        this(tree, config, TabularPolicy.uniform(tree), TabularPolicy.uniform(tree));
    }

    /** Starts from {@code initial} with magnet {@code magnet} (both copied). */
    public Mmd(GameTree tree, Config config, TabularPolicy initial, TabularPolicy magnet) {
        this.tree = tree;
        this.config = config;
        this.policy = initial.copy();
        this.magnet = magnet.copy();
        this.players = tree.numPlayers();
        this.reach = new double[tree.numNodes() * (players + 1)];
        this.value = new double[tree.numNodes() * players];
        int sets = tree.numInfosets();
        this.q = new double[sets][];
        this.logPolicy = new double[sets][];
        this.logMagnet = new double[sets][];
        this.next = new double[sets][];
        for (int s = 0; s < sets; s++) {
            int k = tree.numActions(s);
            q[s] = new double[k];
            logPolicy[s] = new double[k];
            logMagnet[s] = new double[k];
            next[s] = new double[k];
        }
    }

    /** One simultaneous update of every information set. */
    public void iterate() {
        iteration++;
        double scale = config.anneal() ? 1 / Math.sqrt(iteration) : 1;
        double eta = config.stepSize() * scale, alpha = config.magnetWeight() * scale;
        computeActionValues();
        for (int set = 0; set < q.length; set++) {
            double[] pi = policy.at(set), rho = magnet.at(set);
            int k = pi.length;
            double[] lp = logPolicy[set], lm = logMagnet[set], out = next[set];
            for (int a = 0; a < k; a++) {
                lp[a] = Math.log(pi[a]);
                lm[a] = Math.log(rho[a]);
            }
            MirrorDescent.tabularStep(lp, q[set], eta, alpha, alpha == 0 ? null : lm, out);
            for (int a = 0; a < k; a++) pi[a] = Math.exp(out[a]);
            floorAndNormalise(pi);
            if (config.magnetStep() > 0) {
                double m = config.magnetStep();
                for (int a = 0; a < k; a++) rho[a] = Math.exp((1 - m) * Math.log(rho[a]) + m * Math.log(pi[a]));
                floorAndNormalise(rho);
            }
        }
    }

    private void floorAndNormalise(double[] p) {
        double sum = 0;
        for (int a = 0; a < p.length; a++) {
            p[a] = Math.max(p[a], config.probabilityFloor());
            sum += p[a];
        }
        for (int a = 0; a < p.length; a++) p[a] /= sum;
    }

    /** Belief-weighted action values of every information set under the current policy. */
    private void computeActionValues() {
        int n = tree.numNodes(), w = players + 1;
        java.util.Arrays.fill(reach, 0, w, 1.0);
        for (int node = 0; node < n; node++) {
            int p = tree.player(node);
            for (int k = 0; k < tree.numChildren(node); k++) {
                int c = tree.child(node, k);
                System.arraycopy(reach, node * w, reach, c * w, w);
                if (p == State.CHANCE) {
                    reach[c * w + players] *= tree.chanceProbability(node, k);
                } else if (p >= 0) {
                    reach[c * w + p] *= policy.probability(tree.infoset(node), k);
                }
            }
        }
        for (int node = n - 1; node >= 0; node--) {
            int p = tree.player(node);
            if (p == State.TERMINAL) {
                System.arraycopy(tree.returns(node), 0, value, node * players, players);
                continue;
            }
            java.util.Arrays.fill(value, node * players, node * players + players, 0.0);
            for (int k = 0; k < tree.numChildren(node); k++) {
                double pr = p == State.CHANCE ? tree.chanceProbability(node, k) : policy.probability(tree.infoset(node), k);
                int c = tree.child(node, k);
                for (int j = 0; j < players; j++) value[node * players + j] += pr * value[c * players + j];
            }
        }
        for (int set = 0; set < q.length; set++) {
            int p = tree.infosetPlayer(set);
            int[] nodes = tree.infosetNodes(set);
            double total = 0;
            for (int h : nodes) total += belief(h, p);
            java.util.Arrays.fill(q[set], 0.0);
            for (int h : nodes) {
                double weight = total > 0 ? belief(h, p) / total : 1.0 / nodes.length;
                for (int k = 0; k < q[set].length; k++) q[set][k] += weight * value[tree.child(h, k) * players + p];
            }
        }
    }

    private double belief(int node, int player) {
        int w = players + 1;
        double b = reach[node * w + players];
        for (int j = 0; j < players; j++) {
            if (j != player) {
                b *= reach[node * w + j];
            }
        }
        return b;
    }

    /** A copy of the last iterate. */
    public TabularPolicy policy() {
        return policy.copy();
    }

    /** A copy of the current magnet. */
    public TabularPolicy magnet() {
        return magnet.copy();
    }

    public int iteration() {
        return iteration;
    }

    public Config config() {
        return config;
    }
}
