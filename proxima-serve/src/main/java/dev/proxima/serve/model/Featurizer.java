package dev.proxima.serve.model;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a request's JSON context into a sparse feature vector by the hashing trick (Weinberger
 * et al. 2009): every numeric leaf {@code a.b = x} contributes x to bucket hash("a.b"), every
 * string leaf {@code a.b = "s"} contributes 1 to bucket hash("a.b=s"), booleans count as 0/1, and
 * a constant bias feature sits in bucket 0. Keys are visited in sorted order so the same context
 * always gives the same vector.
 */
public final class Featurizer {
    private final int buckets;

    /** @param buckets number of hashed features, including the bias bucket (≥ 2) */
    public Featurizer(int buckets) {
        if (buckets < 2) {
            throw new IllegalArgumentException("buckets must be >= 2, was " + buckets);
        }
        this.buckets = buckets;
    }

    public int dimension() {
        return buckets;
    }

    /** The feature vector of a parsed JSON context (an object, or null for none). */
    public SparseVector featurize(Object context) {
        TreeMap<Integer, Double> acc = new TreeMap<>();
        acc.put(0, 1.0);
        if (context != null) {
            visit("", context, acc);
        }
        int[] idx = new int[acc.size()];
        double[] val = new double[acc.size()];
        int k = 0;
        for (var e : acc.entrySet()) {
            idx[k] = e.getKey();
            val[k++] = e.getValue();
        }
        return new SparseVector(idx, val);
    }

    @SuppressWarnings("unchecked")
    private void visit(String path, Object v, TreeMap<Integer, Double> acc) {
        switch (v) {
            case Map<?, ?> m -> new TreeMap<>((Map<String, Object>) m).forEach((k, x) ->
                    visit(path.isEmpty() ? k : path + "." + k, x, acc));
            case List<?> l -> {
                for (int i = 0; i < l.size(); i++) visit(path + "[" + i + "]", l.get(i), acc);
            }
            case Number n -> acc.merge(bucket(path), n.doubleValue(), Double::sum);
            case Boolean b -> acc.merge(bucket(path), b ? 1.0 : 0.0, Double::sum);
            case String s -> acc.merge(bucket(path + "=" + s), 1.0, Double::sum);
            default -> { } // null leaves carry no information
        }
    }

    /** FNV-1a over UTF-8, mapped to buckets 1 .. buckets−1 (0 is the bias). */
    int bucket(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return 1 + (int) Long.remainderUnsigned(h, buckets - 1);
    }
}
