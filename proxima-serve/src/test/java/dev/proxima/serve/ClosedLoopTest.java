package dev.proxima.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.bandits.Experiment;
import dev.proxima.bandits.ope.Estimate;
import dev.proxima.bandits.ope.LoggedDecision;
import dev.proxima.bandits.ope.OffPolicyEstimators;
import dev.proxima.bandits.ope.RidgeRewardModel;
import dev.proxima.bandits.policy.Uniform;
import dev.proxima.core.random.Rng;
import dev.proxima.envs.bandit.ClassificationBandit;
import dev.proxima.envs.bandit.Datasets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closed loop on real data (iris from Debian's weka): simulated users rank through the service and
 * reward the true class. The service's average reward must rise above uniform random's (1/3)
 * within the first 1,000 requests and stay there; then off-policy evaluation of the uniform policy
 * on the service's own log must cover uniform's value measured by actually running it.
 */
class ClosedLoopTest {
    @TempDir
    Path dir;

    @Test
    void learnsOnRealDataAndItsLogSupportsOffPolicyEvaluation() throws Exception {
        Datasets.Dataset iris = Datasets.load("iris");
        ServeConfig config = ServeConfig.defaults(dir, "0123456789abcdef0123456789abcdef");
        List<DecisionService.Action> actions = new ArrayList<>();
        for (String c : iris.classes()) actions.add(new DecisionService.Action(c, null));
        Rng users = Rng.of(5);
        int n = 4000;
        double[] rewards = new double[n];
        try (DecisionService service = new DecisionService(config, () -> 0L)) {
            for (int t = 0; t < n; t++) {
                int i = users.nextInt(iris.size());
                Map<String, Object> context = new LinkedHashMap<>();
                for (int j = 0; j < iris.numFeatures() - 1; j++) context.put("x" + j, iris.features()[i][j]);
                var r = service.rank(new DecisionService.RankRequest(null, context, actions)).get();
                rewards[t] = r.action().equals(iris.classes().get(iris.labels()[i])) ? 1 : 0;
                service.reward(r.eventId(), rewards[t]).get();
            }
        }
        double first = mean(rewards, 0, 1000), last = mean(rewards, n - 1000, n);
        assertTrue(first > 1.0 / 3 + 0.1, "first 1,000 requests: " + first);
        assertTrue(last > 1.0 / 3 + 0.1, "last 1,000 requests: " + last);

        List<LoggedDecision> log = ServiceLog.forEvaluation(ServiceLog.read(dir), config.features());
        List<LoggedDecision> fit = log.subList(0, log.size() / 2), eval = log.subList(log.size() / 2, log.size());
        OffPolicyEstimators.Target uniform = x -> new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3};
        double measured = Experiment.run(new ClassificationBandit(iris), new Uniform(3), 20_000, 6).averageReward();
        Estimate ips = OffPolicyEstimators.ips(eval, uniform);
        Estimate dr = OffPolicyEstimators.doublyRobust(eval, uniform, RidgeRewardModel.fit(fit, 1.0));
        String report = String.format("measured %.4f, ips %.4f [%.4f, %.4f], dr %.4f [%.4f, %.4f]", measured,
                ips.value(), ips.lower(), ips.upper(), dr.value(), dr.lower(), dr.upper());
        System.out.println("service average reward first 1,000 " + first + ", last 1,000 " + last + "; " + report);
        assertTrue(ips.covers(measured), report);
        assertTrue(dr.covers(measured), report);
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[i];
        return s / (to - from);
    }
}
