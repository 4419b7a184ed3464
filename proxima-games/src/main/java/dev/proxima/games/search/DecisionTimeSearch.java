package dev.proxima.games.search;

import dev.proxima.core.game.ChanceOutcome;
import dev.proxima.core.game.Game;
import dev.proxima.core.game.State;
import dev.proxima.core.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Update-equivalent decision-time planning (Sokota et al., "The Update-Equivalence Framework for
 * Decision-Time Planning", ICLR 2024): at the information state it faces, the searcher estimates
 * the blueprint's action values from histories drawn from its belief and rollouts in which
 * everyone follows the blueprint, then outputs the learner's update rule applied to them.
 *
 * <p>This class works on {@link State}s directly (no precomputed tree), so comparing it with
 * {@link LearnerUpdate} checks the framework's claim independently: with exact beliefs and exact
 * expectations, the planner's output equals the learner's update.
 */
public final class DecisionTimeSearch {
    /** A blueprint: the probabilities {@code player} uses at {@code state}, over its legal actions. */
    @FunctionalInterface
    public interface Blueprint {
        double[] probabilities(State state, int player);
    }

    /** One history of the searcher's information set and its belief weight (unnormalised). */
    public record Belief(State history, double weight) {}

    private final Game game;
    private final Blueprint blueprint;

    public DecisionTimeSearch(Game game, Blueprint blueprint) {
        this.game = game;
        this.blueprint = blueprint;
    }

    /**
     * Every history in {@code player}'s information set {@code key}, weighted by chance reach times
     * the other players' blueprint reach (found by walking the game from its initial state).
     */
    public List<Belief> beliefs(int player, String key) {
        List<Belief> out = new ArrayList<>();
        collect(game.initialState(), 1.0, player, key, out);
        if (out.isEmpty()) {
            throw new IllegalArgumentException("player " + player + " has no information state '" + key + "' in "
                    + game.name());
        }
        return out;
    }

    private void collect(State s, double weight, int player, String key, List<Belief> out) {
        if (s.isTerminal()) {
            return;
        }
        int p = s.currentPlayer();
        if (p == player && s.informationStateKey(player).equals(key)) {
            out.add(new Belief(s, weight));
            return; // perfect recall: the set does not recur below one of its own histories
        }
        int[] actions = s.legalActions();
        if (s.isChance()) {
            for (ChanceOutcome o : s.chanceOutcomes()) collect(s.child(o.action()), weight * o.probability(), player, key, out);
        } else {
            double[] pi = p == player ? null : blueprint.probabilities(s, p);
            for (int k = 0; k < actions.length; k++) {
                collect(s.child(actions[k]), p == player ? weight : weight * pi[k], player, key, out);
            }
        }
    }

    /** Expected return of {@code player} from {@code s} when everyone follows the blueprint. */
    public double expectedValue(State s, int player) {
        if (s.isTerminal()) {
            return s.returns()[player];
        }
        double v = 0;
        if (s.isChance()) {
            for (ChanceOutcome o : s.chanceOutcomes()) v += o.probability() * expectedValue(s.child(o.action()), player);
            return v;
        }
        int[] actions = s.legalActions();
        double[] pi = blueprint.probabilities(s, s.currentPlayer());
        for (int k = 0; k < actions.length; k++) {
            if (pi[k] > 0) {
                v += pi[k] * expectedValue(s.child(actions[k]), player);
            }
        }
        return v;
    }

    /** Exact action values of information set {@code key}: belief-weighted exact expectations. */
    public double[] exactActionValues(int player, String key) {
        List<Belief> beliefs = beliefs(player, key);
        double total = beliefs.stream().mapToDouble(Belief::weight).sum();
        int[] actions = beliefs.get(0).history().legalActions();
        double[] q = new double[actions.length];
        for (Belief b : beliefs) {
            double w = total > 0 ? b.weight() / total : 1.0 / beliefs.size();
            for (int k = 0; k < actions.length; k++) q[k] += w * expectedValue(b.history().child(actions[k]), player);
        }
        return q;
    }

    /**
     * Sampled action values: {@code samples} histories drawn from the belief, and for each one and
     * each legal action a single Monte-Carlo rollout with chance and every player sampled from the
     * blueprint.
     */
    public double[] sampledActionValues(int player, String key, int samples, Rng rng) {
        List<Belief> beliefs = beliefs(player, key);
        double total = beliefs.stream().mapToDouble(Belief::weight).sum();
        int[] actions = beliefs.get(0).history().legalActions();
        double[] q = new double[actions.length];
        for (int n = 0; n < samples; n++) {
            State h = drawBelief(beliefs, total, rng);
            for (int k = 0; k < actions.length; k++) q[k] += rollout(h.child(actions[k]), player, rng);
        }
        for (int k = 0; k < q.length; k++) q[k] /= samples;
        return q;
    }

    private static State drawBelief(List<Belief> beliefs, double total, Rng rng) {
        double u = rng.nextDouble() * total, acc = 0;
        for (Belief b : beliefs) {
            acc += b.weight();
            if (u < acc) {
                return b.history();
            }
        }
        return beliefs.get(beliefs.size() - 1).history();
    }

    private double rollout(State s, int player, Rng rng) {
        while (!s.isTerminal()) {
            int[] actions = s.legalActions();
            double[] p;
            if (s.isChance()) {
                List<ChanceOutcome> outcomes = s.chanceOutcomes();
                p = new double[outcomes.size()];
                for (int i = 0; i < p.length; i++) p[i] = outcomes.get(i).probability();
            } else {
                p = blueprint.probabilities(s, s.currentPlayer());
            }
            s = s.child(actions[draw(p, rng)]);
        }
        return s.returns()[player];
    }

    private static int draw(double[] p, Rng rng) {
        double u = rng.nextDouble(), acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            if (u < acc) {
                return i;
            }
        }
        return p.length - 1;
    }

    /** The planner's policy at information set {@code key} with exact beliefs and values. */
    public double[] searchExact(int player, String key, UpdateRule rule, double[] magnet) {
        State any = beliefs(player, key).get(0).history();
        return rule.apply(blueprint.probabilities(any, player), exactActionValues(player, key), magnet);
    }

    /** The planner's policy at {@code key} from sampled beliefs and rollouts. */
    public double[] searchSampled(int player, String key, UpdateRule rule, double[] magnet, int samples, Rng rng) {
        State any = beliefs(player, key).get(0).history();
        return rule.apply(blueprint.probabilities(any, player), sampledActionValues(player, key, samples, rng), magnet);
    }
}
