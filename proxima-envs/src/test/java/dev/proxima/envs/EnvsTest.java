package dev.proxima.envs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.env.AutoresetMode;
import dev.proxima.core.env.Env;
import dev.proxima.core.env.Step;
import dev.proxima.core.env.VectorEnv;
import dev.proxima.core.env.VectorStep;
import dev.proxima.core.env.vector.SyncVectorEnv;
import dev.proxima.core.env.vector.ThreadedVectorEnv;
import dev.proxima.core.env.wrappers.ClipAction;
import dev.proxima.core.env.wrappers.NormalizeObservation;
import dev.proxima.core.env.wrappers.NormalizeReward;
import dev.proxima.core.env.wrappers.RecordEpisodeStatistics;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;
import dev.proxima.core.space.Discrete;
import dev.proxima.core.space.Space;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EnvsTest {
    static List<String> ids() {
        return Envs.ids();
    }

    @Test
    void listsTheIdsInOrder() {
        assertEquals(List.of("CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0",
                "SparseMountainCarContinuous-v0", "Pendulum-v1",
                "Hopper-v4", "Walker2d-v4", "HalfCheetah-v4", "Ant-v4", "Swimmer-v4", "Reacher-v4", "InvertedPendulum-v4",
                "InvertedDoublePendulum-v4"), Envs.ids());
    }

    @Test
    void anUnknownIdListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Envs.make("Foo-v0"));
        assertEquals("unknown env 'Foo-v0'; allowed: CartPole-v1, Acrobot-v1, MountainCar-v0, MountainCarContinuous-v0,"
                + " SparseMountainCarContinuous-v0, Pendulum-v1, Hopper-v4, Walker2d-v4, HalfCheetah-v4, Ant-v4, Swimmer-v4, Reacher-v4, InvertedPendulum-v4,"
                + " InvertedDoublePendulum-v4", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Envs.makeVector("Foo-v0", 2, AutoresetMode.NEXT_STEP, false));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void madeEnvsPassTheContract(String id) {
        EnvContract.check(() -> Envs.make(id));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void madeEnvsAreTruncatedAtGymnasiumsLimit(String id) {
        @SuppressWarnings("unchecked")
        Env<float[], Object> env = (Env<float[], Object>) Envs.make(id);
        // A policy that never reaches any goal: push left, or the weakest continuous action.
        Space<?> actionSpace = env.actionSpace();
        Object idle = actionSpace instanceof Discrete ? (Object) 0 : new float[((Box) actionSpace).low().length];
        env.reset(0);
        int steps = 0;
        Step<float[]> step;
        do {
            step = env.step(idle);
            steps++;
        } while (!step.done());
        if (!step.terminated()) {
            assertTrue(step.truncated());
            assertEquals(Envs.maxEpisodeSteps(id), steps, id);
        }
    }

    @Test
    void limitsMatchGymnasiumsRegistry() {
        assertEquals(List.of(500, 500, 200, 999, 999, 200, 1000, 1000, 1000, 1000, 1000, 50, 1000, 1000), Envs.ids().stream().map(Envs::maxEpisodeSteps).toList());
    }

    @Test
    void typedMakersCheckTheActionSpace() {
        assertInstanceOf(Discrete.class, Envs.makeDiscrete("Acrobot-v1").actionSpace());
        Envs.makeContinuous("Pendulum-v1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Envs.makeDiscrete("Pendulum-v1"));
        assertTrue(e.getMessage().startsWith("Pendulum-v1 has the continuous action space"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Envs.makeContinuous("CartPole-v1"));
    }

    @Test
    void wrappedEnvsPassTheContract() {
        EnvContract.check(() -> new RecordEpisodeStatistics<>(Envs.make("CartPole-v1")));
        EnvContract.checkCarryingStateAcrossEpisodes(() -> new NormalizeObservation<>(Envs.make("Acrobot-v1")));
        EnvContract.checkCarryingStateAcrossEpisodes(() -> new NormalizeReward<>(Envs.make("MountainCar-v0")));
        EnvContract.check(() -> new ClipAction<>(Envs.makeContinuous("Pendulum-v1")));
        EnvContract.checkCarryingStateAcrossEpisodes(() -> new NormalizeReward<>(new NormalizeObservation<>(
                new ClipAction<>(Envs.makeContinuous("MountainCarContinuous-v0")))));
    }

    @ParameterizedTest
    @EnumSource(AutoresetMode.class)
    void threadedVectorsEqualSyncOnesBitForBit(AutoresetMode mode) {
        for (String id : List.of("CartPole-v1", "Pendulum-v1")) {
            try (VectorEnv sync = Envs.makeVector(id, 5, mode, false);
                 VectorEnv threaded = Envs.makeVector(id, 5, mode, true)) {
                assertInstanceOf(SyncVectorEnv.class, sync);
                assertInstanceOf(ThreadedVectorEnv.class, threaded);
                VectorStep a = sync.newStep();
                VectorStep b = threaded.newStep();
                sync.reset(10, a);
                threaded.reset(10, b);
                Rng actions = Rng.of(3);
                int episodes = 0;
                for (int t = 0; t < 450; t++) {
                    if (mode == AutoresetMode.DISABLED) {
                        for (int i = 0; i < 5; i++) {
                            if (a.episodeEnded[i]) {
                                sync.resetAt(i, a);
                                threaded.resetAt(i, b);
                            }
                        }
                    }
                    if (sync.singleActionSpace() instanceof Discrete) {
                        int[] act = new int[5];
                        for (int i = 0; i < 5; i++) {
                            act[i] = actions.nextInt(2);
                        }
                        sync.step(act, a);
                        threaded.step(act, b);
                    } else {
                        float[] act = new float[5];
                        for (int i = 0; i < 5; i++) {
                            act[i] = (float) actions.uniform(-2, 2);
                        }
                        sync.step(act, a);
                        threaded.step(act, b);
                    }
                    assertArrayEquals(a.observations, b.observations, id + " step " + t);
                    assertArrayEquals(a.rewards, b.rewards, id + " step " + t);
                    assertArrayEquals(a.terminated, b.terminated);
                    assertArrayEquals(a.truncated, b.truncated);
                    assertArrayEquals(a.episodeReturns, b.episodeReturns);
                    assertArrayEquals(a.episodeLengths, b.episodeLengths);
                    for (int i = 0; i < 5; i++) {
                        if (a.episodeEnded[i]) {
                            episodes++;
                            assertTrue(a.episodeLengths[i] > 0, "RecordEpisodeStatistics should fill lengths");
                        }
                    }
                }
                assertTrue(episodes >= 5, id + ": expected finished episodes, saw " + episodes);
            }
        }
    }
}
