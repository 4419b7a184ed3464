package dev.proxima.envs.games;

import dev.proxima.core.game.Game;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds games by name: {@code Games.make("leduc")}. The registry is a fixed table in code, in the
 * order of {@link #names()}; an unknown name fails with the list of known ones.
 */
public final class Games {
    private static final Map<String, Supplier<Game>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put(KuhnPoker.NAME, KuhnPoker::new);
        FACTORIES.put(LeducPoker.NAME, LeducPoker::new);
        FACTORIES.put("rps", MatrixGame::rps);
        FACTORIES.put("biased-rps", MatrixGame::biasedRps);
        FACTORIES.put("matching-pennies", MatrixGame::matchingPennies);
        for (String name : TinyHanabi.presetNames()) {
            FACTORIES.put(name, () -> TinyHanabi.preset(name));
        }
        FACTORIES.put(TicTacToe.NAME, TicTacToe::new);
    }

    private Games() {}

    /** The registered names, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** The game registered as {@code name}. Games are immutable, so a preset instance may be shared. */
    public static Game make(String name) {
        Supplier<Game> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown game '" + name + "'; allowed: " + String.join(", ", names()));
        }
        return factory.get();
    }
}
