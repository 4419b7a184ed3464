package dev.proxima.envs.games;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.proxima.core.game.Game;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GamesTest {
    static List<String> names() {
        return Games.names();
    }

    @Test
    void listsTheGamesInOrder() {
        assertEquals(List.of("kuhn", "leduc", "rps", "biased-rps", "matching-pennies", "tiny-hanabi-a", "tiny-hanabi-b",
                "tiny-hanabi-c", "tiny-hanabi-d", "tiny-hanabi-e", "tiny-hanabi-f", "tic-tac-toe"), Games.names());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Games.make("chess"));
        assertEquals("unknown game 'chess'; allowed: kuhn, leduc, rps, biased-rps, matching-pennies, tiny-hanabi-a,"
                + " tiny-hanabi-b, tiny-hanabi-c, tiny-hanabi-d, tiny-hanabi-e, tiny-hanabi-f, tic-tac-toe", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("names")
    void registeredGamesPassTheContract(String name) {
        Game game = Games.make(name);
        assertEquals(name, game.name());
        GameContract.check(game, name.equals(TicTacToe.NAME) ? GameContract.Recall.POSITION : GameContract.Recall.PERFECT);
    }
}
