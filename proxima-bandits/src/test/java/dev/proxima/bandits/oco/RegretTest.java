package dev.proxima.bandits.oco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.bandits.oco.SeaModel.Family;
import org.junit.jupiter.api.Test;

/** The comparator min_{x∈X} Σ f_t(x) against direct sums, brute force and the spec's own method. */
class RegretTest {

    static double totalLoss(SeaModel.Sequence seq, int rounds, double[] x) {
        double s = 0;
        for (int t = 1; t <= rounds; t++) s += seq.loss(t, x);
        return s;
    }

    @Test
    void insideTheBallTheComparatorIsTheAverageCentre() {
        var seq = SeaModel.generate(SeaModel.Config.stationary(Family.CONVEX, 0.3, 2000), 2);
        double[] mean = new double[2];
        for (int t = 1; t <= 2000; t++) {
            mean[0] += seq.vector(t)[0] / 2000;
            mean[1] += seq.vector(t)[1] / 2000;
        }
        assertArrayEquals(mean, Regret.comparatorPoint(seq, 2000), 1e-12);
        assertEquals(totalLoss(seq, 2000, mean), Regret.comparatorLoss(seq, 2000), 1e-9);
    }

    @Test
    void outsideTheBallItMatchesProjectedGradientRunToConvergence() {
        // amp 5 with a long period puts every centre at c₀ + (1, 1) = (1.3, 1.6), outside the ball.
        var seq = SeaModel.generate(SeaModel.Config.switching(Family.CONVEX, 0.05, 5, 1000, 300), 0);
        double[] point = Regret.comparatorPoint(seq, 300);
        // The spec's definition: x ← Π(x − 0.5·Λ(x − c̄)) until it stops moving.
        double[] cbar = new double[2], lambda = Family.CONVEX.lambda();
        for (int t = 1; t <= 300; t++) {
            cbar[0] += seq.vector(t)[0] / 300;
            cbar[1] += seq.vector(t)[1] / 300;
        }
        double[] x = new double[2];
        for (int k = 0; k < 200_000; k++) {
            for (int i = 0; i < 2; i++) x[i] -= 0.5 * lambda[i] * (x[i] - cbar[i]);
            Ball.project(x, 1, x);
        }
        assertArrayEquals(x, point, 1e-9);
        assertEquals(1.0, Ball.norm(point), 1e-12);
        assertEquals(totalLoss(seq, 300, x), Regret.comparatorLoss(seq, 300), 1e-9);
    }

    @Test
    void leastSquaresComparatorBeatsEveryPointOfAGrid() {
        var seq = SeaModel.generate(SeaModel.Config.stationary(Family.EXP_CONCAVE, 0.1, 500), 1);
        double best = Regret.comparatorLoss(seq, 500);
        double grid = Double.POSITIVE_INFINITY;
        for (double u = -1; u <= 1; u += 0.01) {
            for (double v = -1; v <= 1; v += 0.01) {
                if (u * u + v * v <= 1) grid = Math.min(grid, totalLoss(seq, 500, new double[] {u, v}));
            }
        }
        assertTrue(best <= grid + 1e-9, best + " vs grid " + grid);
        assertTrue(grid - best < 0.05, "grid minimum within a step of the exact one: " + (grid - best));
        assertEquals(totalLoss(seq, 500, Regret.comparatorPoint(seq, 500)), best, 1e-9);
    }

    @Test
    void aShortRunIsThePrefixOfALongOne() {
        // Spec §2(b): the run for horizon T is a separate run on the first T rounds; learners only
        // look back, so its regret equals the long run's value at T.
        for (Family family : Family.values()) {
            var longRun = SeaExperiment.run(SeaExperiment.Config.of(SeaModel.Config.stationary(family, 0.1, 3000)), 3);
            var shortRun = SeaExperiment.run(SeaExperiment.Config.of(SeaModel.Config.stationary(family, 0.1, 1000)), 3);
            for (String method : longRun.methods()) {
                assertEquals(shortRun.curve(method).at(1000), longRun.curve(method).at(1000), 0.0, family + " " + method);
            }
        }
    }

    @Test
    void regretCurveIsLossMinusComparator() {
        var curve = new Regret.RegretCurve(new double[] {1, 3, 6}, new double[] {0.5, 1, 2});
        assertArrayEquals(new double[] {0.5, 2, 4}, curve.regret(), 0.0);
        assertEquals(4.0, curve.at(3), 0.0);
    }

    @Test
    void logLogSlopeOfAPowerLaw() {
        int[] horizons = {1000, 10_000, 100_000};
        double[] values = {Math.pow(1000, 0.5), Math.pow(10_000, 0.5) * 1.1, Math.pow(100_000, 0.5)};
        assertEquals(0.5, Regret.logLogSlope(horizons, values), 1e-12); // the middle point does not move it
    }
}
