package dev.proxima.prefs.game;

import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;

/**
 * The synthetic preference games of the preference spec (§0.3), generated procedurally.
 *
 * <ul>
 *   <li>{@code PREF-RANDOM}: S ~ N(0,1)^{n×n}, S ← (S − Sᵀ)·scale/√2, P = σ(S); scale 2 by default.
 *       The draws are taken row by row from the given {@link Rng}, so a seed fixes the game.</li>
 *   <li>{@code GAME8}: n = 8, A_ij = sin(1 + 2i + 3j²), P = σ(2·(A − Aᵀ)); reference
 *       π_ref(i) ∝ exp(0.5·sin(2 + 5i)); behaviour μ1 uniform and μ2(i) ∝ exp(−0.5·i). Deterministic,
 *       so exact reference values can be quoted (spec Appendix A17).</li>
 *   <li>{@code CONDORCET}: 5 items; item 0 beats every other with probability 0.55, item 1 beats
 *       items 2–4 with 0.95, items 2–4 tie. A Bradley–Terry fit ranks item 1 first although item 0
 *       is the minimax (Condorcet) winner (spec §2.14).</li>
 * </ul>
 */
public final class PreferenceGames {
    private PreferenceGames() {}

    /** {@code PREF-RANDOM} with the default scale 2. */
    public static PreferenceMatrix random(int n, Rng rng) {
        return random(n, 2.0, rng);
    }

    /** {@code PREF-RANDOM}: P = σ((S − Sᵀ)·scale/√2) with S standard normal. */
    public static PreferenceMatrix random(int n, double scale, Rng rng) {
        Checks.positive(n, "n");
        Checks.positive(scale, "scale");
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) s[i][j] = rng.nextGaussian();
        }
        double c = scale / Math.sqrt(2);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) a[i][j] = (s[i][j] - s[j][i]) * c;
        }
        return PreferenceMatrix.fromScores(a);
    }

    /** A random full-support reference softmax(temperature·N(0,1)); the Nash-MD testbed uses 0.5. */
    public static double[] randomReference(int n, double temperature, Rng rng) {
        Checks.positive(n, "n");
        Checks.nonNegative(temperature, "temperature");
        double[] z = new double[n];
        for (int i = 0; i < n; i++) z[i] = temperature * rng.nextGaussian();
        return Simplex.softmax(z);
    }

    /** {@code GAME8}'s preference matrix. */
    public static PreferenceMatrix game8() {
        int n = 8;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) a[i][j] = Math.sin(1 + 2 * i + 3 * j * j);
        }
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) s[i][j] = 2 * (a[i][j] - a[j][i]);
        }
        return PreferenceMatrix.fromScores(s);
    }

    /** {@code GAME8}'s reference π_ref(i) ∝ exp(0.5·sin(2 + 5i)). */
    public static double[] game8Reference() {
        double[] z = new double[8];
        for (int i = 0; i < 8; i++) z[i] = 0.5 * Math.sin(2 + 5 * i);
        return Simplex.softmax(z);
    }

    /** {@code GAME8}'s behaviour policy μ1: uniform. */
    public static double[] game8Mu1() {
        double[] mu = new double[8];
        java.util.Arrays.fill(mu, 1.0 / 8);
        return mu;
    }

    /** {@code GAME8}'s skewed behaviour policy μ2(i) ∝ exp(−0.5·i). */
    public static double[] game8Mu2() {
        double[] z = new double[8];
        for (int i = 0; i < 8; i++) z[i] = -0.5 * i;
        return Simplex.softmax(z);
    }

    /** {@code CONDORCET}: the 5-item game whose minimax winner (item 0) is not the BT favourite (item 1). */
    public static PreferenceMatrix condorcet() {
        int n = 5;
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) p[i][i] = 0.5;
        for (int j = 1; j < n; j++) {
            p[0][j] = 0.55;
            p[j][0] = 0.45;
        }
        for (int j = 2; j < n; j++) {
            p[1][j] = 0.95;
            p[j][1] = 0.05;
            for (int k = 2; k < n; k++) p[j][k] = 0.5;
        }
        return PreferenceMatrix.of(p);
    }
}
