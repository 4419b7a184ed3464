package dev.proxima.cli;

import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.PreferenceTask;
import dev.proxima.envs.text.Vocabulary;
import dev.proxima.prefs.data.CharacterTokenizer;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.data.PairedRecord;
import dev.proxima.prefs.data.PreferenceJsonl;
import dev.proxima.prefs.dpo.OnlineDpo;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.srpo.Srpo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline datasets of {@code prefs train} and {@code prefs data}: comparisons drawn once from
 * the reference and judged, or read from a JSON Lines file of prompt/chosen/rejected rows whose
 * text is in the tasks' character vocabulary.
 */
final class PreferenceData {
    /** TRL's sampling temperature for generated comparisons (OnlineDPOTrainer). */
    static final double TEMPERATURE = 0.9;
    static final CharacterTokenizer TOKENIZER = new CharacterTokenizer(Vocabulary.shared().characters());

    private PreferenceData() {}

    /**
     * {@code pairs} comparisons: two samples of {@code reference} per uniform prompt, the likelier
     * winner under the judge as chosen (or a winner drawn from P when {@code sampledLabels}).
     */
    static List<Comparison> sample(PreferenceTask task, TransformerPolicy reference, int pairs, boolean sampledLabels, Rng rng) {
        return OnlineDpo.samplePairs(reference, task, pairs, TokenSampling.atTemperature(TEMPERATURE), sampledLabels, rng);
    }

    /**
     * Reads {@code file} and checks every row against the task: its prompt must be one of the task's
     * prompts and its responses must hold only response tokens; errors name the option and the row.
     */
    static List<Comparison> read(Path file, PreferenceTask task) {
        List<PairedRecord> records;
        try {
            records = PreferenceJsonl.readPaired(file, TOKENIZER);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("--data: " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new UsageException("--data: " + file + " holds no comparisons");
        }
        boolean[] allowed = task.responseTokens();
        List<Comparison> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Comparison c = records.get(i).toComparison(TOKENIZER);
            String where = "--data: " + file + " line " + (i + 1) + ": ";
            if (promptIndex(task, c.prompt()) < 0) {
                throw new UsageException(where + "prompt '" + records.get(i).prompt() + "' is not a prompt of " + task.name());
            }
            checkResponse(where + "chosen", records.get(i).chosen(), c.chosen(), allowed, task);
            checkResponse(where + "rejected", records.get(i).rejected(), c.rejected(), allowed, task);
            out.add(c);
        }
        return out;
    }

    /** Writes comparisons as prompt/chosen/rejected JSON Lines. */
    static void write(Path file, List<Comparison> comparisons) throws IOException {
        List<PairedRecord> records = new ArrayList<>(comparisons.size());
        for (Comparison c : comparisons) records.add(PairedRecord.of(c, TOKENIZER));
        PreferenceJsonl.writePaired(file, records);
    }

    /**
     * SRPO's examples: each comparison as (chosen, rejected) with p = P(chosen ≻ rejected) from the
     * judge, which SRPO's squared loss can use directly instead of a 0/1 label.
     */
    static List<Srpo.Example> srpoExamples(PreferenceTask task, List<Comparison> comparisons) {
        List<Srpo.Example> out = new ArrayList<>(comparisons.size());
        for (Comparison c : comparisons) {
            int x = promptIndex(task, c.prompt());
            out.add(new Srpo.Example(x, c.chosen(), c.rejected(), task.preference(x, c.chosen(), c.rejected())));
        }
        return out;
    }

    /** The index of {@code prompt} among the task's prompts, or −1. */
    static int promptIndex(PreferenceTask task, int[] prompt) {
        for (int x = 0; x < task.promptCount(); x++) {
            if (java.util.Arrays.equals(task.prompt(x), prompt)) return x;
        }
        return -1;
    }

    private static void checkResponse(String where, String text, int[] tokens, boolean[] allowed, PreferenceTask task) {
        if (tokens.length != task.responseLength()) {
            throw new UsageException(where + " '" + text + "' has " + tokens.length + " characters; " + task.name()
                    + " responses have " + task.responseLength());
        }
        for (int t = 0; t < tokens.length; t++) {
            if (!allowed[tokens[t]]) {
                throw new UsageException(where + " '" + text + "' holds '" + text.charAt(t) + "', not a response character of "
                        + task.name());
            }
        }
    }
}
