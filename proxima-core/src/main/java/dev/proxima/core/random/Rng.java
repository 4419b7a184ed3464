package dev.proxima.core.random;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Seeded, splittable pseudo-random stream whose whole state can be saved and restored.
 *
 * <p>Algorithm: xoshiro256++ (Blackman and Vigna, "Scrambled linear pseudorandom number
 * generators", 2021) seeded through SplitMix64, the seeding procedure its authors recommend.
 * We use our own generator rather than {@code RandomGeneratorFactory} because checkpoints must
 * capture the exact stream position to make resumed runs bit-identical.
 *
 * <p>{@link #split()} derives an independent child stream from four outputs of this one, so a
 * run seeded once hands a distinct stream to every component (policy sampling, each env, ...).
 *
 * <p>Not thread-safe: give every thread its own stream through {@link #split()}.
 */
public final class Rng implements RandomGenerator {
    private long s0, s1, s2, s3;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    private Rng(long s0, long s1, long s2, long s3) {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        if ((s0 | s1 | s2 | s3) == 0) {
            this.s0 = 0x9E3779B97F4A7C15L; // the all-zero state is a fixed point of xoshiro
        }
    }

    /** A stream fully determined by {@code seed}. */
    public static Rng of(long seed) {
        long[] x = {seed};
        return new Rng(splitMix(x), splitMix(x), splitMix(x), splitMix(x));
    }

    private static long splitMix(long[] x) {
        long z = (x[0] += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** An independent child stream; advances this stream by four outputs. */
    public Rng split() {
        long[] x = {nextLong()};
        long a = splitMix(x) ^ nextLong();
        long b = splitMix(x) ^ nextLong();
        long c = splitMix(x) ^ nextLong();
        return new Rng(a, b, c, splitMix(x));
    }

    @Override
    public long nextLong() {
        long result = Long.rotateLeft(s0 + s3, 23) + s0;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /**
     * Standard normal by the Marsaglia polar method; the spare value is part of the saved state,
     * so save/restore keeps the stream exact.
     */
    @Override
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * m;
        hasSpareGaussian = true;
        return u * m;
    }

    /** Uniform integer in [0, bound) without modulo bias. */
    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        long r = nextLong() >>> 33; // 31 bits
        long m = r * bound;
        int l = (int) (m & 0x7FFFFFFFL);
        if (l < bound) {
            long threshold = (0x80000000L - bound) % bound;
            while (l < threshold) {
                r = nextLong() >>> 33;
                m = r * bound;
                l = (int) (m & 0x7FFFFFFFL);
            }
        }
        return (int) (m >>> 31);
    }

    /** The full state: four xoshiro words, the spare-Gaussian flag and its value's bits. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3, hasSpareGaussian ? 1 : 0, Double.doubleToRawLongBits(spareGaussian)};
    }

    /** Restores a state produced by {@link #state()}. */
    public void restore(long[] state) {
        if (state == null || state.length != 6) {
            throw new IllegalArgumentException("rng state must have 6 words, was "
                    + (state == null ? "null" : Arrays.toString(state)));
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
        hasSpareGaussian = state[4] != 0;
        spareGaussian = Double.longBitsToDouble(state[5]);
    }
}
