package dev.proxima.envs.text;

import dev.proxima.core.random.Rng;

/**
 * {@code ADD}: the prompt is {@code a+b=} with a and b in [0, 10^digits) written as usual; the
 * answer is the digits of a + b least significant first, so that a left-to-right model can carry
 * (seeds-preference spec §0.3). Difficulty: the number of digits and, optionally, the exact
 * number of carries.
 */
public final class Addition extends GeneratedTask {
    private final int digits, carries;

    /**
     * @param digits  operand digits, 1–3
     * @param carries the exact number of carries, or −1 for any
     */
    public Addition(int digits, int carries) {
        checkRange(digits, 1, 3, "digits");
        checkRange(carries, -1, digits, "carries");
        this.digits = digits;
        this.carries = carries;
    }

    /** The spec's default testbed: two-digit operands, any carries. */
    public static Addition twoDigits() {
        return new Addition(2, -1);
    }

    @Override
    public String name() {
        return "ADD";
    }

    @Override
    public int maxPromptLength() {
        return 2 * digits + 2;
    }

    @Override
    public int maxResponseLength() {
        return digits + 2;
    }

    @Override
    protected Problem generate(Rng rng) {
        int bound = (int) Math.pow(10, digits);
        while (true) {
            int a = rng.nextInt(bound), b = rng.nextInt(bound);
            if (carries < 0 || carriesOf(a, b) == carries) {
                return problem(a + "+" + b + "=", new StringBuilder(Integer.toString(a + b)).reverse().toString());
            }
        }
    }

    /** Carries of a + b in base 10. */
    static int carriesOf(int a, int b) {
        int carry = 0, count = 0;
        while (a > 0 || b > 0) {
            carry = (a % 10 + b % 10 + carry) >= 10 ? 1 : 0;
            count += carry;
            a /= 10;
            b /= 10;
        }
        return count;
    }
}
