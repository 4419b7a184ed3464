package dev.proxima.prefs.srpo;

import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.PreferenceTask;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.PolicyLearner;
import dev.proxima.prefs.policy.Training;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * SRPO on sequence policies: one network is both the generator π(y|x) and the reviser
 * π†(y'|x, y), which reads a draft after the prompt (prompt, draft, separator token, then the
 * revision). The offline, reward-model-free loss ties both to the closed forms of the robust game.
 *
 * <p>Paper: Choi et al. (2024), "Self-Improving Robust Preference Optimization"; loss in the
 * arrangement of spec §2.17(a), whose tabular form and identities are
 * {@link dev.proxima.prefs.tabular.Srpo}.
 *
 * <pre>
 *   g(a)     = log π(a|x) − log π_ref(a|x),   h†(a|b) = log π†(a|x, b) − log π_ref(a|x, b)
 *   L_improve = (β[h†(y1|y2) − h†(y2|y2)] − (p − ½))² + (β[h†(y2|y1) − h†(y1|y1)] − (½ − p))²
 *   L_gen     = (β[g(y1) − g(y2)] + β[h†(y1|y2) − h†(y2|y1)] − (2p − 1))²
 *   L_α       = α·L_improve + (1 − α)·L_gen,    p = P(y1 ≻ y2 | x) or a 0/1 label
 * </pre>
 * The reference reviser is the reference network reading the same draft.
 */
public final class Srpo {
    private Srpo() {}

    /**
     * @param beta           β > 0 (ours: 0.1)
     * @param alpha          α ∈ [0, 1], the weight of the self-improvement term (ours: 0.5)
     * @param separatorToken the token between draft and revision (not a response token)
     * @param batchSize      pairs per optimiser step
     * @param learningRate   Adam step size (spec §0.2: 1e-3)
     * @param maxGradNorm    global gradient-norm clip (spec §0.2: 1.0)
     */
    public record Config(double beta, double alpha, int separatorToken, int batchSize, double learningRate,
                         double maxGradNorm) {
        public Config {
            if (!(beta > 0) || Double.isInfinite(beta)) {
                throw new IllegalArgumentException("beta must be a finite value > 0, was " + beta);
            }
            Checks.inClosed(alpha, 0, 1, "alpha");
            Checks.nonNegative(separatorToken, "separatorToken");
            Checks.positive(batchSize, "batchSize");
            Checks.positive(learningRate, "learningRate");
            Checks.positive(maxGradNorm, "maxGradNorm");
        }

        public static Config defaults(int separatorToken) {
            return new Config(0.1, 0.5, separatorToken, 32, 1e-3, 1.0);
        }
    }

    /** One preference: prompt id, the two responses and p = P(y1 ≻ y2). */
    public record Example(int prompt, int[] first, int[] second, double preference) {}

    /** The reviser's prompt: the task prompt, the draft, then the separator. */
    public static int[] revisionPrompt(int[] prompt, int[] draft, int separator) {
        int[] out = new int[prompt.length + draft.length + 1];
        System.arraycopy(prompt, 0, out, 0, prompt.length);
        System.arraycopy(draft, 0, out, prompt.length, draft.length);
        out[out.length - 1] = separator;
        return out;
    }

    /**
     * The reference's sequence log-probabilities of one example's six terms, in the order
     * log π_ref(y1|x), log π_ref(y2|x), log π_ref(y1|x, y2), log π_ref(y2|x, y2), log π_ref(y2|x, y1),
     * log π_ref(y1|x, y1). The reference is frozen, so a learner computes them once per example.
     */
    public static double[][] referenceTerms(Config c, TransformerPolicy reference, PreferenceTask task, List<Example> examples) {
        Terms terms = Terms.of(c, task, examples);
        double[] generator = reference.sequenceLogProbabilities(terms.generator(reference.contextLength()));
        double[] reviser = reference.sequenceLogProbabilities(terms.reviser(reference.contextLength()));
        int n = examples.size();
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new double[] {generator[i], generator[n + i], reviser[i], reviser[n + i], reviser[2 * n + i], reviser[3 * n + i]};
        }
        return out;
    }

    /** L_α averaged over the examples, on {@code g}, with the reference evaluated on the spot. */
    public static Tensor loss(Graph g, Config c, TransformerPolicy policy, TransformerPolicy reference, PreferenceTask task,
                              List<Example> examples) {
        return loss(g, c, policy, task, examples, referenceTerms(c, reference, task, examples));
    }

    /** L_α averaged over the examples, on {@code g}; {@code reference[i]} holds example i's {@link #referenceTerms}. */
    public static Tensor loss(Graph g, Config c, TransformerPolicy policy, PreferenceTask task, List<Example> examples,
                              double[][] reference) {
        int n = examples.size();
        Terms terms = Terms.of(c, task, examples);
        // Two passes, one per prompt shape: [y1; y2] after the prompt, and [y1; y2; y2; y1] after the drafts y2, y2, y1, y1.
        Tensor generator = policy.sequenceLogProbabilities(g, terms.generator(policy.contextLength()));
        Tensor reviser = policy.sequenceLogProbabilities(g, terms.reviser(policy.contextLength()));
        float[] pHalf = new float[n], halfP = new float[n], twoP = new float[n];
        for (int i = 0; i < n; i++) {
            double p = examples.get(i).preference();
            pHalf[i] = (float) (p - 0.5);
            halfP[i] = (float) (0.5 - p);
            twoP[i] = (float) (2 * p - 1);
        }
        Tensor g1 = logRatio(g, generator, 0, n, reference, 0), g2 = logRatio(g, generator, 1, n, reference, 1);
        Tensor h12 = logRatio(g, reviser, 0, n, reference, 2), h22 = logRatio(g, reviser, 1, n, reference, 3);
        Tensor h21 = logRatio(g, reviser, 2, n, reference, 4), h11 = logRatio(g, reviser, 3, n, reference, 5);
        float beta = (float) c.beta();
        Tensor improveA = g.sub(g.scale(g.sub(h12, h22), beta), g.constant(pHalf, 0, n, 1));
        Tensor improveB = g.sub(g.scale(g.sub(h21, h11), beta), g.constant(halfP, 0, n, 1));
        Tensor improve = g.add(g.square(improveA), g.square(improveB));
        Tensor gen = g.square(g.sub(g.add(g.scale(g.sub(g1, g2), beta), g.scale(g.sub(h12, h21), beta)),
                g.constant(twoP, 0, n, 1)));
        return g.mean(g.add(g.scale(improve, (float) c.alpha()), g.scale(gen, (float) (1 - c.alpha()))));
    }

    /** Block {@code block} (n rows) of the stacked policy log-probabilities minus the reference's term {@code term}. */
    private static Tensor logRatio(Graph g, Tensor stacked, int block, int n, double[][] reference, int term) {
        float[] select = new float[n * stacked.rows];
        float[] ref = new float[n];
        for (int i = 0; i < n; i++) {
            select[i * stacked.rows + block * n + i] = 1f;
            ref[i] = (float) reference[i][term];
        }
        return g.sub(g.matmul(g.constant(select, 0, n, stacked.rows), stacked), g.constant(ref, 0, n, 1));
    }

    /** The prompts and responses of the loss's six terms, grouped by prompt shape. */
    private record Terms(List<int[]> prompts, List<int[]> responses, List<int[]> drafts, List<int[]> revisions) {
        static Terms of(Config c, PreferenceTask task, List<Example> examples) {
            int n = examples.size();
            List<int[]> prompts = new ArrayList<>(2 * n), responses = new ArrayList<>(2 * n);
            List<int[]> drafts = new ArrayList<>(4 * n), revisions = new ArrayList<>(4 * n);
            List<int[]> after1 = new ArrayList<>(n), after2 = new ArrayList<>(n);
            for (Example e : examples) {
                int[] x = task.prompt(e.prompt());
                after1.add(revisionPrompt(x, e.first(), c.separatorToken()));
                after2.add(revisionPrompt(x, e.second(), c.separatorToken()));
            }
            for (int i = 0; i < n; i++) prompts.add(task.prompt(examples.get(i).prompt()));
            for (int i = 0; i < n; i++) prompts.add(task.prompt(examples.get(i).prompt()));
            for (Example e : examples) responses.add(e.first());
            for (Example e : examples) responses.add(e.second());
            drafts.addAll(after2);
            drafts.addAll(after2);
            drafts.addAll(after1);
            drafts.addAll(after1);
            for (Example e : examples) revisions.add(e.first());
            for (Example e : examples) revisions.add(e.second());
            for (Example e : examples) revisions.add(e.second());
            for (Example e : examples) revisions.add(e.first());
            return new Terms(prompts, responses, drafts, revisions);
        }

        SequenceBatch generator(int contextLength) {
            return SequenceBatch.of(prompts, responses, contextLength);
        }

        SequenceBatch reviser(int contextLength) {
            return SequenceBatch.of(drafts, revisions, contextLength);
        }
    }

    /** Offline training over a dataset: shuffled minibatches, epoch after epoch. */
    public static final class Learner extends PolicyLearner {
        /** Examples per reference pass when the learner caches the reference's terms (bounds the pass's memory). */
        private static final int REFERENCE_CHUNK = 256;
        private final Config config;
        private final PreferenceTask task;
        private final List<Example> data;
        private final double[][] referenceTerms;
        private final Training.Minibatches minibatches;

        public Learner(Config config, TransformerPolicy policy, TransformerPolicy reference, PreferenceTask task,
                       List<Example> data, long seed) {
            super(policy, reference, 0, seed, config.learningRate(), config.maxGradNorm());
            boolean[] allowed = policy.allowedTokens();
            if (config.separatorToken() >= allowed.length || allowed[config.separatorToken()]) {
                throw new IllegalArgumentException("separatorToken " + config.separatorToken()
                        + " must be a vocabulary token that responses cannot contain");
            }
            this.config = config;
            this.task = task;
            this.data = List.copyOf(data);
            this.referenceTerms = new double[this.data.size()][];
            for (int from = 0; from < this.data.size(); from += REFERENCE_CHUNK) {
                List<Example> chunk = this.data.subList(from, Math.min(from + REFERENCE_CHUNK, this.data.size()));
                double[][] terms = referenceTerms(config, reference, task, chunk);
                System.arraycopy(terms, 0, referenceTerms, from, terms.length);
            }
            this.minibatches = new Training.Minibatches(data.size(), rng);
        }

        /** One optimiser step on the next minibatch; returns its loss. */
        public double step() {
            int size = Math.min(config.batchSize(), data.size());
            List<Example> batch = new ArrayList<>(size);
            double[][] batchReference = new double[size][];
            for (int i = 0; i < size; i++) {
                int index = minibatches.next();
                batch.add(data.get(index));
                batchReference[i] = referenceTerms[index];
            }
            return descend(g -> loss(g, config, policy, task, batch, batchReference));
        }
    }

    /**
     * The revision win-rate E_x E_{y~π(·|x)} E_{y'~π†(·|x, y)} P(y' ≻ y|x), estimated from
     * {@code draftsPerPrompt} drafts and one revision each for every prompt (temperature 1).
     */
    public static double revisionWinRate(TransformerPolicy policy, PreferenceTask task, int separator, int draftsPerPrompt,
                                         Rng rng) {
        double total = 0;
        for (int x = 0; x < task.promptCount(); x++) {
            List<int[]> prompts = new ArrayList<>(draftsPerPrompt);
            for (int i = 0; i < draftsPerPrompt; i++) prompts.add(task.prompt(x));
            SequenceBatch drafts = policy.generate(prompts, task.responseLength(), TokenSampling.standard(), rng);
            List<int[]> revise = new ArrayList<>(draftsPerPrompt);
            for (int i = 0; i < draftsPerPrompt; i++) revise.add(revisionPrompt(task.prompt(x), drafts.response(i), separator));
            SequenceBatch revisions = policy.generate(revise, task.responseLength(), TokenSampling.standard(), rng);
            for (int i = 0; i < draftsPerPrompt; i++) {
                total += task.preference(x, revisions.response(i), drafts.response(i));
            }
        }
        return total / (task.promptCount() * (double) draftsPerPrompt);
    }
}
