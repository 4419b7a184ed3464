package dev.proxima.prefs.srpo;

import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.optim.Optimizer;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.PreferenceTask;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import dev.proxima.prefs.policy.SequenceBatch;
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

    /** L_α averaged over the examples, on {@code g}. */
    public static Tensor loss(Graph g, Config c, TransformerPolicy policy, TransformerPolicy reference, PreferenceTask task,
                              List<Example> examples) {
        int n = examples.size();
        List<int[]> prompts = new ArrayList<>(n), y1 = new ArrayList<>(n), y2 = new ArrayList<>(n);
        List<int[]> after1 = new ArrayList<>(n), after2 = new ArrayList<>(n);
        float[] pHalf = new float[n], halfP = new float[n], twoP = new float[n];
        for (int i = 0; i < n; i++) {
            Example e = examples.get(i);
            int[] x = task.prompt(e.prompt());
            prompts.add(x);
            y1.add(e.first());
            y2.add(e.second());
            after1.add(revisionPrompt(x, e.first(), c.separatorToken()));
            after2.add(revisionPrompt(x, e.second(), c.separatorToken()));
            pHalf[i] = (float) (e.preference() - 0.5);
            halfP[i] = (float) (0.5 - e.preference());
            twoP[i] = (float) (2 * e.preference() - 1);
        }
        Tensor g1 = logRatio(g, policy, reference, prompts, y1), g2 = logRatio(g, policy, reference, prompts, y2);
        Tensor h12 = logRatio(g, policy, reference, after2, y1), h22 = logRatio(g, policy, reference, after2, y2);
        Tensor h21 = logRatio(g, policy, reference, after1, y2), h11 = logRatio(g, policy, reference, after1, y1);
        float beta = (float) c.beta();
        Tensor improveA = g.sub(g.scale(g.sub(h12, h22), beta), g.constant(pHalf, 0, n, 1));
        Tensor improveB = g.sub(g.scale(g.sub(h21, h11), beta), g.constant(halfP, 0, n, 1));
        Tensor improve = g.add(g.square(improveA), g.square(improveB));
        Tensor gen = g.square(g.sub(g.add(g.scale(g.sub(g1, g2), beta), g.scale(g.sub(h12, h21), beta)),
                g.constant(twoP, 0, n, 1)));
        return g.mean(g.add(g.scale(improve, (float) c.alpha()), g.scale(gen, (float) (1 - c.alpha()))));
    }

    private static Tensor logRatio(Graph g, TransformerPolicy policy, TransformerPolicy reference, List<int[]> prompts,
                                   List<int[]> responses) {
        SequenceBatch batch = SequenceBatch.of(prompts, responses, policy.contextLength());
        double[] ref = reference.sequenceLogProbabilities(batch);
        float[] refF = new float[ref.length];
        for (int i = 0; i < ref.length; i++) refF[i] = (float) ref[i];
        return g.sub(policy.sequenceLogProbabilities(g, batch), g.constant(refF, 0, refF.length, 1));
    }

    /** Offline training over a dataset: shuffled minibatches, epoch after epoch. */
    public static final class Learner {
        private final Config config;
        private final TransformerPolicy policy, reference;
        private final PreferenceTask task;
        private final List<Example> data;
        private final Rng rng;
        private final Optimizer optimizer;
        private final Graph graph = new Graph();
        private final Training.Minibatches minibatches;

        public Learner(Config config, TransformerPolicy policy, TransformerPolicy reference, PreferenceTask task,
                       List<Example> data, long seed) {
            boolean[] allowed = policy.allowedTokens();
            if (config.separatorToken() >= allowed.length || allowed[config.separatorToken()]) {
                throw new IllegalArgumentException("separatorToken " + config.separatorToken()
                        + " must be a vocabulary token that responses cannot contain");
            }
            this.config = config;
            this.policy = policy;
            this.reference = reference;
            this.task = task;
            this.data = List.copyOf(data);
            this.rng = Rng.of(seed);
            this.optimizer = Training.adam(policy.model().parameters(), config.learningRate(), config.maxGradNorm());
            this.minibatches = new Training.Minibatches(data.size(), rng);
        }

        /** One optimiser step on the next minibatch; returns its loss. */
        public double step() {
            List<Example> batch = new ArrayList<>(config.batchSize());
            for (int i = 0; i < Math.min(config.batchSize(), data.size()); i++) batch.add(data.get(minibatches.next()));
            graph.reset();
            optimizer.zeroGrad();
            Tensor loss = loss(graph, config, policy, reference, task, batch);
            graph.backward(loss);
            optimizer.step();
            return loss.item();
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
