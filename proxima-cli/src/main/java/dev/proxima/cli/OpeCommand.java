package dev.proxima.cli;

import dev.proxima.bandits.ope.DecisionLog;
import dev.proxima.bandits.ope.Estimate;
import dev.proxima.bandits.ope.LoggedDecision;
import dev.proxima.bandits.ope.OffPolicyEstimators;
import dev.proxima.bandits.ope.RidgeRewardModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ope", mixinStandardHelpOptions = true,
        description = "Off-policy evaluation of a target policy on logged decisions (JSON Lines): IPS, SNIPS, direct "
                + "method and doubly robust, with 95% intervals.")
final class OpeCommand implements Callable<Integer> {
    @Option(names = "--log", description = "logged decisions, JSON Lines (e.g. from proxima bandit --log-out)")
    Path log;

    @Option(names = "--service-log", description = "the --data folder of a proxima serve instance: evaluates its event log")
    Path serviceLog;

    @Option(names = "--features", description = "hashed feature buckets of the service (default: ${DEFAULT-VALUE})",
            defaultValue = "64")
    int features;

    @Option(names = "--dsjson-out", description = "with --service-log: also export the joined decisions as VW DSJSON lines")
    Path dsjsonOut;

    @Option(names = "--target-policy", required = true,
            description = "uniform, action:K (always action K), or greedy-model[:EPSILON] (argmax of a ridge reward "
                    + "model fitted on the first half of the log, mixed with EPSILON uniform; default 0.1)")
    String target;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if ((log == null) == (serviceLog == null)) {
            throw new UsageException("ope: give exactly one of --log FILE or --service-log DIR");
        }
        List<LoggedDecision> all;
        try {
            if (log != null) {
                all = DecisionLog.read(log);
            } else {
                var joined = dev.proxima.serve.ServiceLog.read(serviceLog);
                if (dsjsonOut != null) {
                    dev.proxima.serve.ServiceLog.exportDsJson(joined, dsjsonOut);
                }
                all = dev.proxima.serve.ServiceLog.forEvaluation(joined, features);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException((log != null ? "--log: " : "--service-log: ") + e.getMessage(), e);
        }
        Path source = log != null ? log : serviceLog;
        if (all.size() < 2) {
            throw new UsageException("--log: " + source + " holds " + all.size() + " rewarded decisions; allowed: at least 2");
        }
        int actions = all.get(0).numActions(), dim = all.get(0).context().length;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).numActions() != actions || all.get(i).context().length != dim) {
                throw new UsageException("--log: decision " + (i + 1) + " has " + all.get(i).numActions() + " actions and "
                        + all.get(i).context().length + " context features, but the first has " + actions + " and " + dim);
            }
        }
        // Cross-fitting: models are fitted on the first half and estimates computed on the second,
        // so the reward model is independent of the data it corrects.
        List<LoggedDecision> fit = all.subList(0, all.size() / 2), eval = all.subList(all.size() / 2, all.size());
        RidgeRewardModel model = RidgeRewardModel.fit(fit, 1.0);
        OffPolicyEstimators.Target pi = target(target, actions, model);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("log", source.toString());
        r.put("target_policy", target);
        r.put("decisions_evaluated", eval.size());
        r.put("logged_policy_value", eval.stream().mapToDouble(LoggedDecision::reward).average().orElseThrow());
        for (Estimate e : List.of(OffPolicyEstimators.ips(eval, pi), OffPolicyEstimators.snips(eval, pi),
                OffPolicyEstimators.directMethod(eval, pi, model), OffPolicyEstimators.doublyRobust(eval, pi, model))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", e.value());
            m.put("std_error", e.stdError());
            m.put("ci95", List.of((Object) e.lower(), e.upper()));
            r.put(e.estimator(), m);
            if (!json) {
                Streams.err().printf(Locale.ROOT, "ope: %-5s %.4f ± %.4f  [%.4f, %.4f]%n", e.estimator(), e.value(),
                        e.stdError(), e.lower(), e.upper());
            }
        }
        if (json) {
            JsonOut.print(r);
        }
        return 0;
    }

    static OffPolicyEstimators.Target target(String spec, int actions, RidgeRewardModel model) {
        if (spec.equals("uniform")) {
            double[] u = new double[actions];
            Arrays.fill(u, 1.0 / actions);
            return x -> u;
        }
        if (spec.startsWith("action:")) {
            int k;
            try {
                k = Integer.parseInt(spec.substring(7));
            } catch (NumberFormatException e) {
                throw new UsageException("--target-policy: '" + spec + "' is not allowed; allowed: action:K with K an integer");
            }
            if (k < 0 || k >= actions) {
                throw new UsageException("--target-policy: action " + k + " is outside [0, " + actions + ")");
            }
            double[] p = new double[actions];
            p[k] = 1;
            return x -> p;
        }
        if (spec.equals("greedy-model") || spec.startsWith("greedy-model:")) {
            double eps = spec.contains(":") ? parseEpsilon(spec.substring(spec.indexOf(':') + 1)) : 0.1;
            return x -> {
                double[] p = new double[actions];
                int best = 0;
                for (int a = 1; a < actions; a++) {
                    if (model.predict(x, a) > model.predict(x, best)) {
                        best = a;
                    }
                }
                Arrays.fill(p, eps / actions);
                p[best] += 1 - eps;
                return p;
            };
        }
        throw new UsageException("--target-policy: '" + spec + "' is not allowed; allowed: uniform, action:K, "
                + "greedy-model[:EPSILON]");
    }

    private static double parseEpsilon(String raw) {
        try {
            double e = Double.parseDouble(raw);
            if (e >= 0 && e <= 1) {
                return e;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--target-policy: epsilon '" + raw + "' is not allowed; allowed: a number in [0, 1]");
    }
}
