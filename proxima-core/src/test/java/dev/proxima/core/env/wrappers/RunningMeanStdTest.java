package dev.proxima.core.env.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.proxima.core.io.StateDict;
import org.junit.jupiter.api.Test;

class RunningMeanStdTest {
    /** Mean and population variance of xs merged with the prior (mean 0, variance 1, weight 1e-4). */
    static double[] closedForm(double... xs) {
        double n = xs.length + RunningMeanStd.INITIAL_COUNT;
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        double mean = sum / n;
        double m2 = RunningMeanStd.INITIAL_COUNT * (1 + mean * mean);
        for (double x : xs) {
            m2 += (x - mean) * (x - mean);
        }
        return new double[] {mean, m2 / n};
    }

    @Test
    void startsFromGymnasiumsPrior() {
        RunningMeanStd rms = new RunningMeanStd(2);
        assertEquals(0.0, rms.mean(1));
        assertEquals(1.0, rms.var(1));
        assertEquals(1e-4, rms.count());
    }

    @Test
    void samplesOneThreeFiveGiveMeanThreeAndVarianceEightThirds() {
        RunningMeanStd rms = new RunningMeanStd(1);
        rms.update(1.0);
        rms.update(3.0);
        rms.update(5.0);
        // By hand: mean 3, population variance ((-2)^2 + 0 + 2^2) / 3 = 8/3; the prior shifts both by < 5e-4.
        assertEquals(3.0, rms.mean(0), 5e-4);
        assertEquals(8.0 / 3.0, rms.var(0), 5e-4);
        double[] exact = closedForm(1, 3, 5);
        assertEquals(exact[0], rms.mean(0), 1e-12);
        assertEquals(exact[1], rms.var(0), 1e-12);
        assertEquals(3.0001, rms.count(), 1e-12);
    }

    @Test
    void batchUpdateEqualsTheSameSamplesOneByOne() {
        RunningMeanStd oneByOne = new RunningMeanStd(2);
        oneByOne.update(new float[] {1, 10});
        oneByOne.update(new float[] {3, 20});
        oneByOne.update(new float[] {5, 60});
        RunningMeanStd batched = new RunningMeanStd(2);
        batched.updateFromMoments(new double[] {3, 30}, new double[] {8.0 / 3.0, 1400.0 / 3.0}, 3);
        for (int i = 0; i < 2; i++) {
            assertEquals(oneByOne.mean(i), batched.mean(i), 1e-9);
            assertEquals(oneByOne.var(i), batched.var(i), 1e-9);
        }
    }

    @Test
    void saveLoadAndCopyKeepEveryNumber() {
        RunningMeanStd rms = new RunningMeanStd(2);
        rms.update(new double[] {0.5, -2});
        StateDict dict = new StateDict();
        rms.saveState(dict, "rms.");
        RunningMeanStd loaded = new RunningMeanStd(2);
        loaded.loadState(dict, "rms.");
        RunningMeanStd copy = rms.copy();
        rms.update(new double[] {9, 9});
        for (RunningMeanStd other : new RunningMeanStd[] {loaded, copy}) {
            assertEquals(0.5 / 1.0001, other.mean(0), 1e-15);
            assertEquals(1.0001, other.count(), 1e-15);
        }
    }

    @Test
    void wrongSizesAreRejectedWithBothSizes() {
        RunningMeanStd rms = new RunningMeanStd(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rms.update(new float[3]));
        assertEquals("sample has 3 features but these statistics track 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RunningMeanStd(0));
    }
}
