package dev.proxima.envs.text;

import dev.proxima.core.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code LOCK2}, the two-path lock of seeds-preference spec §2.8(b): every prompt {@code #NN>} opens
 * with a short combination (path A, starting with {@code a}, reward ½) or a longer one (path B,
 * starting with {@code d}, reward 1); anything else earns 0. The combinations are fixed by the seed.
 *
 * <p>Its training problems carry path A as their answer (a correct response worth ½, not the best)
 * except for a {@code pathBShare} of them,
 * so a reference fine-tuned on them prefers A and only rarely opens with B's first letter: the
 * exploration test of Lp-Reg, where finding B means keeping a low-probability first token alive.
 * The held-out problems are the locks themselves, in order, with B (the best) as their answer.
 */
public final class TwoPathLock extends GeneratedTask {
    /** Reward of the short path. */
    public static final double PATH_A_REWARD = 0.5;
    private final int locks, lengthB;
    private final double pathBShare;
    private final List<Problem> pathA = new ArrayList<>(), pathB = new ArrayList<>();

    /**
     * @param locks      distinct prompts, 1–100
     * @param lengthA    letters of path A, 1–11 (it starts with {@code a})
     * @param lengthB    letters of path B, lengthA + 1 – 11 (it starts with {@code d})
     * @param pathBShare the share of training problems whose answer is path B, in [0, 1]
     * @param seed       fixes the combinations
     */
    public TwoPathLock(int locks, int lengthA, int lengthB, double pathBShare, long seed) {
        checkRange(locks, 1, 100, "locks");
        checkRange(lengthA, 1, 11, "lengthA");
        checkRange(lengthB, lengthA + 1, 11, "lengthB");
        if (!(pathBShare >= 0 && pathBShare <= 1)) {
            throw new IllegalArgumentException("pathBShare must be in [0, 1], was " + pathBShare);
        }
        this.locks = locks;
        this.lengthB = lengthB;
        this.pathBShare = pathBShare;
        Rng rng = Rng.of(seed);
        for (int id = 0; id < locks; id++) {
            String prompt = String.format("#%02d>", id);
            pathA.add(problem(prompt, "a" + letters(lengthA - 1, rng)));
            pathB.add(problem(prompt, "d" + letters(lengthB - 1, rng)));
        }
    }

    /** The spec's testbed at CI scale: 8 locks, path A of 2 letters, path B of 5, B in 5% of the training answers. */
    public static TwoPathLock standard() {
        return new TwoPathLock(8, 2, 5, 0.05, 0);
    }

    private static String letters(int count, Rng rng) {
        StringBuilder s = new StringBuilder(count);
        for (int i = 0; i < count; i++) s.append((char) ('a' + rng.nextInt(4)));
        return s.toString();
    }

    @Override
    public String name() {
        return "LOCK2";
    }

    @Override
    public int maxPromptLength() {
        return 4;
    }

    @Override
    public int maxResponseLength() {
        return lengthB + 1;
    }

    /** A uniform lock; its answer is path B with probability {@code pathBShare}, else path A. */
    @Override
    public Problem train(Rng rng) {
        return generate(rng);
    }

    @Override
    protected Problem generate(Rng rng) {
        int id = rng.nextInt(locks);
        return rng.nextDouble() < pathBShare ? pathB.get(id) : pathA.get(id);
    }

    /** The locks in order, each with path B as its answer; there is no split to respect (the locks cannot be inferred). */
    @Override
    public List<Problem> heldOut(int count) {
        checkRange(count, 0, locks, "count");
        return List.copyOf(pathB.subList(0, count));
    }

    /** 1 for path B, ½ for path A (each followed by EOS), else 0, whichever answer the problem carries. */
    @Override
    public double reward(Problem problem, int[] response, int length) {
        int id = Integer.parseInt(problem.text().substring(1, 3));
        if (matches(pathB.get(id).answer(), response, length)) return 1;
        return matches(pathA.get(id).answer(), response, length) ? PATH_A_REWARD : 0;
    }

    /** Whether the response is exactly the answer (whose last token is EOS). */
    private static boolean matches(int[] answer, int[] response, int length) {
        if (length != answer.length) return false;
        for (int i = 0; i < length; i++) if (response[i] != answer[i]) return false;
        return true;
    }

    /** Whether a response takes path B's first letter (the low-probability exploration move). */
    public boolean opensPathB(int[] response, int length) {
        return length > 0 && response[0] == Vocabulary.shared().id('d');
    }
}
