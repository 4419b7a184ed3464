package dev.proxima.envs.text;

import dev.proxima.core.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code COUNTDOWN}: the prompt lists 3–4 numbers in [1, 20] and a target, e.g. {@code 3 7 12 5:36>};
 * the response is an expression in reverse Polish notation over those numbers, items separated
 * by spaces, e.g. {@code 3 12 * }… The checker evaluates it exactly (rational arithmetic) and pays 1
 * when it equals the target and uses each listed number at most once, else 0. Every generated
 * target is reachable: it is the value of a random expression over all the numbers, which is
 * also the problem's reference answer.
 */
public final class Countdown extends GeneratedTask {
    private static final int MAX_NUMBER = 20, MAX_TARGET = 999;
    private final int numbers;

    /** @param numbers how many numbers the prompt lists, 3–4 */
    public Countdown(int numbers) {
        checkRange(numbers, 3, 4, "numbers");
        this.numbers = numbers;
    }

    public static Countdown standard() {
        return new Countdown(4);
    }

    @Override
    public String name() {
        return "COUNTDOWN";
    }

    @Override
    public int maxPromptLength() {
        return 3 * numbers + 4; // two-digit numbers and spaces, ':', a three-digit target, '>'
    }

    @Override
    public int maxResponseLength() {
        return 3 * numbers + 2 * (numbers - 1); // numbers and operators, space-separated, then EOS
    }

    @Override
    protected Problem generate(Rng rng) {
        while (true) {
            int[] values = new int[numbers];
            for (int i = 0; i < numbers; i++) values[i] = 1 + rng.nextInt(MAX_NUMBER);
            int[] order = values.clone();
            for (int i = numbers - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1), t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            StringBuilder expression = new StringBuilder().append(order[0]);
            for (int i = 1; i < numbers; i++) expression.append(' ').append(order[i]).append(' ').append("+-*/".charAt(rng.nextInt(4)));
            long[] value = evaluate(expression.toString(), values);
            if (value != null && value[1] == 1 && value[0] >= 1 && value[0] <= MAX_TARGET) {
                StringBuilder prompt = new StringBuilder();
                for (int i = 0; i < numbers; i++) prompt.append(i == 0 ? "" : " ").append(values[i]);
                prompt.append(':').append(value[0]).append('>');
                return problem(prompt.toString(), expression.toString());
            }
        }
    }

    @Override
    public double reward(Problem problem, int[] response, int length) {
        String text = GeneratedTask.untilEos(response, length);
        if (text == null) {
            text = Vocabulary.shared().decode(response, 0, length);
        }
        String prompt = problem.text();
        int colon = prompt.indexOf(':');
        String[] listed = prompt.substring(0, colon).split(" ");
        int[] available = new int[listed.length];
        for (int i = 0; i < listed.length; i++) available[i] = Integer.parseInt(listed[i]);
        long target = Long.parseLong(prompt.substring(colon + 1, prompt.length() - 1));
        long[] value = evaluate(text, available);
        return value != null && value[1] == 1 && value[0] == target ? 1 : 0;
    }

    /**
     * The exact value {numerator, denominator > 0} of an RPN expression that uses each of
     * {@code available} at most once, or null when it is malformed, uses a number it may not, or
     * divides by zero.
     */
    static long[] evaluate(String expression, int[] available) {
        boolean[] used = new boolean[available.length];
        List<long[]> stack = new ArrayList<>();
        String[] items = expression.split(" ", -1);
        for (String item : items) {
            if (item.isEmpty() || item.length() > 2) {
                return null;
            }
            char c = item.charAt(0);
            if (item.length() == 1 && "+-*/".indexOf(c) >= 0) {
                if (stack.size() < 2) {
                    return null;
                }
                long[] b = stack.removeLast(), a = stack.removeLast();
                long[] r = switch (c) {
                    case '+' -> new long[] {a[0] * b[1] + b[0] * a[1], a[1] * b[1]};
                    case '-' -> new long[] {a[0] * b[1] - b[0] * a[1], a[1] * b[1]};
                    case '*' -> new long[] {a[0] * b[0], a[1] * b[1]};
                    default -> b[0] == 0 ? null : new long[] {a[0] * b[1], a[1] * b[0]};
                };
                if (r == null) {
                    return null;
                }
                stack.add(reduce(r));
            } else {
                int n = 0;
                for (int i = 0; i < item.length(); i++) {
                    char d = item.charAt(i);
                    if (d < '0' || d > '9') {
                        return null;
                    }
                    n = 10 * n + (d - '0');
                }
                int slot = -1;
                for (int i = 0; i < available.length && slot < 0; i++) {
                    if (!used[i] && available[i] == n) slot = i;
                }
                if (slot < 0) {
                    return null;
                }
                used[slot] = true;
                stack.add(new long[] {n, 1});
            }
        }
        return stack.size() == 1 ? stack.get(0) : null;
    }

    private static long[] reduce(long[] r) {
        if (r[1] < 0) {
            r[0] = -r[0];
            r[1] = -r[1];
        }
        long g = gcd(Math.abs(r[0]), r[1]);
        if (g > 1) {
            r[0] /= g;
            r[1] /= g;
        }
        return r;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }
}
