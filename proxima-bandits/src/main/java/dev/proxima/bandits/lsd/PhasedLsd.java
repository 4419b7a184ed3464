package dev.proxima.bandits.lsd;

import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;
import java.util.Arrays;

/**
 * Online learning for LSD bandits with unknown means: phased explore-then-commit around the block
 * LP and its rounding.
 *
 * <p>Paper: Foussoul, Goyal, Papadigenopoulos, Zeevi (2023), "Last Switch Dependent Bandits with
 * Monotone Payoff Functions", NeurIPS 2023. The abstract only promises sublinear regret relative
 * to the full-information algorithm; this phased scheme is <b>a reconstruction</b> (spec
 * seeds-control §5(a), "Online learning adaptation"), with constants of the spec's choosing.
 *
 * <h2>Loop (phase p = 0, 1, 2, …)</h2>
 * <pre>
 *   ℓ_p = min(2^p·T₀, rounds left)
 *   n_p = ⌈c·ℓ_p^e⌉                       samples wanted per (arm, state) pair in this phase
 *   explore for at most ρ·ℓ_p rounds until every pair has n_p fresh samples
 *   μ̂(i, τ) = mean of the phase's samples of (i, τ)   if it has ≥ n_p of them,
 *             the previous estimate                     otherwise (μ₀ before any)
 *   solve the block LP on μ̂; run its rounding policy (conflicts settled by μ̂) to the phase end
 * </pre>
 *
 * <h2>Implementation details</h2>
 * <ol>
 *   <li>Each phase estimates afresh from its own samples, the classic doubling-trick form of
 *       explore-then-commit; rewards seen while committing are not used.</li>
 *   <li>The phase length is the cut length for the last phase, so n_p and the exploration cap
 *       shrink with it (the spec only says the last phase is cut at T).</li>
 *   <li>Exploration chases one target pair at a time, the one furthest short of n_p. Idle state −b
 *       is reached by resting the arm (playing another) until it has been idle b rounds; play state
 *       q by pulling the arm q times in a row from rest. Every exploration pull is a sample of the
 *       pair it was made in, so the rests feed the other arms' counts too; the arm played while
 *       resting is the one whose current pair is furthest short (the spec says round-robin).</li>
 *   <li>With one arm there is nothing to choose and no state but the next can be reached, so
 *       there is no exploration: the estimates stay μ₀ and the arm is simply played.</li>
 * </ol>
 *
 * <p>Not thread-safe: one instance per run.
 *
 * <pre>{@code
 * LsdBandit bandit = new LsdBandit(LsdInstances.standard(0), Rng.of(1));
 * PhasedLsd.run(bandit, 200_000, PhasedLsd.Config.defaults(), Rng.of(2));
 * double average = bandit.expectedAverage();
 * }</pre>
 */
public final class PhasedLsd {

    // ── 1. Hyperparameters ───────────────────────────────────────────────────

    /**
     * Phased explore-then-commit settings; defaults from spec §5(a) ("our choice" there, none is
     * from the paper).
     *
     * @param initialPhaseLength T₀, rounds in phase 0; ℓ_p = 2^p·T₀ (spec: 2 000)
     * @param sampleScale        c in n_p = ⌈c·ℓ_p^e⌉; &gt; 0 (spec: 0.1, because about 3 rounds are
     *                           spent per sample and c = 1 would exceed the phase below ℓ ≈ 10⁵)
     * @param sampleExponent     e in n_p = ⌈c·ℓ_p^e⌉; in (0, 1] (spec: 2/3, the Õ(T^{2/3}) schedule)
     * @param explorationCap     ρ, largest share of a phase spent exploring; in (0, 1] (spec: 0.5)
     * @param priorMean          μ₀, estimate of a pair never sampled enough; in [0, 1] (spec: 0.5)
     * @param lp                 the relaxation solved on the estimates (spec: {@link BlockLp.Config#defaults()})
     */
    public record Config(long initialPhaseLength, double sampleScale, double sampleExponent,
                         double explorationCap, double priorMean, BlockLp.Config lp) {
        public Config {
            Checks.positive(initialPhaseLength, "initialPhaseLength");
            Checks.positive(sampleScale, "sampleScale");
            Checks.inHalfOpen(sampleExponent, 0, 1, "sampleExponent");
            Checks.inHalfOpen(explorationCap, 0, 1, "explorationCap");
            Checks.inClosed(priorMean, 0, 1, "priorMean");
            Checks.require(lp != null, "lp must not be null");
        }

        /** Spec §5(a): T₀ 2 000, n_p = ⌈0.1·ℓ_p^{2/3}⌉, exploration ≤ 50 % of a phase, μ₀ = 0.5. */
        public static Config defaults() {
            return new Config(2_000, 0.1, 2.0 / 3.0, 0.5, 0.5, BlockLp.Config.defaults());
        }

        /** Samples wanted per pair in a phase of {@code length} rounds. */
        public int samplesPerPair(long length) {
            // Math.pow(8000, 2/3) is 400.00000000000006; without the allowance ⌈·⌉ would add a sample.
            return (int) Math.ceil(sampleScale * Math.pow(length, sampleExponent) - 1e-9);
        }
    }

    /**
     * What a run did; the rewards themselves are in the bandit.
     *
     * @param phases            phases started
     * @param explorationRounds rounds spent force-sampling, over all phases
     * @param estimates         the means the last phase planned with
     */
    public record Result(int phases, long explorationRounds, LsdModel estimates) {}

    private final LsdBandit bandit;
    private final Config config;
    private final int tauMax;
    private final double[][] estimate;   // [arm][pair], pair = τ_max + τ for τ < 0, τ_max + τ − 1 for τ > 0
    private final long[][] count;
    private final double[][] sum;
    private long explorationRounds;

    private PhasedLsd(LsdBandit bandit, Config config) {
        this.bandit = bandit;
        this.config = config;
        this.tauMax = bandit.tauMax();
        int k = bandit.arms();
        this.estimate = new double[k][2 * tauMax];
        for (double[] row : estimate) Arrays.fill(row, config.priorMean());
        this.count = new long[k][2 * tauMax];
        this.sum = new double[k][2 * tauMax];
    }

    // ── 2. The run, top to bottom ────────────────────────────────────────────

    /**
     * Plays {@code horizon} rounds on {@code bandit}, which must be fresh; {@code rng} draws the
     * virtual schedules of the rounding (one child stream per phase).
     */
    public static Result run(LsdBandit bandit, long horizon, Config config, Rng rng) {
        Checks.positive(horizon, "horizon");
        Checks.require(bandit.rounds() == 0, "the bandit has already been played " + bandit.rounds() + " rounds");
        PhasedLsd learner = new PhasedLsd(bandit, config);
        LsdModel beliefs = learner.beliefs();
        int phase = 0;
        long start = 0;
        while (start < horizon) {
            long length = Math.min(nominalLength(config.initialPhaseLength(), phase), horizon - start);
            long end = start + length;
            int needed = config.samplesPerPair(length);
            // With one arm there is no choice to learn, and no state but the next one can be reached.
            if (bandit.arms() > 1) learner.explore(start + (long) Math.floor(config.explorationCap() * length), needed);
            learner.updateEstimates(needed);
            beliefs = learner.beliefs();
            BlockLp.Solution plan = BlockLp.solve(beliefs, config.lp());
            VirtualScheduleRounding policy = new VirtualScheduleRounding(beliefs, plan, rng.split());
            while (bandit.rounds() < end) bandit.pull(policy.step(bandit.states()));
            start = end;
            phase++;
        }
        return new Result(phase, learner.explorationRounds, beliefs);
    }

    // ── 3. Forced sampling ───────────────────────────────────────────────────

    /** Explores until every pair has {@code needed} samples in this phase, or until round {@code until}. */
    private void explore(long until, int needed) {
        for (long[] row : count) Arrays.fill(row, 0);
        for (double[] row : sum) Arrays.fill(row, 0);
        int targetArm = -1, targetPair = -1;
        while (bandit.rounds() < until) {
            if (targetArm < 0 || count[targetArm][targetPair] >= needed) {
                int[] target = furthestShort(needed);
                if (target == null) return;
                targetArm = target[0];
                targetPair = target[1];
            }
            int arm = steer(targetArm, stateOf(targetPair));
            int pair = pairOf(bandit.state(arm));
            sum[arm][pair] += bandit.pull(arm);
            count[arm][pair]++;
            explorationRounds++;
        }
    }

    /** The pull that brings {@code arm} closer to being played in state {@code goal}, or plays it there. */
    private int steer(int arm, int goal) {
        int now = bandit.state(arm);
        if (goal < 0) {
            // At −b, or idle longer than b (only a pull restarts the count): pull; otherwise keep resting.
            return now < 0 && -now >= -goal ? arm : restingPull(arm);
        }
        // Inside a run no longer than q: pull on. Past q: rest once to restart. Idle: start a run.
        return now > goal ? restingPull(arm) : arm;
    }

    /** The arm played while {@code resting} rests (needs ≥ 2 arms): the other one whose pair is furthest short. */
    private int restingPull(int resting) {
        int best = -1;
        long fewest = Long.MAX_VALUE;
        for (int j = 0; j < bandit.arms(); j++) {
            if (j == resting) continue;
            long c = count[j][pairOf(bandit.state(j))];
            if (c < fewest) {
                fewest = c;
                best = j;
            }
        }
        return best;
    }

    private int[] furthestShort(int needed) {
        int[] best = null;
        long fewest = needed;
        for (int i = 0; i < count.length; i++) {
            for (int p = 0; p < 2 * tauMax; p++) {
                if (count[i][p] < fewest) {
                    fewest = count[i][p];
                    best = new int[] {i, p};
                }
            }
        }
        return best;
    }

    // ── 4. Estimates ─────────────────────────────────────────────────────────

    private void updateEstimates(int needed) {
        for (int i = 0; i < estimate.length; i++) {
            for (int p = 0; p < 2 * tauMax; p++) {
                if (count[i][p] >= needed) estimate[i][p] = sum[i][p] / count[i][p];
            }
        }
    }

    private LsdModel beliefs() {
        double[][] idle = new double[estimate.length][tauMax];
        double[][] play = new double[estimate.length][tauMax];
        for (int i = 0; i < estimate.length; i++) {
            for (int b = 1; b <= tauMax; b++) idle[i][b - 1] = estimate[i][pairOf(-b)];
            for (int q = 1; q <= tauMax; q++) play[i][q - 1] = estimate[i][pairOf(q)];
        }
        return LsdModel.of(idle, play);
    }

    /** 2^phase·T₀, saturating instead of overflowing (the horizon cuts such a phase anyway). */
    private static long nominalLength(long initial, int phase) {
        return phase < 62 && initial <= (Long.MAX_VALUE >> phase) ? initial << phase : Long.MAX_VALUE;
    }

    private int pairOf(int state) {
        return state < 0 ? tauMax + state : tauMax + state - 1;
    }

    private int stateOf(int pair) {
        return pair < tauMax ? pair - tauMax : pair - tauMax + 1;
    }
}
