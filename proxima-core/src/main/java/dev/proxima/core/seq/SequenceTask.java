package dev.proxima.core.seq;

import dev.proxima.core.random.Rng;
import java.util.List;

/**
 * A task with a verifiable reward for a sequence policy: a prompt of tokens, a response the
 * policy writes after it, and a checker that scores the response (the sequence counterpart of
 * the {@code Env} contract; the tasks themselves live in {@code proxima-envs}).
 *
 * <p>Token conventions every task follows: {@link #PAD} pads sequences to a common length and is
 * never generated; {@link #EOS} ends a response. Problems split into a training part and a fixed
 * held-out part, so that evaluation never sees a training problem.
 */
public interface SequenceTask {
    int PAD = 0;
    int EOS = 1;

    /** The task's name, e.g. {@code ADD}. */
    String name();

    /** Tokens in the task's vocabulary (ids are {@code 0 .. size − 1}). */
    int vocabularySize();

    /** The longest prompt the task produces. */
    int maxPromptLength();

    /** The longest correct response, counting its end-of-sequence token. */
    int maxResponseLength();

    /** A problem of the training split. */
    Problem train(Rng rng);

    /** The first {@code count} held-out problems, always the same ones in the same order. */
    List<Problem> heldOut(int count);

    /**
     * The reward of {@code response[0, length)}: the tokens after the prompt, ending with
     * {@link #EOS} when the policy produced one (a response cut at the length limit has none and
     * is scored as it stands).
     */
    double reward(Problem problem, int[] response, int length);

    /** Renders tokens as text, for logs and examples. */
    String decode(int[] tokens, int from, int length);

    /** A problem: its prompt, one correct response (ending with EOS) and its text form. */
    record Problem(int[] prompt, int[] answer, String text) {}
}
