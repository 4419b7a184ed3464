package dev.proxima.envs.text;

import dev.proxima.core.seq.SequenceTask;

import dev.proxima.core.random.Rng;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A task on the shared character {@link Vocabulary} whose problems come from a seeded generator: the training split rejects held-out
 * prompts, and the held-out list is drawn once from a fixed stream. By default a response earns 1
 * when it equals the problem's answer exactly (EOS included), else 0.
 */
public abstract class GeneratedTask implements SequenceTask {
    private static final long HELD_OUT_STREAM = 0x5eed_0f_7e57L;
    private final List<Problem> heldOut = new ArrayList<>();
    private final Set<String> heldOutPrompts = new HashSet<>();
    private final Rng heldOutRng = Rng.of(HELD_OUT_STREAM);

    @Override
    public int vocabularySize() {
        return Vocabulary.shared().size();
    }

    @Override
    public String decode(int[] tokens, int from, int length) {
        return Vocabulary.shared().decode(tokens, from, length);
    }

    /** The response up to (not including) its first EOS, or null when it has none. */
    static String untilEos(int[] response, int length) {
        for (int i = 0; i < length; i++) {
            if (response[i] == Vocabulary.EOS) {
                return Vocabulary.shared().decode(response, 0, i);
            }
        }
        return null;
    }

    /** A stable 64-bit hash of a prompt's text (FNV-1a), for the train / held-out split. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h ^ (h >>> 29);
    }

    /** Whether a prompt belongs to the held-out tenth of the problems. */
    static boolean isHeldOut(String prompt) {
        return Math.floorMod(hash(prompt), 10) == 0;
    }

    /** A problem from the task's whole distribution (either split). */
    protected abstract Problem generate(Rng rng);

    @Override
    public Problem train(Rng rng) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Problem p = generate(rng);
            if (!isHeldOut(p.text())) {
                return p;
            }
        }
        throw new IllegalStateException(name() + ": no training problem found in 10,000 draws");
    }

    @Override
    public synchronized List<Problem> heldOut(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        int misses = 0;
        while (heldOut.size() < count) {
            Problem p = generate(heldOutRng);
            if (isHeldOut(p.text()) && heldOutPrompts.add(p.text())) {
                heldOut.add(p);
                misses = 0;
            } else if (++misses > 200_000) {
                throw new IllegalArgumentException(name() + " has only " + heldOut.size()
                        + " held-out problems at this difficulty; asked for " + count);
            }
        }
        return List.copyOf(heldOut.subList(0, count));
    }

    @Override
    public double reward(Problem problem, int[] response, int length) {
        if (length != problem.answer().length) {
            return 0;
        }
        for (int i = 0; i < length; i++) {
            if (response[i] != problem.answer()[i]) {
                return 0;
            }
        }
        return 1;
    }

    /** A problem from its prompt and answer texts; the answer gets its EOS here. */
    protected static Problem problem(String prompt, String answer) {
        Vocabulary v = Vocabulary.shared();
        int[] a = v.encode(answer + "$");
        return new Problem(v.encode(prompt), a, prompt);
    }

    protected static void checkRange(int value, int lo, int hi, String name) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], was " + value);
        }
    }
}
