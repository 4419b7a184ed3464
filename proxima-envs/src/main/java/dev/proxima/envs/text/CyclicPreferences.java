package dev.proxima.envs.text;

/**
 * {@code PREF-CYCLIC} (seeds-preference spec §0.3): the hidden score of
 * {@link HiddenScorePreferences} plus an intransitive term between three classes of responses,
 *
 * <pre>
 *   P(y ≻ y' | x) = σ(a·(s(x, y) − s(x, y')) + b·C(c(y), c(y')))
 *   c(y)   = (Σ_t v(y_t)) mod 3                          the class of a response
 *   C(i,j) = +1 if j ≡ i + 1 (mod 3),  −1 if i ≡ j + 1 (mod 3),  0 if i = j
 * </pre>
 * with defaults a = 1, b = 2. C is antisymmetric, so P(y ≻ y') + P(y' ≻ y) = 1 still holds; with
 * b large enough against a the classes beat each other in a cycle (0 over 1 over 2 over 0) and no
 * response is preferred to all others. With b = 0 the task is Bradley–Terry with temperature
 * 1/a, which is not {@code PREF-BT}'s judge unless a = 4.
 */
public final class CyclicPreferences extends HiddenScorePreferences {
    /** a of spec §0.3. */
    public static final double DEFAULT_A = 1;
    /** b of spec §0.3. */
    public static final double DEFAULT_B = 2;

    private final double a, b;

    /**
     * @param a weight of the score difference, finite and > 0
     * @param b weight of the cyclic class term, finite and >= 0
     */
    public CyclicPreferences(double a, double b) {
        if (!(a > 0) || Double.isInfinite(a)) {
            throw new IllegalArgumentException("a must be a finite number > 0, was " + a);
        }
        if (!(b >= 0) || Double.isInfinite(b)) {
            throw new IllegalArgumentException("b must be a finite number >= 0, was " + b);
        }
        this.a = a;
        this.b = b;
    }

    /** The spec's task, a = 1, b = 2. */
    public static CyclicPreferences standard() {
        return new CyclicPreferences(DEFAULT_A, DEFAULT_B);
    }

    @Override
    public String name() {
        return "PREF-CYCLIC";
    }

    public double a() {
        return a;
    }

    public double b() {
        return b;
    }

    /** c(y) = (Σ_t v(y_t)) mod 3 of a response of response tokens. */
    public int responseClass(int[] y) {
        score(0, y); // validates the response
        return indexSum(y) % 3;
    }

    /** C(i, j): +1 when j follows i in the cycle 0 → 1 → 2 → 0, −1 when i follows j, else 0. */
    public static int cyclicTerm(int i, int j) {
        if (i < 0 || i > 2 || j < 0 || j > 2) {
            throw new IllegalArgumentException("classes must be in [0, 2], were " + i + " and " + j);
        }
        if (j == (i + 1) % 3) {
            return 1;
        }
        return i == (j + 1) % 3 ? -1 : 0;
    }

    @Override
    protected double preferenceOf(int x, int[] y, double s, int[] yPrime, double sPrime) {
        int c = indexSum(y) % 3, cPrime = indexSum(yPrime) % 3;
        return sigmoid(a * (s - sPrime) + b * cyclicTerm(c, cPrime));
    }
}
