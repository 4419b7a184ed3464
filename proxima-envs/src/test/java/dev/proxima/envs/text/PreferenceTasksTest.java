package dev.proxima.envs.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.seq.PreferenceTask;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PreferenceTasksTest {
    private static final Vocabulary V = Vocabulary.shared();

    /** The 64 responses in the order a = 0 … d = 3, first position most significant. */
    private static List<int[]> responses() {
        List<int[]> all = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            all.add(new int[] {HiddenScorePreferences.responseToken(i / 16), HiddenScorePreferences.responseToken(i / 4 % 4),
                    HiddenScorePreferences.responseToken(i % 4)});
        }
        return all;
    }

    @Test
    void tokensFollowTheDocumentedMappingInTheSharedVocabulary() {
        for (String name : TextTasks.PREFERENCE_NAMES) {
            PreferenceTask task = TextTasks.makePreference(name);
            assertEquals(name, task.name());
            assertEquals(V.size(), task.vocabularySize());
            assertEquals(16, task.promptCount());
            assertEquals(3, task.responseLength());
            boolean[] allowed = task.responseTokens();
            StringBuilder letters = new StringBuilder();
            for (int id = 0; id < allowed.length; id++) if (allowed[id]) letters.append(V.characters().charAt(id));
            assertEquals("abcd", letters.toString());
            Set<Integer> promptTokens = new HashSet<>();
            StringBuilder prompts = new StringBuilder();
            for (int x = 0; x < 16; x++) {
                int[] p = task.prompt(x);
                assertEquals(1, p.length);
                assertTrue(promptTokens.add(p[0]), "distinct prompts");
                assertFalse(allowed[p[0]], "a prompt token is never a response token");
                assertTrue(p[0] != Vocabulary.PAD && p[0] != Vocabulary.EOS);
                prompts.append(V.decode(p));
            }
            assertEquals("0123456789efgh#>", prompts.toString());
        }
        assertEquals("dab", V.decode(new int[] {HiddenScorePreferences.responseToken(3), HiddenScorePreferences.responseToken(0),
                HiddenScorePreferences.responseToken(1)}));
    }

    @Test
    void everyJudgeIsAntisymmetricOverAllPairsOfEveryPrompt() {
        List<PreferenceTask> tasks = List.of(BradleyTerryPreferences.standard(), CyclicPreferences.standard(),
                new CyclicPreferences(3, 0), new CyclicPreferences(0.5, 7));
        List<int[]> ys = responses();
        for (PreferenceTask task : tasks) {
            for (int x = 0; x < 16; x++) {
                for (int[] y : ys) {
                    assertEquals(0.5, task.preference(x, y, y), 0.0, "P(y ≻ y) = ½ exactly");
                    for (int[] z : ys) {
                        double p = task.preference(x, y, z), q = task.preference(x, z, y);
                        assertTrue(p > 0 && p < 1, task.name());
                        assertEquals(1.0, p + q, 1e-12, task.name() + " x " + x);
                    }
                }
            }
        }
    }

    @Test
    void bradleyTerryHasOneBestResponsePerPromptThatBeatsEveryOther() {
        BradleyTerryPreferences bt = BradleyTerryPreferences.standard();
        for (int x = 0; x < 16; x++) {
            int[] best = null;
            int atMax = 0;
            double max = -1;
            for (int[] y : responses()) {
                double s = bt.score(x, y);
                if (s > max) {
                    max = s;
                    best = y;
                    atMax = 1;
                } else if (s == max) {
                    atMax++;
                }
            }
            assertEquals(1, atMax, "unique best for x " + x);
            assertEquals(1.0, max, 0.0);
            assertArrayEquals(bt.bestResponse(x), best);
            int v = (3 - x % 4 + 4) % 4; // (v + x) mod 4 = 3
            assertArrayEquals(new int[] {HiddenScorePreferences.responseToken(v), HiddenScorePreferences.responseToken(v),
                    HiddenScorePreferences.responseToken(v)}, best);
            for (int[] y : responses()) {
                if (!java.util.Arrays.equals(y, best)) assertTrue(bt.preference(x, best, y) > 0.5);
            }
        }
        // Worked by hand, x = 1: w_1(c) = 1, w_1(b) = 2/3, so s(ccc) − s(bbb) = 1/3 and P = σ(4/3).
        assertEquals(0.791391472673955, bt.preference(1, V.encode("ccc"), V.encode("bbb")), 1e-12);
        assertEquals(0.6093175418435606, bt.preference(0, V.encode("aab"), V.encode("aaa")), 1e-12, "one step of 1/9");
        assertEquals(0.9820137900379085, bt.preference(0, V.encode("ddd"), V.encode("aaa")), 1e-12, "best against worst");
    }

    @Test
    void theCyclicTermMakesEveryResponseBeatableAndVanishesAtBZero() {
        CyclicPreferences cyclic = CyclicPreferences.standard();
        // x = 1: s(cdd) = s(aaa) = 1/3, classes 8 mod 3 = 2 and 0; C(2, 0) = +1, so P = σ(b) = σ(2).
        assertEquals(2, cyclic.responseClass(V.encode("cdd")));
        assertEquals(0, cyclic.responseClass(V.encode("aaa")));
        assertEquals(0.8807970779778823, cyclic.preference(1, V.encode("cdd"), V.encode("aaa")), 1e-12);
        assertEquals(1, CyclicPreferences.cyclicTerm(0, 1));
        assertEquals(-1, CyclicPreferences.cyclicTerm(1, 0));
        assertEquals(1, CyclicPreferences.cyclicTerm(2, 0));
        assertEquals(0, CyclicPreferences.cyclicTerm(2, 2));
        // Intransitive: with a·|Δs| ≤ 1 < b every response loses to some response of the class that beats its own.
        for (int x = 0; x < 16; x++) {
            for (int[] y : responses()) {
                boolean beaten = false;
                for (int[] z : responses()) beaten |= cyclic.preference(x, z, y) > 0.5;
                assertTrue(beaten, "no Condorcet winner at x " + x);
            }
        }
        // b = 0 is Bradley–Terry at temperature 1/a; a = 4 is PREF-BT itself.
        for (double a : new double[] {1, 4, 0.3}) {
            CyclicPreferences noCycle = new CyclicPreferences(a, 0);
            BradleyTerryPreferences bt = new BradleyTerryPreferences(1 / a);
            for (int x = 0; x < 16; x += 5) {
                for (int[] y : responses()) {
                    for (int[] z : responses()) assertEquals(bt.preference(x, y, z), noCycle.preference(x, y, z), 1e-12);
                }
            }
        }
        int[] y = V.encode("abc"), z = V.encode("dca");
        assertEquals(BradleyTerryPreferences.standard().preference(3, y, z), new CyclicPreferences(4, 0).preference(3, y, z), 1e-15);
        assertTrue(Math.abs(BradleyTerryPreferences.standard().preference(3, y, z) - new CyclicPreferences(1, 0).preference(3, y, z))
                > 0.05, "b = 0 with a = 1 is not PREF-BT's judge");
    }

    @Test
    void badArgumentsAreRefusedByName() {
        for (double t : new double[] {0, -0.25, Double.NaN, Double.POSITIVE_INFINITY}) {
            refused(() -> new BradleyTerryPreferences(t), "temperature must be a finite number > 0, was " + t);
        }
        for (double a : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            refused(() -> new CyclicPreferences(a, 2), "a must be a finite number > 0, was " + a);
        }
        for (double b : new double[] {-0.5, Double.NaN, Double.NEGATIVE_INFINITY}) {
            refused(() -> new CyclicPreferences(1, b), "b must be a finite number >= 0, was " + b);
        }
        PreferenceTask task = BradleyTerryPreferences.standard();
        int[] ok = V.encode("abc");
        refused(() -> task.preference(16, ok, ok), "x must be in [0, 15], was 16");
        refused(() -> task.preference(-1, ok, ok), "x must be in [0, 15], was -1");
        refused(() -> task.prompt(16), "x must be in [0, 15], was 16");
        refused(() -> task.preference(0, V.encode("ab"), ok), "y must hold 3 tokens, held 2");
        refused(() -> task.preference(0, ok, null), "yPrime must hold 3 tokens, held null");
        refused(() -> task.preference(0, ok, V.encode("aea")), "yPrime[1] is token " + V.id('e') + ", not a response token");
        refused(() -> task.preference(0, new int[] {99, 19, 19}, ok), "y[0] is token 99, not a response token");
        refused(() -> CyclicPreferences.cyclicTerm(3, 0), "classes must be in [0, 2]");
        refused(() -> HiddenScorePreferences.responseToken(4), "v must be in [0, 3], was 4");
        refused(() -> TextTasks.makePreference("PREF-X"), "unknown preference task 'PREF-X'; allowed: PREF-BT, PREF-CYCLIC");
    }

    private static void refused(Executable call, String expected) {
        var e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
