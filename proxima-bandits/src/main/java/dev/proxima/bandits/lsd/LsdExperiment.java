package dev.proxima.bandits.lsd;

import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard LSD experiment of spec seeds-control §5(b)–(c), returned as plain records for a
 * command line or a report to print.
 *
 * <p>For every instance it computes the LP bound, the exact optimum, the rounding policy's
 * long-run average and greedy's; then, for every online horizon, the phased learner, the
 * full-information rounding policy and state-blind UCB1 on Bernoulli rewards.
 *
 * <h2>Seeds</h2>
 * <ul>
 *   <li>instance j: {@code LsdInstances.generate(firstSeed + j, arms, tauMax)} (spec: seeds 0–14);</li>
 *   <li>its rounding run: {@code Rng.of(roundingSeedBase + j)} (spec: 1000 + instance index);</li>
 *   <li>its online runs: {@code Rng.of(onlineSeedBase + j)}, split into one stream per policy and
 *       purpose (our choice, 2000 + index; the spec fixes no online seed).</li>
 * </ul>
 * Every average is of expected rewards (the mean of the arm in the state it was pulled in), so the
 * numbers carry no Bernoulli noise of their own; the online learner still only sees 0/1 rewards.
 *
 * <p>Deterministic: the same config gives bit-identical results.
 */
public final class LsdExperiment {
    private LsdExperiment() {}

    /**
     * What to run.
     *
     * @param instances        number of random instances (spec: 15)
     * @param firstSeed        generator seed of instance 0 (spec: 0)
     * @param arms             arms per instance (spec: 3)
     * @param tauMax           τ_max (spec: 3)
     * @param roundingHorizon  rounds of the full-information rounding run (spec: 50 000)
     * @param roundingSeedBase rounding stream of instance j is seeded roundingSeedBase + j (spec: 1000)
     * @param onlineHorizons   online horizons T, possibly none (spec: 2·10⁴ and 2·10⁵)
     * @param onlineSeedBase   online streams of instance j come from onlineSeedBase + j (our choice: 2000)
     * @param lp               LP settings (spec defaults)
     * @param optimum          exact-solver settings (spec defaults)
     * @param phased           online learner settings (spec defaults)
     */
    public record Config(int instances, long firstSeed, int arms, int tauMax, long roundingHorizon,
                         long roundingSeedBase, List<Long> onlineHorizons, long onlineSeedBase,
                         BlockLp.Config lp, LsdOptimum.Config optimum, PhasedLsd.Config phased) {
        public Config {
            Checks.positive(instances, "instances");
            Checks.positive(arms, "arms");
            Checks.positive(tauMax, "tauMax");
            Checks.positive(roundingHorizon, "roundingHorizon");
            Checks.require(onlineHorizons != null, "onlineHorizons must not be null (use an empty list)");
            onlineHorizons = List.copyOf(onlineHorizons);
            for (long t : onlineHorizons) Checks.positive(t, "onlineHorizons element");
            Checks.require(lp != null && optimum != null && phased != null, "lp, optimum and phased must not be null");
        }

        /** Spec §5(b): 15 instances, k = 3, τ_max = 3, rounding over 50 000 rounds, online T ∈ {2·10⁴, 2·10⁵}. */
        public static Config standard() {
            return new Config(LsdInstances.STANDARD_COUNT, 0, LsdInstances.STANDARD_ARMS,
                    LsdInstances.STANDARD_TAU_MAX, 50_000, 1_000, List.of(20_000L, 200_000L), 2_000,
                    BlockLp.Config.defaults(), LsdOptimum.Config.defaults(), PhasedLsd.Config.defaults());
        }

        public Config withInstances(int instances) {
            return new Config(instances, firstSeed, arms, tauMax, roundingHorizon, roundingSeedBase,
                    onlineHorizons, onlineSeedBase, lp, optimum, phased);
        }

        public Config withOnlineHorizons(List<Long> horizons) {
            return new Config(instances, firstSeed, arms, tauMax, roundingHorizon, roundingSeedBase,
                    horizons, onlineSeedBase, lp, optimum, phased);
        }
    }

    /**
     * Offline figures of one instance.
     *
     * @param index           instance index j
     * @param seed            its generator seed
     * @param lpValue         the block-LP value (upper bound)
     * @param optimum         the exact optimal long-run average
     * @param rounding        the rounding policy's average over the rounding horizon
     * @param greedy          greedy myopic play's exact long-run average
     * @param reachableStates joint states reachable from the all-rested start
     */
    public record InstanceResult(int index, long seed, double lpValue, double optimum, double rounding,
                                 double greedy, int reachableStates) {
        public double roundingRatio() {
            return rounding / optimum;
        }

        public double greedyRatio() {
            return greedy / optimum;
        }
    }

    /**
     * Online figures of one instance at one horizon; all are average expected reward per round.
     *
     * @param index             instance index j
     * @param horizon           rounds T
     * @param fullInformation   the rounding policy planned on the true means
     * @param phased            the phased explore-then-commit learner
     * @param ucb1              state-blind UCB1
     * @param explorationRounds rounds the phased learner spent force-sampling
     */
    public record OnlineResult(int index, long horizon, double fullInformation, double phased, double ucb1,
                               long explorationRounds) {
        /** Average-reward gap to the full-information policy (the α-regret per round). */
        public double gap() {
            return fullInformation - phased;
        }
    }

    /** Everything one run produced, with the summaries the acceptance checks read. */
    public record Report(Config config, List<InstanceResult> instances, List<OnlineResult> online) {
        public Report {
            instances = List.copyOf(instances);
            online = List.copyOf(online);
        }

        public double minRoundingRatio() {
            return instances.stream().mapToDouble(InstanceResult::roundingRatio).min().orElse(Double.NaN);
        }

        public double meanRoundingRatio() {
            return instances.stream().mapToDouble(InstanceResult::roundingRatio).average().orElse(Double.NaN);
        }

        /** The online results at one horizon, in instance order. */
        public List<OnlineResult> onlineAt(long horizon) {
            return online.stream().filter(r -> r.horizon() == horizon).toList();
        }

        public double meanGap(long horizon) {
            return onlineAt(horizon).stream().mapToDouble(OnlineResult::gap).average().orElse(Double.NaN);
        }

        public double maxGap(long horizon) {
            return onlineAt(horizon).stream().mapToDouble(OnlineResult::gap).max().orElse(Double.NaN);
        }

        /** Instances on which the phased learner's average beats UCB1's at {@code horizon}. */
        public long phasedBeatsUcb1(long horizon) {
            return onlineAt(horizon).stream().filter(r -> r.phased() > r.ucb1()).count();
        }
    }

    /** Runs the experiment described by {@code config}. */
    public static Report run(Config config) {
        List<InstanceResult> offline = new ArrayList<>();
        List<OnlineResult> online = new ArrayList<>();
        for (int j = 0; j < config.instances(); j++) {
            long seed = config.firstSeed() + j;
            LsdModel model = LsdInstances.generate(seed, config.arms(), config.tauMax());
            offline.add(offline(j, seed, model, config));
            for (long horizon : config.onlineHorizons()) online.add(online(j, model, horizon, config));
        }
        return new Report(config, offline, online);
    }

    /** LP bound, exact optimum, rounding and greedy for one instance. */
    public static InstanceResult offline(int index, long seed, LsdModel model, Config config) {
        BlockLp.Solution plan = BlockLp.solve(model, config.lp());
        LsdOptimum.Result optimum = LsdOptimum.solve(model, config.optimum());
        double rounding = VirtualScheduleRounding.averageReward(model, plan, config.roundingHorizon(),
                Rng.of(config.roundingSeedBase() + index));
        return new InstanceResult(index, seed, plan.value(), optimum.gain(), rounding,
                LsdBaselines.greedyAverage(model), optimum.reachableStates());
    }

    /** Full-information rounding, the phased learner and UCB1 on one instance for {@code horizon} rounds. */
    public static OnlineResult online(int index, LsdModel model, long horizon, Config config) {
        Rng root = Rng.of(config.onlineSeedBase() + index);
        Rng fullInformationSchedules = root.split();
        Rng phasedRewards = root.split();
        Rng phasedSchedules = root.split();
        Rng ucbRewards = root.split();
        double fullInformation = VirtualScheduleRounding.averageReward(model, BlockLp.solve(model, config.lp()),
                horizon, fullInformationSchedules);
        LsdBandit learnerBandit = new LsdBandit(model, phasedRewards);
        PhasedLsd.Result learned = PhasedLsd.run(learnerBandit, horizon, config.phased(), phasedSchedules);
        LsdBandit ucbBandit = new LsdBandit(model, ucbRewards);
        LsdBaselines.ucb1(ucbBandit, horizon);
        return new OnlineResult(index, horizon, fullInformation, learnerBandit.expectedAverage(),
                ucbBandit.expectedAverage(), learned.explorationRounds());
    }
}
