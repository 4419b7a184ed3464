package dev.proxima.core.io;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Named arrays that make up a saved state (network weights, optimizer moments, generator
 * states, environment states), in insertion order. Written to disk as safetensors: float32
 * arrays as F32, doubles as F64 and longs as I64.
 */
public final class StateDict {
    private final Map<String, Object> arrays = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();

    public StateDict putFloats(String name, float[] data, int... shape) {
        return put(name, data.clone(), data.length, shape);
    }

    public StateDict putDoubles(String name, double[] data, int... shape) {
        return put(name, data.clone(), data.length, shape);
    }

    public StateDict putLongs(String name, long[] data, int... shape) {
        return put(name, data.clone(), data.length, shape);
    }

    private StateDict put(String name, Object data, int length, int[] shape) {
        int[] s = shape.length == 0 ? new int[] {length} : shape.clone();
        long n = 1;
        for (int d : s) {
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException("state '" + name + "': shape " + Arrays.toString(s)
                    + " holds " + n + " values but " + length + " were given");
        }
        if (arrays.containsKey(name)) {
            throw new IllegalArgumentException("state '" + name + "' is already present");
        }
        arrays.put(name, data);
        shapes.put(name, s);
        return this;
    }

    public boolean contains(String name) {
        return arrays.containsKey(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(arrays.keySet());
    }

    public int[] shape(String name) {
        require(name);
        return shapes.get(name).clone();
    }

    /** The raw array (float[], double[] or long[]); callers must not modify it. */
    public Object raw(String name) {
        require(name);
        return arrays.get(name);
    }

    public float[] floats(String name) {
        return typed(name, float[].class, "F32").clone();
    }

    public double[] doubles(String name) {
        return typed(name, double[].class, "F64").clone();
    }

    public long[] longs(String name) {
        return typed(name, long[].class, "I64").clone();
    }

    /** Copies the named float array into {@code target}, checking that the lengths agree. */
    public void copyFloatsInto(String name, float[] target) {
        float[] src = typed(name, float[].class, "F32");
        if (src.length != target.length) {
            throw new IllegalArgumentException("state '" + name + "' has " + src.length
                    + " values but the model expects " + target.length);
        }
        System.arraycopy(src, 0, target, 0, src.length);
    }

    private <T> T typed(String name, Class<T> type, String dtype) {
        require(name);
        Object a = arrays.get(name);
        if (!type.isInstance(a)) {
            throw new IllegalArgumentException("state '" + name + "' is not of dtype " + dtype);
        }
        return type.cast(a);
    }

    private void require(String name) {
        if (!arrays.containsKey(name)) {
            throw new IllegalArgumentException("state '" + name + "' is missing (present: "
                    + (arrays.size() > 8 ? arrays.size() + " entries" : arrays.keySet()) + ")");
        }
    }
}
