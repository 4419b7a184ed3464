package dev.proxima.envs.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.SequenceTask;
import org.junit.jupiter.api.Test;

class TwoPathLockTest {
    @Test
    void pathBPaysOnePathAPaysHalfAndTheMixMatchesTheShare() {
        TwoPathLock task = TwoPathLock.standard();
        SequenceTask.Problem best = task.heldOut(8).get(3);
        assertEquals("#03>", best.text());
        assertEquals(6, best.answer().length, "five letters and EOS");
        assertEquals(1, task.reward(best, best.answer(), best.answer().length));
        assertTrue(task.opensPathB(best.answer(), best.answer().length));
        Rng rng = Rng.of(2);
        int pathB = 0;
        for (int i = 0; i < 4000; i++) {
            SequenceTask.Problem p = task.train(rng);
            double r = task.reward(p, p.answer(), p.answer().length);
            if (p.answer().length == 6) {
                pathB++;
                assertEquals(1, r);
            } else {
                assertEquals(TwoPathLock.PATH_A_REWARD, r);
                assertTrue(!task.opensPathB(p.answer(), p.answer().length));
                // the same lock's held-out problem scores the short path the same way
                int id = Integer.parseInt(p.text().substring(1, 3));
                assertEquals(TwoPathLock.PATH_A_REWARD, task.reward(task.heldOut(8).get(id), p.answer(), p.answer().length));
                int[] cut = java.util.Arrays.copyOf(p.answer(), 2);
                assertEquals(0, task.reward(p, cut, 2), "without its EOS the short path earns nothing");
            }
        }
        assertEquals(0.05, pathB / 4000.0, 0.01);
    }

    @Test
    void badSettingsAreRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TwoPathLock(8, 5, 5, 0.05, 0));
        assertTrue(e.getMessage().contains("lengthB"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TwoPathLock(8, 2, 5, 1.5, 0));
        assertTrue(e.getMessage().contains("pathBShare"), e.getMessage());
    }
}
