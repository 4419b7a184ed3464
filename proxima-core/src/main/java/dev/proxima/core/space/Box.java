package dev.proxima.core.space;

import dev.proxima.core.random.Rng;
import java.util.Arrays;

/**
 * A float32 box {@code low <= x <= high} (Gymnasium's {@code Box}), flattened to one dimension.
 * Infinite bounds are allowed; sampling follows Gymnasium: uniform on bounded dimensions,
 * exponential on half-bounded ones and standard normal on unbounded ones.
 */
public final class Box implements Space<float[]> {
    private final float[] low;
    private final float[] high;

    public Box(float[] low, float[] high) {
        if (low.length != high.length || low.length == 0) {
            throw new IllegalArgumentException("Box low and high must have the same non-zero length, were "
                    + low.length + " and " + high.length);
        }
        for (int i = 0; i < low.length; i++) {
            if (Float.isNaN(low[i]) || Float.isNaN(high[i]) || low[i] > high[i]) {
                throw new IllegalArgumentException("Box bound " + i + " must satisfy low <= high, was ["
                        + low[i] + ", " + high[i] + "]");
            }
        }
        this.low = low.clone();
        this.high = high.clone();
    }

    /** A box with the same bounds on every one of {@code size} dimensions. */
    public static Box uniform(float low, float high, int size) {
        float[] lo = new float[size];
        float[] hi = new float[size];
        Arrays.fill(lo, low);
        Arrays.fill(hi, high);
        return new Box(lo, hi);
    }

    public float low(int i) {
        return low[i];
    }

    public float high(int i) {
        return high[i];
    }

    public float[] low() {
        return low.clone();
    }

    public float[] high() {
        return high.clone();
    }

    public boolean isBounded() {
        for (int i = 0; i < low.length; i++) {
            if (Float.isInfinite(low[i]) || Float.isInfinite(high[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public float[] sample(Rng rng) {
        float[] x = new float[low.length];
        for (int i = 0; i < x.length; i++) {
            boolean lowFinite = !Float.isInfinite(low[i]);
            boolean highFinite = !Float.isInfinite(high[i]);
            if (lowFinite && highFinite) {
                x[i] = (float) rng.uniform(low[i], high[i]);
                if (x[i] > high[i]) {
                    x[i] = high[i];
                }
            } else if (lowFinite) {
                x[i] = (float) (low[i] - Math.log1p(-rng.nextDouble()));
            } else if (highFinite) {
                x[i] = (float) (high[i] + Math.log1p(-rng.nextDouble()));
            } else {
                x[i] = (float) rng.nextGaussian();
            }
        }
        return x;
    }

    @Override
    public boolean contains(float[] value) {
        if (value == null || value.length != low.length) {
            return false;
        }
        for (int i = 0; i < value.length; i++) {
            if (!(value[i] >= low[i] && value[i] <= high[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int flatSize() {
        return low.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return "Box(low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + ")";
    }
}
