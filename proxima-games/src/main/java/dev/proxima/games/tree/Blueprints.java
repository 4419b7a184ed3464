package dev.proxima.games.tree;

import dev.proxima.core.random.Rng;

/** Ways to make tabular policies: random blueprints for search experiments, and lookups by state. */
public final class Blueprints {
    private Blueprints() {}

    /** Every information set's distribution drawn independently from Dirichlet(1, ..., 1). */
    public static TabularPolicy dirichlet(GameTree tree, Rng rng) {
        TabularPolicy p = TabularPolicy.uniform(tree);
        for (int set = 0; set < tree.numInfosets(); set++) {
            double[] x = p.at(set);
            double sum = 0;
            for (int a = 0; a < x.length; a++) {
                x[a] = -Math.log1p(-rng.nextDouble()); // Exp(1): a Gamma(1) draw
                sum += x[a];
            }
            for (int a = 0; a < x.length; a++) x[a] /= sum;
        }
        return p;
    }

    /** The policy's probabilities at a state, found through the state's information-state key. */
    public static double[] lookup(TabularPolicy policy, dev.proxima.core.game.State state, int player) {
        int set = policy.tree().infosetIndex(player, state.informationStateKey(player));
        if (set < 0) {
            throw new IllegalArgumentException("no information set '" + state.informationStateKey(player)
                    + "' for player " + player);
        }
        return policy.at(set);
    }
}
