package dev.proxima.bench;

import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Kernels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread C = A·B on the start-up kernels. Each invocation counts its 2n³ floating-point
 * operations, so JMH's throughput in operations per nanosecond reads directly as GFLOP/s.
 *
 * <pre>java --add-modules jdk.incubator.vector -jar proxima-bench/target/benchmarks.jar Matmul</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MatmulBenchmark {
    private final Kernels kernels = Kernels.get();
    private float[] a64, b64, c64, a256, b256, c256;

    @Setup
    public void setUp() {
        Rng rng = Rng.of(1);
        a64 = random(rng, 64 * 64);
        b64 = random(rng, 64 * 64);
        c64 = new float[64 * 64];
        a256 = random(rng, 256 * 256);
        b256 = random(rng, 256 * 256);
        c256 = new float[256 * 256];
    }

    private static float[] random(Rng rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rng.uniform(-1, 1);
        return x;
    }

    @Benchmark
    @OperationsPerInvocation(2 * 64 * 64 * 64)
    public float[] matmul64() {
        kernels.matmul(a64, b64, c64, 64, 64, 64, false);
        return c64;
    }

    @Benchmark
    @OperationsPerInvocation(2 * 256 * 256 * 256)
    public float[] matmul256() {
        kernels.matmul(a256, b256, c256, 256, 256, 256, false);
        return c256;
    }
}
