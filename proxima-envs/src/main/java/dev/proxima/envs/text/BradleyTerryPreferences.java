package dev.proxima.envs.text;

/**
 * {@code PREF-BT} (seeds-preference spec §0.3): a Bradley–Terry judge on the hidden score of
 * {@link HiddenScorePreferences},
 *
 * <pre>
 *   P(y ≻ y' | x) = σ((s(x, y) − s(x, y')) / T_p),      T_p = 0.25
 * </pre>
 * so preferences are transitive and each prompt's best response (all tokens equal to the v with
 * (v + x) mod 4 = 3) beats every other response with probability above ½. One score step of 1/9
 * gives P = σ(4/9) ≈ 0.61; the best against the worst response gives σ(4) ≈ 0.982.
 */
public final class BradleyTerryPreferences extends HiddenScorePreferences {
    /** T_p of spec §0.3. */
    public static final double DEFAULT_TEMPERATURE = 0.25;

    private final double temperature;

    /** @param temperature T_p, finite and > 0 */
    public BradleyTerryPreferences(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number > 0, was " + temperature);
        }
        this.temperature = temperature;
    }

    /** The spec's task, T_p = 0.25. */
    public static BradleyTerryPreferences standard() {
        return new BradleyTerryPreferences(DEFAULT_TEMPERATURE);
    }

    @Override
    public String name() {
        return "PREF-BT";
    }

    public double temperature() {
        return temperature;
    }

    @Override
    protected double preferenceOf(int x, int[] y, double s, int[] yPrime, double sPrime) {
        return sigmoid((s - sPrime) / temperature);
    }
}
