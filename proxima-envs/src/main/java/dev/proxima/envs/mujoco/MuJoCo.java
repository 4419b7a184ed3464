package dev.proxima.envs.mujoco;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The MuJoCo library (Debian's {@code libmujoco2.2.2}) through Java's FFM API: the downcall
 * handles Proxima uses, the struct layout measured at build time from the installed headers, and
 * the error and warning handlers.
 *
 * <p>Engine errors are routed through a small C helper built with the project
 * ({@code src/main/c/mujoco_guard.c}): MuJoCo's error handler must not return, and a Java upcall
 * can neither return safely nor throw through the engine, so the helper jumps back to the guarded
 * call, which reports an error code that {@link MjData} turns into a {@link MuJoCoException}.
 * Warnings (which do return) go to a Java upcall and on to {@link #addWarningListener listeners}.
 *
 * <p>Loaded on first use. If the library or the helper is missing, or the library's version
 * differs from the headers the helper was built against, every use throws one
 * {@link MuJoCoException} saying what to install.
 */
public final class MuJoCo {
    /** What to install when MuJoCo is missing. */
    public static final String PACKAGES = "libmujoco2.2.2 libmujoco-dev";
    private static final String LIBRARY = "libmujoco.so.2.2.2";
    private static final String NATIVE_DIR = "/native/linux-x86_64/";

    private MuJoCo() {}

    /** Everything that needs the native libraries, created once by the holder idiom. */
    static final class Native {
        static final Native INSTANCE;
        static final MuJoCoException FAILURE;

        static {
            Native n = null;
            MuJoCoException failure = null;
            try {
                n = new Native();
            } catch (MuJoCoException e) {
                failure = e;
            } catch (RuntimeException | LinkageError e) {
                failure = new MuJoCoException("MuJoCo could not be loaded: " + e, e);
            }
            INSTANCE = n;
            FAILURE = failure;
        }

        final Properties layout;
        final int version;
        final MethodHandle defaultVfs, makeEmptyFileVfs, deleteVfs, loadXml, deleteModel, deleteData, resetData,
                name2id, step, forward, rnePostConstraint, makeData, lastError;

        private Native() {
            Linker linker = Linker.nativeLinker();
            SymbolLookup lib;
            try {
                lib = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
            } catch (IllegalArgumentException e) {
                throw new MuJoCoException("MuJoCo is not installed (" + LIBRARY + " not found); install the Debian "
                        + "packages " + PACKAGES + " (apt-get install " + PACKAGES + ")");
            }
            layout = loadLayout();
            SymbolLookup helper = SymbolLookup.libraryLookup(extractHelper(), Arena.global());
            MethodHandle mjVersion = linker.downcallHandle(lib.findOrThrow("mj_version"), FunctionDescriptor.of(JAVA_INT));
            try {
                version = (int) mjVersion.invokeExact();
            } catch (Throwable t) {
                throw new MuJoCoException("mj_version failed: " + t, t);
            }
            int header = Integer.parseInt(layout.getProperty("header"));
            if (version != header) {
                throw new MuJoCoException("MuJoCo library version " + version + " differs from the headers the helper was "
                        + "built against (" + header + "); rebuild Proxima against the installed " + PACKAGES);
            }
            defaultVfs = linker.downcallHandle(lib.findOrThrow("mj_defaultVFS"), FunctionDescriptor.ofVoid(ADDRESS));
            makeEmptyFileVfs = linker.downcallHandle(lib.findOrThrow("mj_makeEmptyFileVFS"),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
            deleteVfs = linker.downcallHandle(lib.findOrThrow("mj_deleteVFS"), FunctionDescriptor.ofVoid(ADDRESS));
            loadXml = linker.downcallHandle(lib.findOrThrow("mj_loadXML"),
                    FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
            deleteModel = linker.downcallHandle(lib.findOrThrow("mj_deleteModel"), FunctionDescriptor.ofVoid(ADDRESS));
            deleteData = linker.downcallHandle(lib.findOrThrow("mj_deleteData"), FunctionDescriptor.ofVoid(ADDRESS));
            resetData = linker.downcallHandle(lib.findOrThrow("mj_resetData"), FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
            name2id = linker.downcallHandle(lib.findOrThrow("mj_name2id"),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
            step = linker.downcallHandle(helper.findOrThrow("pxm_step"),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
            forward = linker.downcallHandle(helper.findOrThrow("pxm_forward"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
            rnePostConstraint = linker.downcallHandle(helper.findOrThrow("pxm_rne_post_constraint"),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
            makeData = linker.downcallHandle(helper.findOrThrow("pxm_make_data"), FunctionDescriptor.of(ADDRESS, ADDRESS));
            lastError = linker.downcallHandle(helper.findOrThrow("pxm_last_error"), FunctionDescriptor.of(ADDRESS));
            try {
                linker.downcallHandle(helper.findOrThrow("pxm_install_error_handler"), FunctionDescriptor.ofVoid()).invokeExact();
                MemorySegment stub = linker.upcallStub(MethodHandles.lookup().findStatic(MuJoCo.class, "onWarning",
                        MethodType.methodType(void.class, MemorySegment.class)), FunctionDescriptor.ofVoid(ADDRESS), Arena.global());
                lib.findOrThrow("mju_user_warning").reinterpret(ADDRESS.byteSize()).set(ADDRESS, 0, stub);
            } catch (Throwable t) {
                throw new MuJoCoException("installing MuJoCo's error and warning handlers failed: " + t, t);
            }
        }

        private static Properties loadLayout() {
            Properties p = new Properties();
            try (InputStream in = MuJoCo.class.getResourceAsStream(NATIVE_DIR + "mujoco-layout.properties")) {
                if (in == null) {
                    throw new MuJoCoException("the MuJoCo helper was not built into Proxima: the build needs gcc and the "
                            + "Debian packages " + PACKAGES + "; install them and rebuild");
                }
                p.load(in);
            } catch (IOException e) {
                throw new MuJoCoException("reading the MuJoCo struct layout failed: " + e, e);
            }
            return p;
        }

        /** Copies the helper library out of the classpath (it may be inside a jar) to a private temp file. */
        private static Path extractHelper() {
            try (InputStream in = MuJoCo.class.getResourceAsStream(NATIVE_DIR + "libproxima-mujoco.so")) {
                if (in == null) {
                    throw new MuJoCoException("the MuJoCo helper library is missing from Proxima's build; install gcc and "
                            + PACKAGES + " and rebuild");
                }
                Path dir = Files.createTempDirectory("proxima-mujoco");
                Path file = dir.resolve("libproxima-mujoco.so");
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                file.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                return file;
            } catch (IOException e) {
                throw new MuJoCoException("extracting the MuJoCo helper library failed: " + e, e);
            }
        }

        long offset(String key) {
            String v = layout.getProperty(key);
            if (v == null) {
                throw new IllegalStateException("no layout entry " + key);
            }
            return Long.parseLong(v);
        }

        String lastError() {
            try {
                return ((MemorySegment) lastError.invokeExact()).reinterpret(1024).getString(0);
            } catch (Throwable t) {
                return "unknown error (" + t + ")";
            }
        }
    }

    static Native get() {
        if (Native.FAILURE != null) {
            throw Native.FAILURE;
        }
        return Native.INSTANCE;
    }

    /** Whether MuJoCo can be used here (library and helper present, versions agree). */
    public static boolean available() {
        return Native.FAILURE == null;
    }

    /** The library's version number, e.g. 222 for 2.2.2. */
    public static int version() {
        return get().version;
    }

    private static final List<Consumer<String>> WARNING_LISTENERS = new CopyOnWriteArrayList<>();

    /** Receives MuJoCo's warnings (e.g. an unstable simulation), on the thread that caused them. */
    public static void addWarningListener(Consumer<String> listener) {
        WARNING_LISTENERS.add(listener);
    }

    public static void removeWarningListener(Consumer<String> listener) {
        WARNING_LISTENERS.remove(listener);
    }

    /** The warning upcall: returns normally, which MuJoCo allows for warnings. */
    private static void onWarning(MemorySegment message) {
        String text = message.reinterpret(1024).getString(0);
        for (Consumer<String> l : WARNING_LISTENERS) {
            try {
                l.accept(text);
            } catch (RuntimeException ignored) {
                // a listener's failure must not unwind into the engine
            }
        }
    }
}
