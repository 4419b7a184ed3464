package dev.proxima.core.env.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.env.AutoresetMode;
import dev.proxima.core.env.CountdownEnv;
import dev.proxima.core.env.Env;
import dev.proxima.core.env.EpisodeStats;
import dev.proxima.core.env.Reset;
import dev.proxima.core.env.ScriptedEnv;
import dev.proxima.core.env.Step;
import dev.proxima.core.env.VectorEnv;
import dev.proxima.core.env.VectorStep;
import dev.proxima.core.env.wrappers.RecordEpisodeStatistics;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.io.Stateful;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Discrete;
import dev.proxima.core.space.Space;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VectorEnvTest {
    private static final IntFunction<Env<float[], ?>> DISCRETE =
            i -> new RecordEpisodeStatistics<>(CountdownEnv.discrete());
    private static final IntFunction<Env<float[], ?>> CONTINUOUS =
            i -> new RecordEpisodeStatistics<>(CountdownEnv.continuous());

    /** Everything a step wrote, copied so later steps cannot change it. */
    private record Snapshot(float[] observations, double[] rewards, boolean[] terminated, boolean[] truncated,
                            float[] finalObservations, boolean[] episodeEnded, double[] episodeReturns,
                            int[] episodeLengths) {
        static Snapshot of(VectorStep s, boolean withFinal) {
            float[] finals = new float[s.finalObservations.length];
            if (withFinal) {
                for (int i = 0; i < s.numEnvs; i++) {
                    if (s.episodeEnded[i]) {
                        System.arraycopy(s.finalObservations, i * s.observationSize, finals, i * s.observationSize,
                                s.observationSize);
                    }
                }
            }
            return new Snapshot(s.observations.clone(), s.rewards.clone(), s.terminated.clone(), s.truncated.clone(),
                    finals, s.episodeEnded.clone(), s.episodeReturns.clone(), s.episodeLengths.clone());
        }

        void assertSame(Snapshot other, String where) {
            assertArrayEquals(observations, other.observations, where + ": observations");
            assertArrayEquals(rewards, other.rewards, where + ": rewards");
            assertArrayEquals(terminated, other.terminated, where + ": terminated");
            assertArrayEquals(truncated, other.truncated, where + ": truncated");
            assertArrayEquals(finalObservations, other.finalObservations, where + ": final observations");
            assertArrayEquals(episodeEnded, other.episodeEnded, where + ": episode ended");
            assertArrayEquals(episodeReturns, other.episodeReturns, where + ": episode returns");
            assertArrayEquals(episodeLengths, other.episodeLengths, where + ": episode lengths");
        }
    }

    /** Drives a vector env with seeded random actions and records every step. */
    private static List<Snapshot> rollout(VectorEnv env, long seed, int steps, Rng actionRng) {
        List<Snapshot> out = new ArrayList<>();
        VectorStep step = env.newStep();
        env.reset(seed, step);
        boolean withFinal = env.autoresetMode() == AutoresetMode.SAME_STEP;
        out.add(Snapshot.of(step, withFinal));
        for (int t = 0; t < steps; t++) {
            if (env.autoresetMode() == AutoresetMode.DISABLED) {
                for (int i = 0; i < env.numEnvs(); i++) {
                    if (step.episodeEnded[i]) {
                        env.resetAt(i, step);
                    }
                }
            }
            stepRandomly(env, step, actionRng);
            out.add(Snapshot.of(step, withFinal));
        }
        return out;
    }

    private static void stepRandomly(VectorEnv env, VectorStep step, Rng actionRng) {
        if (env.singleActionSpace() instanceof Discrete) {
            int[] actions = new int[env.numEnvs()];
            for (int i = 0; i < actions.length; i++) {
                actions[i] = actionRng.nextInt(3);
            }
            env.step(actions, step);
        } else {
            float[] actions = new float[env.numEnvs()];
            for (int i = 0; i < actions.length; i++) {
                actions[i] = (float) actionRng.uniform(-1, 1);
            }
            env.step(actions, step);
        }
    }

    /**
     * The same rollout written out by hand over separate envs, following AutoresetMode's Javadoc
     * literally: the reference the vector envs must equal.
     */
    @SuppressWarnings("unchecked")
    private static List<Snapshot> separateEnvsRollout(IntFunction<Env<float[], ?>> factory, int n, AutoresetMode mode,
                                                      long seed, int steps, Rng actionRng, boolean discrete) {
        List<Env<float[], Object>> envs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            envs.add((Env<float[], Object>) factory.apply(i));
        }
        VectorStep s = new VectorStep(n, 3);
        s.clearEpisodeInfo();
        boolean[] ended = new boolean[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(envs.get(i).reset(seed + i).observation(), 0, s.observations, i * 3, 3);
        }
        List<Snapshot> out = new ArrayList<>();
        boolean withFinal = mode == AutoresetMode.SAME_STEP;
        out.add(Snapshot.of(s, withFinal));
        for (int t = 0; t < steps; t++) {
            if (mode == AutoresetMode.DISABLED) {
                for (int i = 0; i < n; i++) {
                    if (ended[i]) {
                        System.arraycopy(envs.get(i).reset().observation(), 0, s.observations, i * 3, 3);
                        s.rewards[i] = 0;
                        s.terminated[i] = false;
                        s.truncated[i] = false;
                        ended[i] = false;
                    }
                }
            }
            Object[] actions = new Object[n];
            for (int i = 0; i < n; i++) {
                actions[i] = discrete ? (Object) actionRng.nextInt(3) : new float[] {(float) actionRng.uniform(-1, 1)};
            }
            s.clearEpisodeInfo();
            for (int i = 0; i < n; i++) {
                Env<float[], Object> env = envs.get(i);
                if (mode == AutoresetMode.NEXT_STEP && ended[i]) {
                    Reset<float[]> r = env.reset();
                    System.arraycopy(r.observation(), 0, s.observations, i * 3, 3);
                    s.rewards[i] = 0;
                    s.terminated[i] = false;
                    s.truncated[i] = false;
                    ended[i] = false;
                    continue;
                }
                Step<float[]> st = env.step(actions[i]);
                s.rewards[i] = st.reward();
                s.terminated[i] = st.terminated();
                s.truncated[i] = st.truncated();
                if (st.done()) {
                    s.episodeEnded[i] = true;
                    EpisodeStats stats = (EpisodeStats) st.info().get(EpisodeStats.INFO_KEY);
                    s.episodeReturns[i] = stats.episodeReturn();
                    s.episodeLengths[i] = stats.length();
                }
                if (st.done() && mode == AutoresetMode.SAME_STEP) {
                    System.arraycopy(st.observation(), 0, s.finalObservations, i * 3, 3);
                    System.arraycopy(env.reset().observation(), 0, s.observations, i * 3, 3);
                } else {
                    System.arraycopy(st.observation(), 0, s.observations, i * 3, 3);
                    ended[i] = st.done();
                }
            }
            out.add(Snapshot.of(s, withFinal));
        }
        return out;
    }

    private static void assertSameRollouts(List<Snapshot> expected, List<Snapshot> actual) {
        assertEquals(expected.size(), actual.size());
        for (int t = 0; t < expected.size(); t++) {
            expected.get(t).assertSame(actual.get(t), "step " + t);
        }
    }

    @ParameterizedTest
    @EnumSource(AutoresetMode.class)
    void syncVectorEnvEqualsSeparateEnvs(AutoresetMode mode) {
        for (boolean discrete : new boolean[] {true, false}) {
            IntFunction<Env<float[], ?>> factory = discrete ? DISCRETE : CONTINUOUS;
            List<Snapshot> expected = separateEnvsRollout(factory, 4, mode, 100, 60, Rng.of(9), discrete);
            try (SyncVectorEnv env = SyncVectorEnv.of(factory, 4, mode)) {
                assertSameRollouts(expected, rollout(env, 100, 60, Rng.of(9)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(AutoresetMode.class)
    void threadedIsBitIdenticalToSync(AutoresetMode mode) {
        for (IntFunction<Env<float[], ?>> factory : List.of(DISCRETE, CONTINUOUS)) {
            try (SyncVectorEnv sync = SyncVectorEnv.of(factory, 7, mode);
                 ThreadedVectorEnv threaded = ThreadedVectorEnv.of(factory, 7, mode, 3)) {
                assertEquals(3, threaded.numThreads());
                assertSameRollouts(rollout(sync, 5, 300, Rng.of(2)), rollout(threaded, 5, 300, Rng.of(2)));
            }
        }
    }

    /** Two-step episodes that terminate, observations 0, 1, 2, rewards 10 and 20. */
    private static IntFunction<Env<float[], ?>> twoStepEpisodes() {
        return i -> new RecordEpisodeStatistics<>(new ScriptedEnv(new float[] {0, 1, 2}, new double[] {10, 20}));
    }

    @Test
    void nextStepResetsOnTheStepAfterTheEnd() {
        try (VectorEnv env = SyncVectorEnv.of(twoStepEpisodes(), 1, AutoresetMode.NEXT_STEP)) {
            VectorStep s = env.newStep();
            env.reset(0, s);
            env.step(new int[] {0}, s);
            env.step(new int[] {0}, s);
            assertEquals(2f, s.observations[0]);
            assertTrue(s.terminated[0] && s.episodeEnded[0]);
            assertEquals(30.0, s.episodeReturns[0]);
            assertEquals(2, s.episodeLengths[0]);
            env.step(new int[] {1}, s); // the action is ignored: this step only resets
            assertEquals(0f, s.observations[0]);
            assertEquals(0.0, s.rewards[0]);
            assertFalse(s.terminated[0] || s.truncated[0] || s.episodeEnded[0]);
            assertTrue(Double.isNaN(s.episodeReturns[0]));
            env.step(new int[] {1}, s);
            assertEquals(1f, s.observations[0]);
            assertEquals(10.0, s.rewards[0]);
        }
    }

    @Test
    void sameStepReturnsTheNewEpisodesFirstObservationAndKeepsTheFinalOne() {
        try (VectorEnv env = SyncVectorEnv.of(twoStepEpisodes(), 2, AutoresetMode.SAME_STEP)) {
            VectorStep s = env.newStep();
            env.reset(0, s);
            env.step(new int[] {0, 0}, s);
            env.step(new int[] {0, 0}, s);
            assertArrayEquals(new float[] {0, 0}, s.observations);
            assertArrayEquals(new float[] {2, 2}, s.finalObservations);
            assertArrayEquals(new double[] {20, 20}, s.rewards);
            assertTrue(s.terminated[1] && s.episodeEnded[1]);
            env.step(new int[] {0, 0}, s);
            assertArrayEquals(new float[] {1, 1}, s.observations);
            assertFalse(s.episodeEnded[0]);
        }
    }

    @Test
    void disabledModeWaitsForResetAt() {
        try (VectorEnv env = SyncVectorEnv.of(twoStepEpisodes(), 2, AutoresetMode.DISABLED)) {
            VectorStep s = env.newStep();
            env.reset(0, s);
            env.step(new int[] {0, 0}, s);
            env.step(new int[] {0, 0}, s);
            assertArrayEquals(new float[] {2, 2}, s.observations);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(new int[] {0, 0}, s));
            assertEquals("sub-env 0 ended its episode at the previous step; with AutoresetMode.DISABLED call"
                    + " resetAt(0, out) before stepping", e.getMessage());
            env.resetAt(0, s);
            env.resetAt(1, s);
            assertArrayEquals(new float[] {0, 0}, s.observations);
            env.step(new int[] {0, 0}, s);
            assertArrayEquals(new float[] {1, 1}, s.observations);
        }
    }

    @Test
    void withoutRecordEpisodeStatisticsTheEndIsStillFlagged() {
        try (VectorEnv env = SyncVectorEnv.of(i -> new ScriptedEnv(new float[2], new double[] {1}), 1,
                AutoresetMode.NEXT_STEP)) {
            VectorStep s = env.newStep();
            env.reset(0, s);
            env.step(new int[] {0}, s);
            assertTrue(s.episodeEnded[0]);
            assertTrue(Double.isNaN(s.episodeReturns[0]));
            assertEquals(0, s.episodeLengths[0]);
        }
    }

    @Test
    void resetSeedsSubEnvIWithSeedPlusI() {
        try (VectorEnv env = SyncVectorEnv.of(DISCRETE, 3, AutoresetMode.NEXT_STEP)) {
            VectorStep s = env.newStep();
            env.reset(40, s);
            for (int i = 0; i < 3; i++) {
                float[] alone = CountdownEnv.discrete().reset(40 + i).observation();
                assertArrayEquals(alone, Arrays.copyOfRange(s.observations, i * 3, i * 3 + 3));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(AutoresetMode.class)
    void savedStateResumesIdentically(AutoresetMode mode) {
        for (boolean threaded : new boolean[] {false, true}) {
            VectorEnv original = threaded ? ThreadedVectorEnv.of(DISCRETE, 5, mode, 2) : SyncVectorEnv.of(DISCRETE, 5, mode);
            VectorEnv restored = threaded ? ThreadedVectorEnv.of(DISCRETE, 5, mode, 2) : SyncVectorEnv.of(DISCRETE, 5, mode);
            try (original; restored) {
                VectorStep s = original.newStep();
                original.reset(3, s);
                Rng actions = Rng.of(77);
                continueRollout(original, s, s.episodeEnded.clone(), 13, actions);
                StateDict saved = new StateDict();
                ((Stateful) original).saveState(saved, "vec.");
                // In DISABLED mode the caller decides resets from the last step's flags, which live in its buffer.
                boolean[] endedBeforeSave = s.episodeEnded.clone();
                Rng actionsCopy = Rng.of(0);
                actionsCopy.restore(actions.state());
                List<Snapshot> expected = continueRollout(original, s, endedBeforeSave, 40, actions);
                ((Stateful) restored).loadState(saved, "vec.");
                assertSameRollouts(expected,
                        continueRollout(restored, restored.newStep(), endedBeforeSave, 40, actionsCopy));
            }
        }
    }

    /** Steps on from wherever the env is; in DISABLED mode first resets the sub-envs flagged as ended. */
    private static List<Snapshot> continueRollout(VectorEnv env, VectorStep s, boolean[] ended, int steps,
                                                  Rng actionRng) {
        List<Snapshot> out = new ArrayList<>();
        boolean withFinal = env.autoresetMode() == AutoresetMode.SAME_STEP;
        boolean[] endedAtLastStep = ended.clone();
        for (int t = 0; t < steps; t++) {
            if (env.autoresetMode() == AutoresetMode.DISABLED) {
                for (int i = 0; i < env.numEnvs(); i++) {
                    if (endedAtLastStep[i]) {
                        env.resetAt(i, s);
                    }
                }
            }
            stepRandomly(env, s, actionRng);
            System.arraycopy(s.episodeEnded, 0, endedAtLastStep, 0, endedAtLastStep.length);
            out.add(Snapshot.of(s, withFinal));
        }
        return out;
    }

    @Test
    void badActionsAreRejectedBeforeAnySubEnvSteps() {
        try (VectorEnv env = SyncVectorEnv.of(DISCRETE, 3, AutoresetMode.NEXT_STEP);
             VectorEnv twin = SyncVectorEnv.of(DISCRETE, 3, AutoresetMode.NEXT_STEP)) {
            VectorStep s = env.newStep();
            VectorStep t = twin.newStep();
            env.reset(1, s);
            twin.reset(1, t);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> env.step(new int[] {0, 1, 3}, s));
            assertEquals("action 3 of sub-env 2 is outside Discrete[n=3, start=0]; allowed: integers 0..2", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> env.step(new int[] {0, 1}, s));
            assertThrows(IllegalArgumentException.class, () -> env.step(new float[] {0, 1, 2}, s));
            env.step(new int[] {2, 2, 2}, s);
            twin.step(new int[] {2, 2, 2}, t);
            assertArrayEquals(t.observations, s.observations);
            assertArrayEquals(t.rewards, s.rewards);
        }
        try (VectorEnv env = SyncVectorEnv.of(CONTINUOUS, 2, AutoresetMode.NEXT_STEP)) {
            VectorStep s = env.newStep();
            env.reset(1, s);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> env.step(new float[] {0, Float.NaN}, s));
            assertTrue(e.getMessage().startsWith("action 0 of sub-env 1 is NaN"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> env.step(new int[] {0, 0}, s));
        }
    }

    @Test
    void callOrderAndBufferMistakesAreReported() {
        VectorEnv env = SyncVectorEnv.of(DISCRETE, 2, AutoresetMode.NEXT_STEP);
        VectorStep s = env.newStep();
        assertThrows(IllegalStateException.class, () -> env.step(new int[] {0, 0}, s));
        assertThrows(IllegalArgumentException.class, () -> env.reset(0, new VectorStep(3, 3)));
        env.close();
        env.close();
        assertThrows(IllegalStateException.class, () -> env.reset(0, s));
    }

    @Test
    void subEnvsMustShareSpaces() {
        List<Env<float[], ?>> mixed = List.of(CountdownEnv.discrete(), CountdownEnv.continuous());
        assertThrows(IllegalArgumentException.class, () -> new SyncVectorEnv(mixed, AutoresetMode.NEXT_STEP));
    }

    @Test
    void aFailureOnAWorkerThreadIsRethrownOnTheCaller() {
        IntFunction<Env<float[], ?>> failingLast = i -> i < 3 ? CountdownEnv.discrete() : new FailingEnv();
        try (ThreadedVectorEnv env = ThreadedVectorEnv.of(failingLast, 4, AutoresetMode.NEXT_STEP, 2)) {
            VectorStep s = env.newStep();
            env.reset(0, s);
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> env.step(new int[] {0, 0, 0, 0}, s));
            assertEquals("boom", e.getMessage());
        }
    }

    @Test
    void closeStopsTheWorkerThreads() throws InterruptedException {
        ThreadedVectorEnv env = ThreadedVectorEnv.of(DISCRETE, 4, AutoresetMode.NEXT_STEP, 4);
        List<Thread> workers = env.workerThreads();
        assertEquals(3, workers.size());
        assertTrue(workers.stream().allMatch(Thread::isDaemon));
        env.close();
        env.close();
        for (Thread worker : workers) {
            assertFalse(worker.isAlive(), worker.getName());
        }
        assertSame(AutoresetMode.NEXT_STEP, env.autoresetMode());
    }

    /** Steps fail; used to check exception propagation from worker threads. */
    private static final class FailingEnv implements Env<float[], Integer> {
        private final CountdownEnv<Integer> delegate = CountdownEnv.discrete();

        @Override
        public Space<float[]> observationSpace() {
            return delegate.observationSpace();
        }

        @Override
        public Space<Integer> actionSpace() {
            return delegate.actionSpace();
        }

        @Override
        public Reset<float[]> reset(long seed) {
            return delegate.reset(seed);
        }

        @Override
        public Reset<float[]> reset() {
            return delegate.reset();
        }

        @Override
        public Step<float[]> step(Integer action) {
            throw new UnsupportedOperationException("boom");
        }

        @Override
        public String id() {
            return delegate.id();
        }
    }
}
