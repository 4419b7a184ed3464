package dev.proxima.games;

import dev.proxima.core.game.Game;
import dev.proxima.games.cfr.Cfr;
import dev.proxima.games.eval.PolicyEvaluation;
import dev.proxima.games.mmd.Mmd;
import dev.proxima.games.search.LearnerUpdate;
import dev.proxima.games.search.UpdateRule;
import dev.proxima.games.tree.GameTree;
import dev.proxima.games.tree.TabularPolicy;
import java.util.List;

/**
 * The iterative solvers behind {@code proxima solve}, behind one small interface: iterate, then
 * read the policy the algorithm reports (CFR's average, MMD's and MD's last iterate).
 */
public final class Solvers {
    /** Names accepted by {@link #create}. */
    public static final List<String> NAMES = List.of("cfr", "cfr+", "mmd", "mmd-anneal", "md");

    private Solvers() {}

    /** An equilibrium-finding or policy-improvement iteration on a game tree. */
    public interface Solver {
        void iterate();

        int iteration();

        /** The policy this algorithm reports: CFR's average, MMD's and MD's last iterate. */
        TabularPolicy solution();
    }

    /** Default config record of an algorithm, or null when it has none to tune. */
    public static Record defaultConfig(String algo) {
        return switch (check(algo)) {
            case "cfr" -> Cfr.Config.cfr();
            case "cfr+" -> Cfr.Config.cfrPlus();
            case "mmd" -> Mmd.Config.movingMagnet();
            case "mmd-anneal" -> Mmd.Config.annealing();
            case "md" -> new MdConfig(1.0, 1e-10);
            default -> throw new AssertionError(algo);
        };
    }

    /**
     * Iterated mirror descent as a learner (the reference for cooperative games): every
     * information set steps to {@code π ∝ π·exp(η q)}, probabilities floored and renormalised.
     *
     * @param stepSize         η > 0 (spec §3(c): 1)
     * @param probabilityFloor smallest probability kept (spec: 1e-10)
     */
    public record MdConfig(double stepSize, double probabilityFloor) {
        public MdConfig {
            dev.proxima.core.util.Checks.positive(stepSize, "stepSize");
            dev.proxima.core.util.Checks.inClosed(probabilityFloor, 0, 0.01, "probabilityFloor");
        }
    }

    public static String check(String algo) {
        if (!NAMES.contains(algo)) {
            throw new IllegalArgumentException("unknown algorithm '" + algo + "'; allowed: " + String.join(", ", NAMES));
        }
        return algo;
    }

    public static Solver create(String algo, GameTree tree, Record config) {
        return switch (config) {
            case Cfr.Config c -> {
                Cfr cfr = new Cfr(tree, c);
                yield new Solver() {
                    public void iterate() { cfr.iterate(); }
                    public int iteration() { return cfr.iteration(); }
                    public TabularPolicy solution() { return cfr.averagePolicy(); }
                };
            }
            case Mmd.Config c -> {
                Mmd mmd = new Mmd(tree, c);
                yield new Solver() {
                    public void iterate() { mmd.iterate(); }
                    public int iteration() { return mmd.iteration(); }
                    public TabularPolicy solution() { return mmd.policy(); }
                };
            }
            case MdConfig c -> new Solver() {
                private TabularPolicy pi = TabularPolicy.uniform(tree);
                private int t;
                public void iterate() {
                    pi = LearnerUpdate.iterate(tree, pi, UpdateRule.mirrorDescent(c.stepSize()), 1, c.probabilityFloor());
                    t++;
                }
                public int iteration() { return t; }
                public TabularPolicy solution() { return pi.copy(); }
            };
            default -> throw new IllegalArgumentException("no solver for config " + config + " (algorithm " + algo + ")");
        };
    }

    /** Whether exploitability is the measure of progress (zero-sum) or expected return (cooperative). */
    public static boolean reportsExploitability(Game game) {
        return game.utility() == Game.Utility.ZERO_SUM;
    }

    /** Exploitability (zero-sum) or player 0's expected return (otherwise) of a policy. */
    public static double score(GameTree tree, TabularPolicy policy) {
        return reportsExploitability(tree.game()) ? PolicyEvaluation.exploitability(tree, policy)
                : PolicyEvaluation.expectedReturns(tree, policy)[0];
    }
}
