package dev.proxima.cli;

import dev.proxima.core.io.Json;
import java.util.Map;

/** Prints a command's single JSON object on stdout. */
final class JsonOut {
    private JsonOut() {}

    static void print(Map<String, Object> result) {
        Streams.out().println(Json.write(result));
        Streams.out().flush();
    }
}
