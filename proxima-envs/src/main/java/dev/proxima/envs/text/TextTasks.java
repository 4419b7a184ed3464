package dev.proxima.envs.text;

import dev.proxima.core.seq.PreferenceTask;
import dev.proxima.core.seq.SequenceTask;

import java.util.List;

/** The verifiable-reward and preference tasks by name, with the spec's defaults. */
public final class TextTasks {
    /** Names {@link #make} knows. */
    public static final List<String> NAMES = List.of("ADD", "SORT", "REV", "COUNTDOWN", "LOCK", "LOCK2", "DIGITSUM");
    /** Names {@link #makePreference} knows. */
    public static final List<String> PREFERENCE_NAMES = List.of("PREF-BT", "PREF-CYCLIC");

    private TextTasks() {}

    /** A task by name (case-insensitive): ADD (2 digits), SORT (4–6), REV (4–8), COUNTDOWN (4 numbers), LOCK (16 locks of 4), LOCK2 (two paths),
     * DIGITSUM (the reward-hacking toy). */
    public static SequenceTask make(String name) {
        return switch (name == null ? "" : name.toUpperCase(java.util.Locale.ROOT)) {
            case "ADD" -> Addition.twoDigits();
            case "SORT" -> SortDigits.standard();
            case "REV" -> ReverseLetters.standard();
            case "COUNTDOWN" -> Countdown.standard();
            case "LOCK" -> new CombinationLock(16, 4, false, 0);
            case "LOCK2" -> TwoPathLock.standard();
            case "DIGITSUM" -> new DigitSum();
            default -> throw new IllegalArgumentException("unknown task '" + name + "'; allowed: " + String.join(", ", NAMES));
        };
    }

    /** A preference task by name (case-insensitive): PREF-BT (T_p = 0.25) or PREF-CYCLIC (a = 1, b = 2). */
    public static PreferenceTask makePreference(String name) {
        return switch (name == null ? "" : name.toUpperCase(java.util.Locale.ROOT)) {
            case "PREF-BT" -> BradleyTerryPreferences.standard();
            case "PREF-CYCLIC" -> CyclicPreferences.standard();
            default -> throw new IllegalArgumentException("unknown preference task '" + name + "'; allowed: "
                    + String.join(", ", PREFERENCE_NAMES));
        };
    }
}
