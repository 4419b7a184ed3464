package dev.proxima.prefs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import dev.proxima.envs.text.BradleyTerryPreferences;
import dev.proxima.envs.text.Vocabulary;
import dev.proxima.prefs.pref.ResponseSpace;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.reward.ComparisonSampler;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferenceJsonlTest {
    static final CharacterTokenizer TOKENIZER = new CharacterTokenizer(Vocabulary.shared().characters());

    @TempDir
    Path dir;

    @Test
    void theCharacterTokenizerUsesTheSharedVocabularysIds() {
        assertArrayEquals(Vocabulary.shared().encode("12+34=$"), TOKENIZER.encode("12+34=$"));
        assertEquals("dab", TOKENIZER.decode(Vocabulary.shared().encode("dab")));
        assertEquals(2, TOKENIZER.firstUnknown("abz"));
        assertEquals(-1, TOKENIZER.firstUnknown("abc"));
        var e = assertThrows(IllegalArgumentException.class, () -> TOKENIZER.encode("abz"));
        assertTrue(e.getMessage().contains("character 'z' (U+007A) at index 2 is not in the vocabulary"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> new CharacterTokenizer("abca"));
        assertTrue(f.getMessage().contains("'a' twice, at 0 and 3"), f.getMessage());
    }

    @Test
    void pairedRecordsRoundTripThroughAFileAndThroughTokens() throws IOException {
        ResponseSpace space = new ResponseSpace(BradleyTerryPreferences.standard());
        List<Comparison> comparisons = new ComparisonSampler(space).uniform(50, Rng.of(0));
        List<PairedRecord> records = new ArrayList<>();
        for (Comparison c : comparisons) records.add(PairedRecord.of(c, TOKENIZER));
        Path file = dir.resolve("pairs.jsonl");
        PreferenceJsonl.writePaired(file, records);
        String first = Files.readAllLines(file).get(0);
        assertTrue(first.startsWith("{\"prompt\":\"") && first.contains("\"chosen\":\"") && first.contains("\"rejected\":\""), first);
        List<PairedRecord> back = PreferenceJsonl.readPaired(file, TOKENIZER);
        assertEquals(records, back);
        for (int i = 0; i < comparisons.size(); i++) assertEquals(comparisons.get(i), back.get(i).toComparison(TOKENIZER));
        // Text outside any vocabulary round-trips too when no tokenizer checks it: quotes, escapes, non-ASCII.
        List<PairedRecord> odd = List.of(new PairedRecord("say \"hi\"\n", "tab\there \\ é ✓", "x"));
        PreferenceJsonl.writePaired(file, odd);
        assertEquals(odd, PreferenceJsonl.readPaired(file, null));
        assertEquals(1, Files.readAllLines(file).size(), "one line per record");
    }

    @Test
    void unpairedRecordsRoundTripThroughAFileAndThroughTokens() throws IOException {
        List<UnpairedRecord> records = List.of(new UnpairedRecord("5", "ddb", true), new UnpairedRecord("#", "abc", false));
        Path file = dir.resolve("unpaired.jsonl");
        PreferenceJsonl.writeUnpaired(file, records);
        assertEquals("{\"prompt\":\"5\",\"completion\":\"ddb\",\"label\":true}", Files.readAllLines(file).get(0));
        List<UnpairedRecord> back = PreferenceJsonl.readUnpaired(file, TOKENIZER);
        assertEquals(records, back);
        LabelledCompletion tokens = back.get(1).toTokens(TOKENIZER);
        assertArrayEquals(Vocabulary.shared().encode("abc"), tokens.completion());
        assertEquals(false, tokens.label());
        assertEquals(back.get(1), UnpairedRecord.of(tokens, TOKENIZER));
    }

    @Test
    void blankLinesAreSkippedAndCountedAndExtraFieldsIgnored() throws IOException {
        String text = "\uFEFF{\"prompt\":\"1\",\"chosen\":\"aa\",\"rejected\":\"bb\",\"score\":0.7}\n\n   \r\n"
                + "{\"rejected\":\"cc\",\"chosen\":\"dd\",\"prompt\":\"2\"}\r\n\n";
        List<PairedRecord> records = PreferenceJsonl.readPaired(new StringReader(text), "inline", TOKENIZER);
        assertEquals(List.of(new PairedRecord("1", "aa", "bb"), new PairedRecord("2", "dd", "cc")), records);
        // The line after two blank lines is line 5.
        var e = assertThrows(PreferenceDataException.class, () -> PreferenceJsonl.readPaired(
                new StringReader("{\"prompt\":\"1\",\"chosen\":\"a\",\"rejected\":\"b\"}\n\n \n{\"prompt\":\"1\"}\n"), "inline", null));
        assertEquals(4, e.line());
    }

    @Test
    void everyMalformedLineIsReportedWithFileLineFieldAndProblem() throws IOException {
        String good = "{\"prompt\":\"1\",\"chosen\":\"ab\",\"rejected\":\"ba\"}\n";
        String[][] cases = {
                // line content, expected field (or null), expected problem
                {"{\"prompt\":\"1\",\"chosen\":\"ab\",\"rejected\":\"ba\"", null, "invalid JSON at column"},
                {"{\"prompt\":\"1\", \"chosen\":\"ab\" \"rejected\":\"ba\"}", null, "invalid JSON at column 30: expected ',' or '}'"},
                {"[\"1\",\"ab\",\"ba\"]", null, "expected a JSON object, found an array"},
                {"{\"prompt\":\"1\",\"chosen\":\"ab\"}", "rejected", "is missing"},
                {"{\"prompt\":1,\"chosen\":\"ab\",\"rejected\":\"ba\"}", "prompt", "must be a string, found a number (1)"},
                {"{\"prompt\":\"1\",\"chosen\":null,\"rejected\":\"ba\"}", "chosen", "must be a string, found null"},
                {"{\"prompt\":\"1\",\"chosen\":[\"ab\"],\"rejected\":\"ba\"}", "chosen", "must be a string, found an array"},
                {"{\"prompt\":\"1\",\"chosen\":\"ab\",\"rejected\":\"\"}", "rejected", "must not be an empty string"},
                {"{\"prompt\":\"1\",\"chosen\":\"aZ\",\"rejected\":\"ba\"}", "chosen",
                        "character 'Z' (U+005A) at index 1 is not in the vocabulary"},
        };
        for (String[] c : cases) {
            Path file = dir.resolve("bad.jsonl");
            // The bad line is line 3 (after a good line and a blank one); a later bad line must not be the one reported.
            Files.writeString(file, good + "\n" + c[0] + "\n" + "not json at all\n", StandardCharsets.UTF_8);
            var e = assertThrows(PreferenceDataException.class, () -> PreferenceJsonl.readPaired(file, TOKENIZER), c[0]);
            String expectedStart = file + " line 3: " + (c[1] == null ? "" : "field \"" + c[1] + "\": ");
            assertTrue(e.getMessage().startsWith(expectedStart) && e.getMessage().contains(c[2]), e.getMessage());
            assertEquals(file.toString(), e.source());
            assertEquals(3, e.line());
            assertEquals(c[1], e.field());
        }
        String[][] unpaired = {
                {"{\"prompt\":\"1\",\"completion\":\"ab\"}", "label", "is missing"},
                {"{\"prompt\":\"1\",\"completion\":\"ab\",\"label\":\"yes\"}", "label", "must be true or false, found a string (\"yes\")"},
                {"{\"prompt\":\"1\",\"completion\":\"ab\",\"label\":1}", "label", "must be true or false, found a number (1)"},
                {"{\"prompt\":\"\",\"completion\":\"ab\",\"label\":true}", "prompt", "must not be an empty string"},
                {"{\"prompt\":\"1\",\"completion\":\"a b!\",\"label\":true}", "completion",
                        "character '!' (U+0021) at index 3 is not in the vocabulary"},
        };
        for (String[] c : unpaired) {
            var e = assertThrows(PreferenceDataException.class,
                    () -> PreferenceJsonl.readUnpaired(new StringReader(c[0] + "\n"), "kto.jsonl", TOKENIZER), c[0]);
            assertEquals("kto.jsonl line 1: field \"" + c[1] + "\": " + c[2], e.getMessage());
        }
        var e = assertThrows(PreferenceDataException.class,
                () -> PreferenceJsonl.readPaired(new StringReader("42\n"), "numbers.jsonl", null));
        assertEquals("numbers.jsonl line 1: expected a JSON object, found a number (42)", e.getMessage());
        assertNull(e.field());
    }

    @Test
    void bytesThatAreNotUtf8AreAnIoErrorNamingTheFile() throws IOException {
        Path file = dir.resolve("latin1.jsonl");
        Files.write(file, "{\"prompt\":\"caf\u00e9\",\"chosen\":\"a\",\"rejected\":\"b\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        var e = assertThrows(IOException.class, () -> PreferenceJsonl.readPaired(file, null));
        assertTrue(e.getMessage().contains(file + " line 1 is not valid UTF-8"), e.getMessage());
    }

    @Test
    void writingReplacesTheWholeFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("pairs.jsonl");
        Files.writeString(file, "old content that is longer than the new content\n".repeat(20));
        PreferenceJsonl.writePaired(file, List.of(new PairedRecord("1", "a", "b")));
        assertEquals(List.of("{\"prompt\":\"1\",\"chosen\":\"a\",\"rejected\":\"b\"}"), Files.readAllLines(file));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "only the target remains");
        }
        assertThrows(NoSuchFileException.class,
                () -> PreferenceJsonl.writePaired(dir.resolve("missing/pairs.jsonl"), List.of(new PairedRecord("1", "a", "b"))));
        var e = assertThrows(IllegalArgumentException.class, () -> new PairedRecord("1", "", "b"));
        assertTrue(e.getMessage().contains("chosen must be a non-empty string, was empty"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> new PairedRecord("1", "aZ", "b").toComparison(TOKENIZER));
        assertTrue(f.getMessage().contains("chosen: character 'Z'"), f.getMessage());
    }
}
