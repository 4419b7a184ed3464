package dev.proxima.prefs.data;

import java.util.Arrays;

/** The token form of an {@link UnpairedRecord}: a prompt, a completion and whether it was judged desirable. */
public record LabelledCompletion(int[] prompt, int[] completion, boolean label) {
    public LabelledCompletion {
        if (prompt == null || prompt.length == 0 || completion == null || completion.length == 0) {
            throw new IllegalArgumentException("prompt and completion must hold at least one token each, held "
                    + (prompt == null ? "null" : prompt.length) + " and " + (completion == null ? "null" : completion.length));
        }
        prompt = prompt.clone();
        completion = completion.clone();
    }

    @Override
    public int[] prompt() {
        return prompt.clone();
    }

    @Override
    public int[] completion() {
        return completion.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelledCompletion c && label == c.label && Arrays.equals(prompt, c.prompt)
                && Arrays.equals(completion, c.completion);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(prompt) + Arrays.hashCode(completion)) + Boolean.hashCode(label);
    }

    @Override
    public String toString() {
        return "LabelledCompletion[prompt=" + Arrays.toString(prompt) + ", completion=" + Arrays.toString(completion)
                + ", label=" + label + "]";
    }
}
