package dev.proxima.core.tensor;

/** Chooses the kernels once per JVM; the Vector API class is loaded only when its module exists. */
final class KernelSelection {
    static final Kernels SELECTED = select();

    private KernelSelection() {}

    private static Kernels select() {
        String forced = System.getProperty("proxima.kernels", "auto");
        if (forced.equals("scalar")) {
            return ScalarKernels.INSTANCE;
        }
        if (!forced.equals("auto") && !forced.equals("vector")) {
            throw new IllegalArgumentException("proxima.kernels must be auto, vector or scalar, was '" + forced + "'");
        }
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!present) {
            if (forced.equals("vector")) {
                throw new IllegalStateException("proxima.kernels=vector needs the JVM flag --add-modules jdk.incubator.vector");
            }
            return ScalarKernels.INSTANCE;
        }
        try {
            return (Kernels) Class.forName("dev.proxima.core.tensor.VectorKernels").getDeclaredField("INSTANCE").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            if (forced.equals("vector")) {
                throw new IllegalStateException("Vector API kernels failed to load", e);
            }
            return ScalarKernels.INSTANCE;
        }
    }
}
