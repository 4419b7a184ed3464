package dev.proxima.envs.text;


import dev.proxima.core.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code LOCK}, the exploration-hard task: prompt {@code #NN>} names one of {@code locks} locks,
 * each with a hidden combination of {@code length} letters from a–d fixed by the task's seed.
 * Reward 1 only for the exact combination (followed by EOS); in the prefix-shaped variant, the
 * number of leading letters that match divided by the length.
 *
 * <p>A combination cannot be inferred from its prompt, so there is nothing to generalise to:
 * the held-out problems are the locks themselves, in order, and training draws from the same locks.
 */
public final class CombinationLock extends GeneratedTask {
    private final int locks, length;
    private final boolean prefixShaped;
    private final List<Problem> problems = new ArrayList<>();

    /**
     * @param locks        distinct prompts, 1–100
     * @param length       letters per combination, 1–12
     * @param prefixShaped pay the matched-prefix fraction instead of 0/1
     * @param seed         fixes the combinations
     */
    public CombinationLock(int locks, int length, boolean prefixShaped, long seed) {
        GeneratedTask.checkRange(locks, 1, 100, "locks");
        GeneratedTask.checkRange(length, 1, 12, "length");
        this.locks = locks;
        this.length = length;
        this.prefixShaped = prefixShaped;
        Rng rng = Rng.of(seed);
        for (int id = 0; id < locks; id++) {
            StringBuilder combination = new StringBuilder(length);
            for (int i = 0; i < length; i++) combination.append((char) ('a' + rng.nextInt(4)));
            problems.add(GeneratedTask.problem(String.format("#%02d>", id), combination.toString()));
        }
    }

    @Override
    public String name() {
        return "LOCK";
    }

    @Override
    public int maxPromptLength() {
        return 4;
    }

    @Override
    public int maxResponseLength() {
        return length + 1;
    }

    @Override
    public Problem train(Rng rng) {
        return problems.get(rng.nextInt(locks));
    }

    /** Every lock is equally likely; there is no split to respect (see the class comment). */
    @Override
    protected Problem generate(Rng rng) {
        return problems.get(rng.nextInt(locks));
    }

    @Override
    public List<Problem> heldOut(int count) {
        GeneratedTask.checkRange(count, 0, locks, "count");
        return List.copyOf(problems.subList(0, count));
    }

    @Override
    public double reward(Problem problem, int[] response, int length) {
        int[] answer = problem.answer();
        int matched = 0;
        while (matched < this.length && matched < length && response[matched] == answer[matched]) matched++;
        if (prefixShaped) {
            return (double) matched / this.length;
        }
        return matched == this.length && length == this.length + 1 && response[this.length] == Vocabulary.EOS ? 1 : 0;
    }
}
