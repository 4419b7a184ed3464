package dev.proxima.envs.bandit;

import dev.proxima.core.bandit.BanditProblem;
import dev.proxima.core.bandit.Context;
import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;

/**
 * The synthetic recommender of spec §4(b), after Online Matching's offline part: C cluster
 * centroids in ℝ^dim (unit-norm Gaussian), J items with per-edge click-through rates
 * {@code θ*_jc ~ U(0, 0.3)} plus {@code U(0.2, 0.6)} on 2 distinct random clusters per item
 * (clipped to 0.95). Each request is a fresh random unit user vector; its context is the K clusters
 * of highest cosine similarity with weights {@code softmax(cos / 0.5)} over those K (zero
 * elsewhere), and item j is clicked with probability {@code ⟨w_u, θ*_j⟩}.
 */
public final class ClusterRecommender implements BanditProblem {
    private final int clusters;
    private final int items;
    private final int topK;
    private final int embedding;
    private final double[][] centroids;
    private final double[][] ctr;

    /**
     * @param clusters  C (spec: 20; scale test 100)
     * @param items     J (spec: 40; scale test 200)
     * @param topK      K clusters per user (spec: 1 or 3)
     * @param embedding dimension of user and centroid vectors (spec: 8)
     * @param instance  generator of centroids and click-through rates
     */
    public ClusterRecommender(int clusters, int items, int topK, int embedding, Rng instance) {
        this.clusters = Checks.positive(clusters, "clusters");
        this.items = Checks.positive(items, "items");
        this.embedding = Checks.positive(embedding, "embedding");
        if (topK <= 0 || topK > clusters) {
            throw new IllegalArgumentException("topK must be in [1, clusters = " + clusters + "], was " + topK);
        }
        this.topK = topK;
        this.centroids = new double[clusters][];
        for (int c = 0; c < clusters; c++) centroids[c] = RandomVectors.unit(instance, embedding);
        this.ctr = new double[items][clusters];
        for (int j = 0; j < items; j++) {
            for (int c = 0; c < clusters; c++) ctr[j][c] = 0.3 * instance.nextDouble();
            int first = instance.nextInt(clusters);
            int second = clusters == 1 ? first : (first + 1 + instance.nextInt(clusters - 1)) % clusters;
            for (int c : new int[] {first, second}) ctr[j][c] = Math.min(0.95, ctr[j][c] + 0.2 + 0.4 * instance.nextDouble());
        }
    }

    /** Spec §4(b): C 20, J 40, embedding 8. */
    public static ClusterRecommender standard(int topK, Rng instance) {
        return new ClusterRecommender(20, 40, topK, 8, instance);
    }


    @Override
    public String name() {
        return "cluster-recommender";
    }

    @Override
    public int numActions() {
        return items;
    }

    @Override
    public int contextDimension() {
        return clusters;
    }

    @Override
    public Context nextContext(Rng rng) {
        double[] user = RandomVectors.unit(rng, embedding);
        double[] cos = new double[clusters];
        for (int c = 0; c < clusters; c++) {
            double s = 0;
            for (int i = 0; i < embedding; i++) s += user[i] * centroids[c][i];
            cos[c] = s;
        }
        int[] top = new int[topK];
        boolean[] taken = new boolean[clusters];
        for (int k = 0; k < topK; k++) {
            int best = -1;
            for (int c = 0; c < clusters; c++) {
                if (!taken[c] && (best < 0 || cos[c] > cos[best])) {
                    best = c;
                }
            }
            taken[best] = true;
            top[k] = best;
        }
        double[] w = new double[clusters];
        double max = cos[top[0]], sum = 0;
        for (int c : top) {
            w[c] = Math.exp((cos[c] - max) / 0.5);
            sum += w[c];
        }
        for (int c : top) w[c] /= sum;
        return Context.of(w);
    }

    @Override
    public double reward(Context x, int action, Rng rng) {
        return rng.nextDouble() < expectedReward(x, action) ? 1 : 0;
    }

    @Override
    public double expectedReward(Context x, int action) {
        return x.dot(ctr[action], 0);
    }
}
