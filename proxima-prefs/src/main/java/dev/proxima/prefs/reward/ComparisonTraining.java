package dev.proxima.prefs.reward;

import dev.proxima.core.optim.Optimizer;
import dev.proxima.core.optim.Schedule;
import dev.proxima.core.random.Rng;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.policy.Training;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The training loop the learned judges share: mini-batches in a fresh random order every epoch;
 * Adam with global-norm clipping and decoupled weight decay ({@link Training#adam}); the step
 * size constant or decayed along a cosine to 0 over all steps. With a validation fraction, a
 * seeded part of the comparisons is held back, the loss on it is measured after every epoch, and
 * training ends with the weights of the epoch where it was lowest.
 */
final class ComparisonTraining {
    private ComparisonTraining() {}

    static TrainingLog fit(List<Tensor> parameters, List<Comparison> comparisons, JudgeTrainingConfig config, Rng rng,
                           BiFunction<Graph, List<Comparison>, Tensor> loss) {
        int epochs = config.epochs(), batchSize = config.batchSize();
        if (comparisons.isEmpty()) {
            throw new IllegalArgumentException("comparisons must not be empty");
        }
        int[][] split = split(comparisons.size(), config.validationFraction(), rng);
        int[] train = split[0];
        int validationSize = split[1].length;
        List<Comparison> validation = new ArrayList<>(validationSize);
        for (int i : split[1]) validation.add(comparisons.get(i));

        int stepsPerEpoch = (train.length + batchSize - 1) / batchSize;
        Schedule schedule = config.cosine() && epochs > 0 ? Schedule.cosine(config.learningRate(), 0, (long) epochs * stepsPerEpoch)
                : Schedule.constant(config.learningRate());
        Optimizer optimizer = Training.adam(parameters, schedule, config.maxGradNorm(), config.weightDecay());
        Graph g = new Graph(), inference = Graph.inference();
        double[] trainingLoss = new double[epochs], validationLoss = new double[validationSize > 0 ? epochs : 0];
        float[][] best = new float[parameters.size()][];
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = epochs - 1;
        List<Comparison> batch = new ArrayList<>(batchSize);
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(train, rng);
            double sum = 0;
            for (int from = 0; from < train.length; from += batchSize) {
                batch.clear();
                for (int i = from; i < Math.min(train.length, from + batchSize); i++) batch.add(comparisons.get(train[i]));
                g.reset();
                optimizer.zeroGrad();
                Tensor l = loss.apply(g, batch);
                g.backward(l);
                optimizer.step();
                sum += l.item() * batch.size();
            }
            trainingLoss[epoch] = sum / train.length;
            if (validationSize > 0) {
                validationLoss[epoch] = meanLoss(inference, validation, batchSize, loss);
                if (validationLoss[epoch] < bestLoss) {
                    bestLoss = validationLoss[epoch];
                    bestEpoch = epoch;
                    for (int p = 0; p < best.length; p++) best[p] = parameters.get(p).data.clone();
                }
            }
        }
        if (validationSize > 0 && epochs > 0) {
            for (int p = 0; p < best.length; p++) {
                System.arraycopy(best[p], 0, parameters.get(p).data, 0, best[p].length);
            }
        }
        return new TrainingLog(trainingLoss, validationLoss, bestEpoch, train.length, validationSize);
    }

    /** {training indices, validation indices}: a seeded permutation of 0..n−1 cut so the validation part is its last share. */
    static int[][] split(int n, double validationFraction, Rng rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        shuffle(order, rng);
        int validationSize = (int) Math.round(validationFraction * n);
        if (validationFraction > 0 && (validationSize < 1 || validationSize >= n)) {
            throw new IllegalArgumentException("validationFraction " + validationFraction + " of " + n
                    + " comparisons leaves " + validationSize + " for validation; need at least one on each side");
        }
        return new int[][] {java.util.Arrays.copyOf(order, n - validationSize),
                java.util.Arrays.copyOfRange(order, n - validationSize, n)};
    }

    static double meanLoss(Graph g, List<Comparison> data, int batchSize,
                                   BiFunction<Graph, List<Comparison>, Tensor> loss) {
        double sum = 0;
        for (int from = 0; from < data.size(); from += batchSize) {
            List<Comparison> part = data.subList(from, Math.min(data.size(), from + batchSize));
            g.reset();
            sum += loss.apply(g, part).item() * part.size();
        }
        return sum / data.size();
    }

    /** Fisher–Yates shuffle. */
    static void shuffle(int[] a, Rng rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
