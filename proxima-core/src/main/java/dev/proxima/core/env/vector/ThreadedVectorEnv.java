package dev.proxima.core.env.vector;

import dev.proxima.core.env.AutoresetMode;
import dev.proxima.core.env.Env;
import dev.proxima.core.env.VectorStep;
import dev.proxima.core.util.Checks;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Steps its sub-envs in parallel on a fixed set of threads, each owning one contiguous slice of
 * sub-envs for its whole life; the calling thread works the first slice itself.
 *
 * <p>Results are bit-identical to {@link SyncVectorEnv}: each sub-env is stepped by exactly the
 * same code, in the same per-env order, and no sub-env reads another's state. Only the wall time
 * differs.
 *
 * <p>Hand-off: the caller publishes the task and bumps a volatile generation counter; workers
 * spin briefly, then park, until they see a new generation, run their slice and count down; the
 * last one unparks the caller. Nothing is allocated per step (no futures, no lambdas, no lock
 * queue nodes), so a long rollout does not feed the garbage collector. Worker threads are daemons
 * and {@link #close()} stops them. A failure in any slice is rethrown on the caller's thread once
 * all slices have finished.
 *
 * <p>Not thread-safe: one thread drives it.
 */
public final class ThreadedVectorEnv extends InProcessVectorEnv {
    /** Busy-wait iterations before parking: enough to catch a fast env step, short enough not to hog a core. */
    private static final int SPINS_BEFORE_PARKING = 256;

    private enum Task { STEP, RESET }

    /** Slice k covers sub-envs sliceStart[k] .. sliceStart[k + 1] - 1; slice 0 runs on the caller. */
    private final int[] sliceStart;
    /** workers[k - 1] runs slice k. */
    private final Thread[] workers;
    private final AtomicInteger unfinishedSlices = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile int generation;
    private volatile boolean shuttingDown;
    private volatile Thread caller;
    // The current task; published to workers by the volatile write to generation.
    private Task task;
    private VectorStep target;
    private long seed;
    private boolean closed;

    /**
     * @param numThreads threads working on the sub-envs, counting the caller's; capped at the number
     *                   of sub-envs
     */
    public ThreadedVectorEnv(List<? extends Env<float[], ?>> envs, AutoresetMode mode, int numThreads) {
        super(envs, mode);
        Checks.positive(numThreads, "numThreads");
        int n = numEnvs();
        int slices = Math.min(numThreads, n);
        this.sliceStart = new int[slices + 1];
        for (int k = 0; k <= slices; k++) {
            sliceStart[k] = (int) ((long) k * n / slices);
        }
        this.workers = new Thread[slices - 1];
        Thread.Builder builder = Thread.ofPlatform().daemon(true).name("proxima-vector-env-worker-", 1);
        for (int k = 1; k < slices; k++) {
            int slice = k;
            workers[k - 1] = builder.unstarted(() -> workerLoop(slice));
        }
        for (Thread worker : workers) {
            worker.start();
        }
    }

    /** {@code numEnvs} sub-envs made by {@code factory.apply(i)}. */
    public static ThreadedVectorEnv of(IntFunction<? extends Env<float[], ?>> factory, int numEnvs,
                                       AutoresetMode mode, int numThreads) {
        return new ThreadedVectorEnv(build(factory, numEnvs), mode, numThreads);
    }

    /** Threads working on the sub-envs, counting the caller's. */
    public int numThreads() {
        return sliceStart.length - 1;
    }

    /** The worker threads (not the caller's), for tests that check they stop. */
    List<Thread> workerThreads() {
        return List.of(workers);
    }

    @Override
    void resetAll(long seed, VectorStep out) {
        runAllSlices(Task.RESET, out, seed);
    }

    @Override
    void stepAll(VectorStep out) {
        runAllSlices(Task.STEP, out, 0);
    }

    private void runAllSlices(Task task, VectorStep out, long seed) {
        this.task = task;
        this.target = out;
        this.seed = seed;
        caller = Thread.currentThread();
        unfinishedSlices.set(workers.length);
        generation = generation + 1; // only this thread writes it
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
        Throwable callerFailure = null;
        try {
            runSlice(0);
        } catch (Throwable t) {
            callerFailure = t;
        }
        for (int spins = 0; unfinishedSlices.get() != 0; spins++) {
            if (spins < SPINS_BEFORE_PARKING) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        target = null;
        Throwable workerFailure = failure.getAndSet(null);
        Throwable first = callerFailure != null ? callerFailure : workerFailure;
        if (first == null) {
            return;
        }
        if (first != workerFailure && workerFailure != null) {
            first.addSuppressed(workerFailure);
        }
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("a vector env worker failed", first);
    }

    private void runSlice(int slice) {
        int from = sliceStart[slice];
        int to = sliceStart[slice + 1];
        if (task == Task.STEP) {
            stepRange(from, to, target);
        } else {
            resetRange(from, to, seed, target);
        }
    }

    private void workerLoop(int slice) {
        int seen = 0;
        while (true) {
            seen = awaitGenerationAfter(seen);
            if (shuttingDown) {
                return;
            }
            try {
                runSlice(slice);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
            if (unfinishedSlices.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    private int awaitGenerationAfter(int seen) {
        for (int spins = 0; ; spins++) {
            int current = generation;
            if (current != seen) {
                return current;
            }
            if (spins < SPINS_BEFORE_PARKING) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    /** Stops the worker threads and closes every sub-env; calling it again does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        shuttingDown = true;
        generation = generation + 1;
        boolean interrupted = false;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        super.close();
    }
}
