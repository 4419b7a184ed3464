package dev.proxima.envs.mujoco;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The simulation state of one model ({@code mjData}), stepped by one thread at a time. The arrays
 * ({@link #qpos}, {@link #qvel}, {@link #ctrl}, ...) are zero-copy views of MuJoCo's own buffers,
 * valid until {@link #close}; using one afterwards throws {@link IllegalStateException}.
 *
 * <p>Engine errors inside {@link #step}, {@link #forward} or {@link #rnePostConstraint} throw
 * {@link MuJoCoException}; the data must then be {@link #reset} before it is used again. A
 * physics blow-up is not an error in MuJoCo: it warns, resets the data itself and goes on, so
 * callers watch {@link #unstableWarnings()} to end the episode.
 */
public final class MjData implements AutoCloseable {
    private final MjModel model;
    private final MuJoCo.Native mj;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment segment;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long timeOffset, badQaccNumber;
    public final MemorySegment qpos, qvel, act, ctrl, qacc, qaccWarmstart, xpos, cfrcExt, siteXpos, qfrcConstraint;

    public MjData(MjModel model) {
        this.model = model;
        this.mj = model.mj;
        MemorySegment raw;
        try {
            raw = (MemorySegment) mj.makeData.invokeExact(model.segment);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new MuJoCoException("mj_makeData failed: " + t, t);
        }
        if (raw.equals(MemorySegment.NULL)) {
            throw new MuJoCoException("MuJoCo could not allocate the model's data: " + mj.lastError());
        }
        this.segment = raw.reinterpret(mj.offset("sizeof.mjData"), arena, d -> {
            try {
                mj.deleteData.invokeExact(d);
            } catch (Throwable t) {
                throw new IllegalStateException("mj_deleteData failed", t);
            }
        });
        model.dataOpened();
        int nsite = model.segment.get(JAVA_INT, mj.offset("mjModel.nsite"));
        this.qpos = view("mjData.qpos", model.nq);
        this.qvel = view("mjData.qvel", model.nv);
        this.act = view("mjData.act", model.segment.get(JAVA_INT, mj.offset("mjModel.na")));
        this.ctrl = view("mjData.ctrl", model.nu);
        this.qacc = view("mjData.qacc", model.nv);
        this.qaccWarmstart = view("mjData.qacc_warmstart", model.nv);
        this.xpos = view("mjData.xpos", 3L * model.nbody);
        this.cfrcExt = view("mjData.cfrc_ext", 6L * model.nbody);
        this.siteXpos = view("mjData.site_xpos", 3L * nsite);
        this.qfrcConstraint = view("mjData.qfrc_constraint", model.nv);
        this.timeOffset = mj.offset("mjData.time");
        this.badQaccNumber = mj.offset("mjData.warning") + mj.offset("sizeof.mjWarningStat")
                * Integer.parseInt(mj.layout.getProperty("warning.badqacc")) + mj.offset("mjWarningStat.number");
    }

    private MemorySegment view(String field, long doubles) {
        return segment.get(ADDRESS, mj.offset(field)).reinterpret(8L * doubles, arena, null);
    }

    public MjModel model() {
        return model;
    }

    /** Simulation time in seconds. */
    public double time() {
        return segment.get(JAVA_DOUBLE, timeOffset);
    }

    /**
     * Everything the next step and a task's reading of it depend on, for saving: time,
     * {@code qpos}, {@code qvel}, {@code act}, {@code ctrl}, the constraint solver's warm start
     * {@code qacc_warmstart} (without it a restored simulation drifts in the last bits), and the
     * derived arrays tasks read after a step ({@code xpos}, {@code site_xpos},
     * {@code qfrc_constraint}, {@code cfrc_ext}). Those are kept as they were rather than
     * recomputed: MuJoCo computes them before integrating, so after a step they belong to the
     * previous positions, and {@code mj_forward} would give different values.
     */
    public double[] state() {
        MemorySegment[] parts = savedParts();
        int n = 1;
        for (MemorySegment p : parts) n += (int) (p.byteSize() / 8);
        double[] out = new double[n];
        out[0] = time();
        int k = 1;
        for (MemorySegment p : parts) {
            double[] v = p.toArray(JAVA_DOUBLE);
            System.arraycopy(v, 0, out, k, v.length);
            k += v.length;
        }
        return out;
    }

    private MemorySegment[] savedParts() {
        return new MemorySegment[] {qpos, qvel, act, ctrl, qaccWarmstart, xpos, siteXpos, qfrcConstraint, cfrcExt};
    }

    /** Restores {@link #state()} exactly (no {@code mj_forward}: see there). */
    public void setState(double[] state) {
        MemorySegment[] parts = savedParts();
        int n = 1;
        for (MemorySegment p : parts) n += (int) (p.byteSize() / 8);
        if (state.length != n) {
            throw new IllegalArgumentException("state must have " + n + " values for this model, had " + state.length);
        }
        segment.set(JAVA_DOUBLE, timeOffset, state[0]);
        int k = 1;
        for (MemorySegment p : parts) {
            int len = (int) (p.byteSize() / 8);
            MemorySegment.copy(state, k, p, JAVA_DOUBLE, 0, len);
            k += len;
        }
    }

    /**
     * How often MuJoCo found a non-finite or huge acceleration and reset the state by itself
     * ({@code mjWARN_BADQACC}): a rise means the simulation blew up.
     */
    public int unstableWarnings() {
        return segment.get(JAVA_INT, badQaccNumber);
    }

    /** Runs {@code n} physics steps. */
    public void step(int n) {
        int status;
        try {
            status = (int) mj.step.invokeExact(model.segment, segment, n);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new MuJoCoException("mj_step failed: " + t, t);
        }
        if (status != 0) {
            throw new MuJoCoException("MuJoCo error while stepping: " + mj.lastError() + " (reset the data before using it again)");
        }
    }

    /** Recomputes derived quantities (positions, contacts, ...) after the state was written directly. */
    public void forward() {
        guarded(mj.forward, "mj_forward");
    }

    /** Computes {@link #cfrcExt} (external contact forces per body), which stepping leaves zero. */
    public void rnePostConstraint() {
        guarded(mj.rnePostConstraint, "mj_rnePostConstraint");
    }

    /** Calls a helper entry point of the form {@code int f(const mjModel*, mjData*)}: 0 ok, 1 engine error. */
    private void guarded(java.lang.invoke.MethodHandle handle, String name) {
        int status;
        try {
            status = (int) handle.invokeExact(model.segment, segment);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new MuJoCoException(name + " failed: " + t, t);
        }
        if (status != 0) {
            throw new MuJoCoException("MuJoCo error in " + name + ": " + mj.lastError());
        }
    }

    /** Back to the model's initial state ({@code qpos0}, zero velocities, controls and time, warnings cleared). */
    public void reset() {
        try {
            mj.resetData.invokeExact(model.segment, segment);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new MuJoCoException("mj_resetData failed: " + t, t);
        }
    }

    /** Frees the data (once; later calls do nothing). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            arena.close();
            model.dataClosed();
        }
    }
}
