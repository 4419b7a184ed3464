package dev.proxima.envs.mujoco;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A compiled MuJoCo model ({@code mjModel}): read-only once loaded, so threads may share it, each
 * stepping its own {@link MjData}. Closing frees it; every {@link MjData} made from it must be
 * closed first. After closing, any use throws {@link IllegalStateException} instead of touching
 * freed memory.
 */
public final class MjModel implements AutoCloseable {
    /** MuJoCo's object types for {@link #id} ({@code mjtObj} in 2.2.2). */
    public enum ObjectType {
        BODY(1), JOINT(3), GEOM(5), SITE(6), ACTUATOR(19);

        final int code;

        ObjectType(int code) {
            this.code = code;
        }
    }

    final MuJoCo.Native mj = MuJoCo.get();
    final Arena arena = Arena.ofShared();
    final MemorySegment segment;
    private final AtomicInteger openData = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    public final int nq, nv, nu, nbody;
    public final double timestep;

    private MjModel(MemorySegment raw) {
        this.segment = raw.reinterpret(mj.offset("sizeof.mjModel"), arena, m -> {
            try {
                mj.deleteModel.invokeExact(m);
            } catch (Throwable t) {
                throw new IllegalStateException("mj_deleteModel failed", t);
            }
        });
        this.nq = segment.get(JAVA_INT, mj.offset("mjModel.nq"));
        this.nv = segment.get(JAVA_INT, mj.offset("mjModel.nv"));
        this.nu = segment.get(JAVA_INT, mj.offset("mjModel.nu"));
        this.nbody = segment.get(JAVA_INT, mj.offset("mjModel.nbody"));
        this.timestep = segment.get(JAVA_DOUBLE, mj.offset("mjModel.opt.timestep"));
    }

    /**
     * Compiles MJCF text (through MuJoCo's in-memory file system, no temporary file).
     *
     * @throws MuJoCoException with the compiler's message if the model does not compile
     */
    public static MjModel fromXml(String xml) {
        MuJoCo.Native mj = MuJoCo.get();
        synchronized (MjModel.class) { // the compiler swaps the process-wide error handler while it runs
            try (Arena scratch = Arena.ofConfined()) {
                MemorySegment vfs = scratch.allocate(mj.offset("sizeof.mjVFS"), 8);
                mj.defaultVfs.invokeExact(vfs);
                byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
                MemorySegment name = scratch.allocateFrom("model.xml");
                int status = (int) mj.makeEmptyFileVfs.invokeExact(vfs, name, bytes.length);
                if (status != 0) {
                    throw new MuJoCoException("MuJoCo's virtual file system refused the model (status " + status + ")");
                }
                int index = vfs.get(JAVA_INT, mj.offset("mjVFS.nfile")) - 1;
                MemorySegment file = vfs.get(ADDRESS, mj.offset("mjVFS.filedata") + ADDRESS.byteSize() * index)
                        .reinterpret(bytes.length);
                MemorySegment.copy(bytes, 0, file, JAVA_BYTE, 0, bytes.length);
                MemorySegment error = scratch.allocate(1000);
                MemorySegment raw = (MemorySegment) mj.loadXml.invokeExact(name, vfs, error, 1000);
                mj.deleteVfs.invokeExact(vfs);
                if (raw.equals(MemorySegment.NULL)) {
                    throw new MuJoCoException("MuJoCo could not compile the model: " + error.getString(0).strip());
                }
                return new MjModel(raw);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new MuJoCoException("loading the model failed: " + t, t);
            }
        }
    }

    /**
     * Compiles an MJCF file from disk (includes and meshes resolve relative to it), as
     * Gymnasium's {@code xml_file} option does for its MuJoCo tasks.
     *
     * @throws MuJoCoException naming the file when it is missing, unreadable or does not compile
     */
    public static MjModel fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MuJoCoException("model file " + file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new MuJoCoException("model file " + file + ": not readable");
        }
        MuJoCo.Native mj = MuJoCo.get();
        synchronized (MjModel.class) {
            try (Arena scratch = Arena.ofConfined()) {
                MemorySegment name = scratch.allocateFrom(file.toAbsolutePath().toString());
                MemorySegment error = scratch.allocate(1000);
                MemorySegment raw = (MemorySegment) mj.loadXml.invokeExact(name, MemorySegment.NULL, error, 1000);
                if (raw.equals(MemorySegment.NULL)) {
                    throw new MuJoCoException("model file " + file + " does not compile: " + error.getString(0).strip());
                }
                return new MjModel(raw);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new MuJoCoException("loading model file " + file + " failed: " + t, t);
            }
        }
    }

    /** Compiles an MJCF file shipped on the classpath (e.g. {@code /mujoco/hopper.xml}). */
    public static MjModel fromResource(String resource) {
        try (InputStream in = MjModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MuJoCoException("no model resource " + resource);
            }
            return fromXml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MuJoCoException("reading model " + resource + " failed: " + e, e);
        }
    }

    /** The id of a named object, or -1 if there is none. */
    public int id(ObjectType type, String name) {
        try (Arena scratch = Arena.ofConfined()) {
            return (int) mj.name2id.invokeExact(segment, type.code, scratch.allocateFrom(name));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new MuJoCoException("mj_name2id failed: " + t, t);
        }
    }

    /** {@link #id}, failing with the model's missing name. */
    public int requireId(ObjectType type, String name) {
        int id = id(type, name);
        if (id < 0) {
            throw new MuJoCoException("the model has no " + type.name().toLowerCase(java.util.Locale.ROOT) + " named '" + name + "'");
        }
        return id;
    }

    /** The initial joint positions {@code qpos0}. */
    public double[] qpos0() {
        return array("mjModel.qpos0", nq);
    }

    /** Control range of actuator {@code i}: {low, high}; infinite if the actuator is not limited. */
    public double[] ctrlRange(int i) {
        MemorySegment limited = pointer("mjModel.actuator_ctrllimited", nu);
        if (limited.get(JAVA_BYTE, i) == 0) {
            return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        }
        MemorySegment range = pointer("mjModel.actuator_ctrlrange", 16L * nu);
        return new double[] {range.getAtIndex(JAVA_DOUBLE, 2L * i), range.getAtIndex(JAVA_DOUBLE, 2L * i + 1)};
    }

    private double[] array(String field, int n) {
        return pointer(field, 8L * n).toArray(JAVA_DOUBLE);
    }

    MemorySegment pointer(String field, long bytes) {
        return segment.get(ADDRESS, mj.offset(field)).reinterpret(bytes, arena, null);
    }

    void dataOpened() {
        openData.incrementAndGet();
    }

    void dataClosed() {
        openData.decrementAndGet();
    }

    /** Frees the model (once; later calls do nothing). */
    @Override
    public void close() {
        if (openData.get() > 0) {
            throw new IllegalStateException(openData.get() + " MjData of this model are still open; close them first");
        }
        if (closed.compareAndSet(false, true)) {
            arena.close();
        }
    }
}
