package dev.proxima.envs.text;

import dev.proxima.core.random.Rng;
import java.util.List;

/**
 * A task with a verifiable reward: a prompt of tokens, a response the policy writes after it, and
 * a checker that scores the response. Problems split deterministically into a training part and a
 * held-out part (by a hash of the prompt), so that evaluation never sees a training problem.
 */
public interface TextTask {
    /** The task's name, e.g. {@code ADD}. */
    String name();

    default Vocabulary vocabulary() {
        return Vocabulary.shared();
    }

    /** The longest prompt the task produces. */
    int maxPromptLength();

    /** The longest correct response, counting its end-of-sequence token. */
    int maxResponseLength();

    /** A problem of the training split. */
    Problem train(Rng rng);

    /** The first {@code count} held-out problems, always the same ones in the same order. */
    List<Problem> heldOut(int count);

    /**
     * The reward of {@code response[0, length)}: tokens after the prompt, ending with the
     * end-of-sequence token when the policy produced one (a response cut at the length limit has
     * none and is scored as it stands).
     */
    double reward(Problem problem, int[] response, int length);

    /** A problem: its prompt, one correct response (ending with EOS) and the task's own description of it. */
    record Problem(int[] prompt, int[] answer, String text) {}

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
}
