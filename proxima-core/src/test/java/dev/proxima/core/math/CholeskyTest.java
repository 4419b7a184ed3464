package dev.proxima.core.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CholeskyTest {
    @Test
    void factorsAndSolvesAWorkedExample() {
        // A = [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]; A x = [2, 1] → x = [0.5, 0].
        double[] l = Cholesky.factor(new double[] {4, 2, 2, 3}, 2);
        assertArrayEquals(new double[] {2, 0, 1, Math.sqrt(2)}, l, 1e-15);
        assertArrayEquals(new double[] {0.5, 0}, Cholesky.solve(l, 2, new double[] {2, 1}), 1e-15);
        assertArrayEquals(new double[] {1, 0}, Cholesky.forward(l, 2, new double[] {2, 1}), 1e-15);
    }

    @Test
    void refusesMatricesThatAreNotPositiveDefinite() {
        assertThrows(IllegalArgumentException.class, () -> Cholesky.factor(new double[] {1, 2, 2, 1}, 2));
    }
}
