package dev.proxima.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.io.StateDict;
import dev.proxima.core.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizersTest {
    @Test
    void adamFirstStepMovesEachCoordinateByTheLearningRate() {
        // With bias correction, the first Adam update is lr·g/(|g| + ε') = lr·sign(g).
        Tensor w = Tensor.parameter(1, 2);
        w.grad()[0] = 3f;
        w.grad()[1] = -0.5f;
        Optimizer opt = Optimizers.adam(List.of(w), Schedule.constant(0.1), 1e-8);
        opt.step();
        assertArrayEquals(new float[] {-0.1f, 0.1f}, w.data, 1e-6f);
        assertArrayEquals(new float[] {0f, 0f}, w.grad(), 0f);
        assertEquals(1, opt.stepCount());
    }

    @Test
    void adamSecondStepMatchesHandComputation() {
        Tensor w = Tensor.parameter(1, 1);
        Optimizer opt = Optimizers.adam(List.of(w), Schedule.constant(0.01), 1e-8);
        w.grad()[0] = 1f;
        opt.step();
        w.grad()[0] = 2f;
        opt.step();
        double m = 0.9 * 0.1 + 0.1 * 2, v = 0.999 * 0.001 + 0.001 * 4;
        double mhat = m / (1 - 0.81), vhat = v / (1 - 0.999 * 0.999);
        assertEquals(-0.01 - 0.01 * mhat / (Math.sqrt(vhat) + 1e-8), w.data[0], 1e-6);
    }

    @Test
    void clipByGlobalNormScalesAllParametersTogether() {
        Tensor a = Tensor.parameter(1, 1), b = Tensor.parameter(1, 1);
        a.grad()[0] = 3f;
        b.grad()[0] = 4f; // norm 5
        Optimizer opt = new Optimizer(List.of(a, b), Optimizers.clipByGlobalNorm(1.0),
                Optimizers.scaleByLearningRate(Schedule.constant(1)));
        opt.step();
        assertEquals(-0.6, a.data[0], 1e-6);
        assertEquals(-0.8, b.data[0], 1e-6);
    }

    @Test
    void everyOptimizerConvergesOnRosenbrock() {
        for (String name : new String[] {"sgd", "momentum", "adam", "adamw"}) {
            Tensor x = Tensor.parameter(1, 2);
            x.data[0] = -1.2f;
            x.data[1] = 1f;
            Optimizer opt = switch (name) {
                case "sgd" -> Optimizers.sgd(List.of(x), Schedule.constant(1e-3), 0);
                case "momentum" -> Optimizers.sgd(List.of(x), Schedule.constant(1e-3), 0.9);
                case "adam" -> Optimizers.adam(List.of(x), Schedule.constant(2e-2), 1e-8);
                default -> Optimizers.adamW(List.of(x), Schedule.constant(2e-2), 1e-8, 0);
            };
            for (int i = 0; i < 20_000; i++) {
                // Rosenbrock (1 − x)² + 100(y − x²)², minimum at (1, 1), with its exact gradient
                float xv = x.data[0], yv = x.data[1];
                x.grad()[0] = (float) (-2 * (1 - xv) - 400 * xv * (yv - xv * xv));
                x.grad()[1] = (float) (200 * (yv - xv * xv));
                opt.step();
            }
            assertEquals(1, x.data[0], 0.05, name);
            assertEquals(1, x.data[1], 0.1, name);
        }
    }

    @Test
    void stateRoundTripsThroughAStateDict() {
        Tensor w = Tensor.parameter(1, 3);
        Optimizer opt = Optimizers.adam(List.of(w), Schedule.constant(0.1), 1e-5);
        w.grad()[1] = 1f;
        opt.step();
        StateDict saved = new StateDict();
        opt.saveState(saved, "opt");
        Tensor w2 = Tensor.parameter(1, 3);
        System.arraycopy(w.data, 0, w2.data, 0, 3);
        Optimizer opt2 = Optimizers.adam(List.of(w2), Schedule.constant(0.1), 1e-5);
        opt2.loadState(saved, "opt");
        w.grad()[1] = 0.5f;
        w2.grad()[1] = 0.5f;
        opt.step();
        opt2.step();
        assertArrayEquals(w.data, w2.data, 0f);
        assertEquals(opt.stepCount(), opt2.stepCount());
    }

    @Test
    void schedulesAndValidation() {
        assertEquals(0.5, Schedule.linear(1, 0, 10).value(5), 1e-12);
        assertEquals(0, Schedule.linear(1, 0, 10).value(50), 1e-12);
        assertEquals(0.5, Schedule.cosine(1, 0, 10).value(5), 1e-12);
        assertEquals(0.25, Schedule.warmup(4, Schedule.constant(1)).value(0), 1e-12);
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.clipByGlobalNorm(-1));
        assertTrue(e.getMessage().contains("maxGradNorm"));
        assertThrows(IllegalArgumentException.class, () -> new Optimizer(List.of(Tensor.of(1, 1, 0f))));
    }
}
