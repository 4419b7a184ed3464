package dev.proxima.rl.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.io.StateDict;
import dev.proxima.core.random.Rng;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {
    /** Transition k: observation {k, -k}, action {k/10}, reward k, next {k+1, -k-1}, terminal when k % 7 == 6. */
    static void addTransition(ReplayBuffer b, int k) {
        b.add(new float[] {k, -k}, new float[] {k / 10f}, k, new float[] {k + 1, -k - 1}, k % 7 == 6);
    }

    @Test
    void samplesAreStoredTransitionsIntactAndTheOldestAreOverwritten() {
        ReplayBuffer b = new ReplayBuffer(50, 2, 1);
        for (int k = 0; k < 120; k++) addTransition(b, k);
        assertEquals(50, b.size());
        ReplayBuffer.Batch batch = new ReplayBuffer.Batch(4000, 2, 1);
        b.sample(Rng.of(1), batch);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < batch.size; i++) {
            int k = (int) batch.observations[2 * i];
            assertTrue(k >= 70 && k < 120, "only the newest 50 remain, got " + k);
            assertEquals(-k, batch.observations[2 * i + 1]);
            assertEquals(k / 10f, batch.actions[i]);
            assertEquals(k, batch.rewards[i]);
            assertEquals(k + 1, batch.nextObservations[2 * i]);
            assertEquals(k % 7 == 6 ? 0f : 1f, batch.notTerminated[i]);
            seen.add(k);
        }
        assertEquals(50, seen.size(), "4,000 uniform draws reach every stored transition");
    }

    @Test
    void aRestoredBufferSamplesExactlyLikeTheOriginal() {
        ReplayBuffer a = new ReplayBuffer(30, 2, 1);
        for (int k = 0; k < 45; k++) addTransition(a, k);
        StateDict saved = new StateDict();
        a.saveState(saved, "replay/");
        ReplayBuffer b = new ReplayBuffer(30, 2, 1);
        b.loadState(saved, "replay/");
        for (int k = 45; k < 52; k++) {
            addTransition(a, k);
            addTransition(b, k);
        }
        ReplayBuffer.Batch x = new ReplayBuffer.Batch(64, 2, 1), y = new ReplayBuffer.Batch(64, 2, 1);
        a.sample(Rng.of(9), x);
        b.sample(Rng.of(9), y);
        assertArrayEquals(x.observations, y.observations);
        assertArrayEquals(x.nextObservations, y.nextObservations);
        assertArrayEquals(x.actions, y.actions);
        assertArrayEquals(x.rewards, y.rewards);
        assertArrayEquals(x.notTerminated, y.notTerminated);
        var mismatch = assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer(31, 2, 1).loadState(saved, "replay/"));
        assertTrue(mismatch.getMessage().contains("30/2/1"), mismatch.getMessage());
    }

    @Test
    void badSizesAndEmptySamplingAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer(0, 2, 1));
        ReplayBuffer b = new ReplayBuffer(5, 2, 1);
        assertThrows(IllegalStateException.class, () -> b.sample(Rng.of(1), new ReplayBuffer.Batch(1, 2, 1)));
        assertThrows(IllegalArgumentException.class, () -> b.add(new float[3], new float[1], 0, new float[2], false));
    }
}
