package dev.proxima.prefs.tabular;

import dev.proxima.core.random.Rng;
import dev.proxima.prefs.game.PreferenceGames;
import dev.proxima.prefs.game.PreferenceMatrix;

/** The Nash-MD/MP testbed of spec §2.1(b): a PREF-RANDOM game with μ = π_ref = softmax(0.5·N(0,1)). */
record RandomGames(PreferenceMatrix p, double[] reference) {
    static RandomGames draw(int n, long seed) {
        Rng rng = Rng.of(seed);
        PreferenceMatrix p = PreferenceGames.random(n, rng);
        return new RandomGames(p, PreferenceGames.randomReference(n, 0.5, rng));
    }
}
