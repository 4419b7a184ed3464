package dev.proxima.serve.model;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-action mean reward, ignoring the context: the "ε-greedy" serving learner (the service adds
 * the ε exploration). Statistics per action: fixed-point count and reward sum; unseen actions
 * score 0.
 */
public final class FixedPointMeans implements ServingLearner {
    private final Map<String, long[]> sums = new ConcurrentHashMap<>();

    @Override
    public String describe() {
        return "epsilon-greedy(means)";
    }

    @Override
    public double score(String action, SparseVector w) {
        long[] s = sums.get(action);
        return s == null || s[0] == 0 ? 0 : (double) s[1] / s[0];
    }

    @Override
    public synchronized void update(String action, SparseVector w, double reward) {
        long[] s = sums.getOrDefault(action, new long[2]).clone();
        s[0] = Math.addExact(s[0], ServingLearner.toFixed(1));
        s[1] = Math.addExact(s[1], ServingLearner.toFixed(reward));
        sums.put(action, s);
    }

    @Override
    public synchronized Map<String, long[][]> statistics() {
        Map<String, long[][]> out = new TreeMap<>();
        sums.forEach((k, v) -> out.put(k, new long[][] {v.clone()}));
        return out;
    }

    @Override
    public synchronized void restore(Map<String, long[][]> statistics) {
        sums.clear();
        statistics.forEach((k, v) -> sums.put(k, v[0].clone()));
    }

    @Override
    public int actions() {
        return sums.size();
    }
}
