package dev.proxima.prefs.data;

/**
 * An unpaired preference record: {@code completion} after {@code prompt} was judged desirable
 * ({@code label} true) or not. One JSON Lines row {@code {"prompt": …, "completion": …, "label":
 * true|false}}, the standard unpaired preference format of TRL's dataset documentation (as
 * KTO-style methods consume).
 */
public record UnpairedRecord(String prompt, String completion, boolean label) {
    public UnpairedRecord {
        Records.nonEmpty(prompt, "prompt");
        Records.nonEmpty(completion, "completion");
    }

    /** The token form. */
    public LabelledCompletion toTokens(Tokenizer tokenizer) {
        return new LabelledCompletion(Records.encode(tokenizer, prompt, "prompt"), Records.encode(tokenizer, completion, "completion"),
                label);
    }

    /** The text form of a labelled completion. */
    public static UnpairedRecord of(LabelledCompletion tokens, Tokenizer tokenizer) {
        return new UnpairedRecord(tokenizer.decode(tokens.prompt()), tokenizer.decode(tokens.completion()), tokens.label());
    }
}
