package dev.proxima.cli;

import dev.proxima.core.game.Game;
import dev.proxima.core.game.State;
import dev.proxima.core.random.Rng;
import dev.proxima.core.util.Checks;
import dev.proxima.games.search.DecisionTimeSearch;
import dev.proxima.games.search.UpdateRule;
import dev.proxima.games.tree.Blueprints;
import dev.proxima.games.tree.GameTree;
import dev.proxima.games.tree.TabularPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Decision-time search (update equivalence) at the state reached by a history of actions: "
                + "mirror descent (md), magnetic mirror descent (mmd) or greedy best response against a blueprint.")
final class SearchCommand implements Callable<Integer> {
    @Option(names = "--game", required = true, description = "game name, e.g. kuhn, tiny-hanabi-b")
    String game;

    @Option(names = "--history", description = "comma-separated actions from the initial state, chance outcomes "
            + "included (default: empty)", defaultValue = "")
    String history;

    @Option(names = "--rule", description = "md, mmd or greedy (default: ${DEFAULT-VALUE})", defaultValue = "mmd")
    String rule;

    @Option(names = "--blueprint", description = "uniform or dirichlet:SEED (default: ${DEFAULT-VALUE})",
            defaultValue = "uniform")
    String blueprint;

    @Option(names = "--samples", description = "sampled histories with one rollout each; 0 for exact beliefs and "
            + "values (default: ${DEFAULT-VALUE})", defaultValue = "0")
    int samples;

    @Option(names = "--seed", description = "seed of the sampled search (default: ${DEFAULT-VALUE})", defaultValue = "1")
    String seed;

    @Option(names = "--set", description = "stepSize=η, magnetWeight=α (defaults 0.5 and 0.5)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    /**
     * @param stepSize     η > 0 of the search update (spec §3(c): 0.5)
     * @param magnetWeight α ≥ 0 of MMD search; the magnet is the blueprint (spec §3(c): 0.5)
     */
    record Settings(double stepSize, double magnetWeight) {
        Settings {
            Checks.positive(stepSize, "stepSize");
            Checks.nonNegative(magnetWeight, "magnetWeight");
        }
    }

    @Override
    public Integer call() {
        Game g = SolveCommand.makeGame(game);
        Settings s = RecordOverrides.apply(new Settings(0.5, 0.5), sets, "search");
        if (samples < 0) {
            throw new UsageException("--samples: '" + samples + "' is not allowed; allowed: 0 (exact) or a positive count");
        }
        UpdateRule u = switch (rule) {
            case "md" -> UpdateRule.mirrorDescent(s.stepSize());
            case "mmd" -> UpdateRule.magneticMirrorDescent(s.stepSize(), s.magnetWeight());
            case "greedy" -> UpdateRule.greedy();
            default -> throw new UsageException("--rule: unknown rule '" + rule + "'; allowed: md, mmd, greedy");
        };
        State state = replay(g, history);
        GameTree tree = GameTree.of(g);
        TabularPolicy bp = blueprint(tree, blueprint);
        int player = state.currentPlayer();
        String key = state.informationStateKey(player);
        DecisionTimeSearch search = new DecisionTimeSearch(g, (st, p) -> Blueprints.lookup(bp, st, p));
        double[] pi = Blueprints.lookup(bp, state, player);
        double[] q = samples == 0 ? search.exactActionValues(player, key)
                : search.sampledActionValues(player, key, samples, Rng.of(Parse.seed(seed)));
        double[] searched = u.apply(pi, q, pi);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("game", game);
        r.put("player", player);
        r.put("information_state", key);
        r.put("legal_actions", Arrays.stream(state.legalActions()).boxed().map(a -> (Object) a).toList());
        r.put("blueprint", list(pi));
        r.put("action_values", list(q));
        r.put("search_policy", list(searched));
        if (json) {
            JsonOut.print(r);
        } else {
            Streams.err().printf(Locale.ROOT, "search: player %d at '%s': blueprint %s, q %s -> %s%n", player, key,
                    Arrays.toString(pi), Arrays.toString(q), Arrays.toString(searched));
        }
        return 0;
    }

    /** Replays comma-separated actions from the initial state, checking each is legal. */
    static State replay(Game g, String history) {
        State s = g.initialState();
        List<Integer> done = new ArrayList<>();
        if (!history.isBlank()) {
            String[] parts = history.split(",");
            for (int i = 0; i < parts.length; i++) {
                int action;
                try {
                    action = Integer.parseInt(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new UsageException("--history: '" + parts[i].trim() + "' at position " + i
                            + " is not an action number; allowed: comma-separated integers");
                }
                int[] legal = s.legalActions();
                if (Arrays.binarySearch(legal, action) < 0) {
                    throw new UsageException("--history: action " + action + " at position " + i + " is not legal after "
                            + done + "; allowed: " + (s.isTerminal() ? "nothing (the game is over)" : Arrays.toString(legal)));
                }
                s = s.child(action);
                done.add(action);
            }
        }
        if (s.isTerminal() || s.isChance()) {
            throw new UsageException("--history: " + done + " ends at a " + (s.isTerminal() ? "terminal" : "chance")
                    + " node; allowed: a history ending where a player acts");
        }
        return s;
    }

    private static TabularPolicy blueprint(GameTree tree, String spec) {
        if (spec.equals("uniform")) {
            return TabularPolicy.uniform(tree);
        }
        if (spec.startsWith("dirichlet:")) {
            return Blueprints.dirichlet(tree, Rng.of(Parse.seed(spec.substring("dirichlet:".length()))));
        }
        throw new UsageException("--blueprint: '" + spec + "' is not allowed; allowed: uniform, dirichlet:SEED");
    }

    private static List<Object> list(double[] v) {
        List<Object> l = new ArrayList<>();
        for (double x : v) l.add(x);
        return l;
    }
}
