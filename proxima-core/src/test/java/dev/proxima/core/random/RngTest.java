package dev.proxima.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void sameSeedGivesSameStream() {
        Rng a = Rng.of(42), b = Rng.of(42);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
    }

    @Test
    void differentSeedsDiffer() {
        assertNotEquals(Rng.of(1).nextLong(), Rng.of(2).nextLong());
    }

    @Test
    void splitChildrenAreIndependentOfEachOtherAndReproducible() {
        Rng parent = Rng.of(7);
        Rng c1 = parent.split(), c2 = parent.split();
        assertNotEquals(c1.nextLong(), c2.nextLong());
        Rng again = Rng.of(7);
        assertEquals(again.split().nextLong(), Rng.of(7).split().nextLong());
    }

    @Test
    void restoredStateContinuesExactlyIncludingSpareGaussian() {
        Rng a = Rng.of(3);
        a.nextGaussian(); // leaves a spare value in the state
        long[] saved = a.state();
        double expected1 = a.nextGaussian(), expected2 = a.nextDouble();
        Rng b = Rng.of(99);
        b.restore(saved);
        assertEquals(expected1, b.nextGaussian());
        assertEquals(expected2, b.nextDouble());
        assertArrayEquals(a.state(), b.state());
    }

    @Test
    void moments() {
        Rng r = Rng.of(5);
        int n = 200_000;
        double sum = 0, sumSq = 0, usum = 0;
        int[] counts = new int[3];
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            sum += g;
            sumSq += g * g;
            usum += r.nextDouble();
            counts[r.nextInt(3)]++;
        }
        assertEquals(0, sum / n, 0.01);
        assertEquals(1, sumSq / n, 0.01);
        assertEquals(0.5, usum / n, 0.003);
        for (int c : counts) {
            assertEquals(n / 3.0, c, 4 * Math.sqrt(n / 3.0));
        }
    }

    @Test
    void rejectsBadBoundAndState() {
        Rng r = Rng.of(0);
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
        var e = assertThrows(IllegalArgumentException.class, () -> r.restore(new long[2]));
        assertTrue(e.getMessage().contains("6 words"));
    }
}
