package dev.proxima.envs.text;

import dev.proxima.core.seq.SequenceTask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextTasksTest {
    private static final Vocabulary V = Vocabulary.shared();

    @Test
    void vocabularyRoundTripsAndRefusesUnknownCharacters() {
        assertTrue(V.size() <= 32);
        assertEquals("12+34=", V.decode(V.encode("12+34=")));
        assertEquals(Vocabulary.EOS, V.encode("$")[0]);
        assertEquals(7, V.digitOf(V.digit(7)));
        var e = assertThrows(IllegalArgumentException.class, () -> V.encode("x"));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }

    @Test
    void additionWritesTheSumLeastSignificantDigitFirst() {
        SequenceTask.Problem p = GeneratedTask.problem("47+85=", "231");
        Addition add = Addition.twoDigits();
        assertEquals(1, add.reward(p, V.encode("231$"), 4));
        assertEquals(0, add.reward(p, V.encode("132$"), 4));
        assertEquals(0, add.reward(p, V.encode("231"), 3), "no EOS: not the exact answer");
        assertEquals(0, add.reward(p, V.encode("2310$"), 5));
        assertEquals(2, Addition.carriesOf(47, 85));
        for (int i = 0; i < 200; i++) {
            SequenceTask.Problem q = new Addition(3, 1).train(Rng.of(i));
            String[] ab = q.text().substring(0, q.text().length() - 1).split("\\+");
            assertEquals(1, Addition.carriesOf(Integer.parseInt(ab[0]), Integer.parseInt(ab[1])), q.text());
            assertEquals(1, new Addition(3, 1).reward(q, q.answer(), q.answer().length), "the reference answer is correct");
        }
    }

    @Test
    void everyTasksReferenceAnswerEarnsTheRewardAndFitsTheStatedLengths() {
        for (String name : TextTasks.NAMES) {
            SequenceTask task = TextTasks.make(name);
            Rng rng = Rng.of(1);
            for (int i = 0; i < 300; i++) {
                SequenceTask.Problem p = task.train(rng);
                // LOCK2's training answers are mostly its short path, which pays ½ by design.
                double full = name.equals("LOCK2") && p.answer().length == 3 ? TwoPathLock.PATH_A_REWARD : 1;
                // DIGITSUM's proxy adds the hack's bonus to a correct answer that happens to hold two 7s.
                double reward = task.reward(p, p.answer(), p.answer().length);
                if (name.equals("DIGITSUM") && reward == 1 + DigitSum.BONUS) reward = 1;
                assertEquals(full, reward, name + " " + p.text());
                assertTrue(p.prompt().length <= task.maxPromptLength(), name + " prompt " + p.text());
                assertTrue(p.answer().length <= task.maxResponseLength(), name + " answer of " + p.text());
                assertTrue(p.prompt().length + task.maxResponseLength() <= 40, "fits the model's context");
                int[] wrong = p.answer().clone();
                wrong[0] = wrong[0] == V.digit(1) ? V.digit(2) : V.digit(1);
                if (name.equals("DIGITSUM")) {
                    assertTrue(task.reward(p, wrong, wrong.length) <= DigitSum.BONUS, "a wrong sum earns at most the hack's bonus");
                } else if (!name.equals("COUNTDOWN")) {
                    assertEquals(0, task.reward(p, wrong, wrong.length), name + " wrong answer for " + p.text());
                }
            }
        }
    }

    @Test
    void heldOutProblemsAreFixedDistinctAndNeverDrawnForTraining() {
        for (String name : List.of("ADD", "SORT", "REV", "COUNTDOWN")) {
            SequenceTask task = TextTasks.make(name);
            List<SequenceTask.Problem> heldOut = task.heldOut(500);
            Set<String> prompts = new HashSet<>();
            for (SequenceTask.Problem p : heldOut) assertTrue(prompts.add(p.text()), "distinct");
            assertEquals(heldOut.get(17).text(), TextTasks.make(name).heldOut(500).get(17).text(), "the same list every time");
            Rng rng = Rng.of(2);
            for (int i = 0; i < 5_000; i++) {
                String train = task.train(rng).text();
                assertTrue(!prompts.contains(train) && !GeneratedTask.isHeldOut(train), name + ": " + train);
            }
        }
        var e = assertThrows(IllegalArgumentException.class, () -> new Addition(1, -1).heldOut(500));
        assertTrue(e.getMessage().contains("held-out problems"), e.getMessage());
    }

    @Test
    void countdownChecksTheArithmeticAndTheNumbersUsed() {
        SequenceTask.Problem p = GeneratedTask.problem("3 7 12 5:36>", "3 12 *");
        Countdown c = Countdown.standard();
        assertEquals(1, c.reward(p, V.encode("3 12 *$"), 7));
        assertEquals(1, c.reward(p, V.encode("12 3 *$"), 7));
        assertEquals(1, c.reward(p, V.encode("7 5 + 3 *$"), 10), "any correct expression");
        assertEquals(1, c.reward(p, V.encode("3 12 *"), 6), "a response cut before EOS is scored as it stands");
        assertEquals(0, c.reward(p, V.encode("6 6 *$"), 6), "6 is not listed");
        assertEquals(0, c.reward(p, V.encode("3 3 * 4 *$"), 10), "3 is listed once");
        assertEquals(0, c.reward(p, V.encode("3 12$"), 5), "two values left");
        assertEquals(0, c.reward(p, V.encode("3 *$"), 4));
        assertNull(Countdown.evaluate("7 5 5 - /", new int[] {7, 5, 5}), "division by zero");
        long[] third = Countdown.evaluate("7 3 /", new int[] {7, 3});
        assertNotNull(third);
        assertArrayEquals(new long[] {7, 3}, third, "exact fractions");
        assertArrayEquals(new long[] {24, 1}, Countdown.evaluate("8 3 8 3 / - /", new int[] {8, 3, 8, 3}));
    }

    @Test
    void theLockPaysOnlyItsCombinationOrItsMatchedPrefix() {
        CombinationLock exact = new CombinationLock(16, 4, false, 7), shaped = new CombinationLock(16, 4, true, 7);
        SequenceTask.Problem p = exact.heldOut(16).get(3);
        assertEquals("#03>", p.text());
        int[] a = p.answer();
        assertEquals(1, exact.reward(p, a, a.length));
        assertEquals(1, shaped.reward(p, a, a.length));
        int[] half = a.clone();
        half[2] = half[2] == V.id('a') ? V.id('b') : V.id('a');
        assertEquals(0, exact.reward(p, half, half.length));
        assertEquals(0.5, shaped.reward(p, half, half.length));
        assertEquals(0, exact.reward(p, a, 4), "without EOS");
        assertEquals(p.answer()[0], new CombinationLock(16, 4, false, 7).heldOut(16).get(3).answer()[0], "fixed by the seed");
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Addition(4, -1)).getMessage().contains("digits"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Addition(2, 3)).getMessage().contains("carries"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SortDigits(5, 4)).getMessage().contains("maxLength"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Countdown(5)).getMessage().contains("numbers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TextTasks.make("MUL")).getMessage().contains("allowed"));
    }
}
