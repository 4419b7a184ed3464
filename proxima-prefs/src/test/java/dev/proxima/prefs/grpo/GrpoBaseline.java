package dev.proxima.prefs.grpo;

import dev.proxima.envs.text.Addition;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.util.HashMap;
import java.util.Map;

/**
 * The GRPO baseline on two-digit ADD (seed 0, default config, from the cached SFT reference), run
 * once per test JVM and kept at the step counts the comparisons ask for, so the methods that
 * compare themselves with GRPO share one run (spec §0.5, budget rule (i)).
 */
final class GrpoBaseline {
    /** The longest baseline any comparison uses; shorter ones are snapshots of the same run. */
    static final int LONGEST = 200;
    private static final Map<Integer, TransformerPolicy> SNAPSHOTS = new HashMap<>();

    private GrpoBaseline() {}

    /** A frozen copy of the GRPO policy after {@code steps} steps (1 ≤ steps ≤ {@link #LONGEST}). */
    static synchronized TransformerPolicy after(int steps) {
        if (steps < 1 || steps > LONGEST) {
            throw new IllegalArgumentException("steps must be in [1, " + LONGEST + "], was " + steps);
        }
        if (SNAPSHOTS.isEmpty()) {
            TransformerPolicy reference = GrpoTest.addReference();
            TransformerPolicy policy = new TransformerPolicy(reference.model().snapshot());
            Grpo.Learner grpo = new Grpo.Learner(Grpo.Config.defaults(), policy, reference.frozenCopy(), Addition.twoDigits(), 0);
            for (int step = 1; step <= LONGEST; step++) {
                grpo.step();
                SNAPSHOTS.put(step, policy.frozenCopy());
            }
        }
        return SNAPSHOTS.get(steps);
    }
}
