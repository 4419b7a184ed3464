package dev.proxima.core.env.wrappers;

import dev.proxima.core.io.StateDict;
import dev.proxima.core.io.Stateful;
import dev.proxima.core.util.Checks;
import java.util.Arrays;

/**
 * Running per-feature mean and (population) variance, merged batch by batch with the parallel
 * update of Chan, Golub and LeVeque (1979), the same arithmetic as Gymnasium's
 * {@code RunningMeanStd}, so normalized values match Gymnasium-trained policies.
 *
 * <p>As in Gymnasium, the count starts at {@code 1e-4} rather than 0 with mean 0 and variance 1:
 * the first update then lands almost exactly on the first sample without a division by zero.
 *
 * <p>Not thread-safe.
 */
public final class RunningMeanStd implements Stateful {
    /** Gymnasium's initial count: a tiny prior weight on mean 0, variance 1. */
    public static final double INITIAL_COUNT = 1e-4;

    private final double[] mean;
    private final double[] var;
    private double count;

    /** Statistics of {@code size} features, starting from mean 0, variance 1, count 1e-4. */
    public RunningMeanStd(int size) {
        Checks.positive(size, "size");
        mean = new double[size];
        var = new double[size];
        Arrays.fill(var, 1.0);
        count = INITIAL_COUNT;
    }

    public int size() {
        return mean.length;
    }

    public double mean(int feature) {
        return mean[feature];
    }

    public double var(int feature) {
        return var[feature];
    }

    public double count() {
        return count;
    }

    /** A copy of the means. */
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the variances. */
    public double[] var() {
        return var.clone();
    }

    /** Merges one sample (a batch of size 1 with zero variance). */
    public void update(float[] sample) {
        requireSize(sample.length, "sample");
        double total = count + 1;
        for (int i = 0; i < mean.length; i++) {
            mergeFeature(i, sample[i], 0.0, 1, total);
        }
        count = total;
    }

    /** Merges one sample (a batch of size 1 with zero variance). */
    public void update(double[] sample) {
        requireSize(sample.length, "sample");
        double total = count + 1;
        for (int i = 0; i < mean.length; i++) {
            mergeFeature(i, sample[i], 0.0, 1, total);
        }
        count = total;
    }

    /** Merges one sample of a single-feature statistic (e.g. a return). */
    public void update(double sample) {
        requireSize(1, "sample");
        double total = count + 1;
        mergeFeature(0, sample, 0.0, 1, total);
        count = total;
    }

    /** Merges a batch summarized by its per-feature mean, population variance and size. */
    public void updateFromMoments(double[] batchMean, double[] batchVar, long batchCount) {
        requireSize(batchMean.length, "batchMean");
        requireSize(batchVar.length, "batchVar");
        Checks.positive(batchCount, "batchCount");
        double total = count + batchCount;
        for (int i = 0; i < mean.length; i++) {
            mergeFeature(i, batchMean[i], batchVar[i], batchCount, total);
        }
        count = total;
    }

    /** Gymnasium's update_mean_var_count_from_moments for one feature, in its order of operations. */
    private void mergeFeature(int i, double batchMean, double batchVar, double batchCount, double total) {
        double delta = batchMean - mean[i];
        mean[i] = mean[i] + delta * batchCount / total;
        double sumSqOld = var[i] * count;
        double sumSqBatch = batchVar * batchCount;
        double m2 = sumSqOld + sumSqBatch + delta * delta * count * batchCount / total;
        var[i] = m2 / total;
    }

    /** Replaces these statistics by a copy of {@code other}'s, e.g. to evaluate with a trained policy's. */
    public void copyFrom(RunningMeanStd other) {
        requireSize(other.mean.length, "other statistics");
        System.arraycopy(other.mean, 0, mean, 0, mean.length);
        System.arraycopy(other.var, 0, var, 0, var.length);
        count = other.count;
    }

    /** An independent copy. */
    public RunningMeanStd copy() {
        RunningMeanStd copy = new RunningMeanStd(mean.length);
        copy.copyFrom(this);
        return copy;
    }

    @Override
    public void saveState(StateDict out, String prefix) {
        out.putDoubles(prefix + "mean", mean);
        out.putDoubles(prefix + "var", var);
        out.putDoubles(prefix + "count", new double[] {count});
    }

    @Override
    public void loadState(StateDict in, String prefix) {
        double[] loadedMean = in.doubles(prefix + "mean");
        double[] loadedVar = in.doubles(prefix + "var");
        requireSize(loadedMean.length, "state '" + prefix + "mean'");
        requireSize(loadedVar.length, "state '" + prefix + "var'");
        System.arraycopy(loadedMean, 0, mean, 0, mean.length);
        System.arraycopy(loadedVar, 0, var, 0, var.length);
        count = in.doubles(prefix + "count")[0];
    }

    private void requireSize(int length, String what) {
        if (length != mean.length) {
            throw new IllegalArgumentException(what + " has " + length + " features but these statistics track "
                    + mean.length);
        }
    }
}
