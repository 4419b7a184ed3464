package dev.proxima.prefs.data;

import dev.proxima.prefs.data.Comparison;

/**
 * A paired preference record: after {@code prompt}, {@code chosen} was preferred to
 * {@code rejected}. One JSON Lines row {@code {"prompt": …, "chosen": …, "rejected": …}}, the
 * standard (non-conversational) preference format of TRL's dataset documentation.
 */
public record PairedRecord(String prompt, String chosen, String rejected) {
    public PairedRecord {
        Records.nonEmpty(prompt, "prompt");
        Records.nonEmpty(chosen, "chosen");
        Records.nonEmpty(rejected, "rejected");
    }

    /** The token form, for the trainers. */
    public Comparison toComparison(Tokenizer tokenizer) {
        return new Comparison(Records.encode(tokenizer, prompt, "prompt"), Records.encode(tokenizer, chosen, "chosen"),
                Records.encode(tokenizer, rejected, "rejected"));
    }

    /** The text form of a comparison. */
    public static PairedRecord of(Comparison comparison, Tokenizer tokenizer) {
        return new PairedRecord(tokenizer.decode(comparison.prompt()), tokenizer.decode(comparison.chosen()),
                tokenizer.decode(comparison.rejected()));
    }
}
