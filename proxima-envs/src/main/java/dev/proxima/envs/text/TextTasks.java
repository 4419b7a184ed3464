package dev.proxima.envs.text;

import dev.proxima.core.seq.SequenceTask;

import java.util.List;

/** The verifiable-reward tasks by name, with the spec's default difficulty. */
public final class TextTasks {
    /** Names {@link #make} knows. */
    public static final List<String> NAMES = List.of("ADD", "SORT", "REV", "COUNTDOWN", "LOCK");

    private TextTasks() {}

    /** A task by name (case-insensitive): ADD (2 digits), SORT (4–6), REV (4–8), COUNTDOWN (4 numbers), LOCK (16 locks of 4). */
    public static SequenceTask make(String name) {
        return switch (name == null ? "" : name.toUpperCase(java.util.Locale.ROOT)) {
            case "ADD" -> Addition.twoDigits();
            case "SORT" -> SortDigits.standard();
            case "REV" -> ReverseLetters.standard();
            case "COUNTDOWN" -> Countdown.standard();
            case "LOCK" -> new CombinationLock(16, 4, false, 0);
            default -> throw new IllegalArgumentException("unknown task '" + name + "'; allowed: " + String.join(", ", NAMES));
        };
    }
}
