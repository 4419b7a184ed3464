package dev.proxima.envs.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.proxima.core.io.Json;
import dev.proxima.core.env.Env;
import dev.proxima.core.env.Step;
import dev.proxima.core.env.wrappers.EnvWrapper;
import dev.proxima.envs.Envs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the reference trajectories recorded with Gymnasium 0.29.1: from each recorded start
 * state, apply the recorded actions through {@code Envs.make} (so the time limits apply) and
 * compare every step.
 */
class ClassicControlFixtureTest {
    private static final double OBSERVATION_TOLERANCE = 1e-5;
    private static final double REWARD_TOLERANCE = 1e-9;
    private static final List<String> FILES = List.of(
            "CartPole-v1.json", "CartPole-v1-balanced.json", "Acrobot-v1.json", "MountainCar-v0.json",
            "MountainCarContinuous-v0.json", "Pendulum-v1.json");

    @TestFactory
    Stream<DynamicTest> everyRecordedStepMatches() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : FILES) {
            Map<String, Object> fixture = load(file);
            String id = (String) fixture.get("env");
            List<?> cases = (List<?>) fixture.get("cases");
            for (int c = 0; c < cases.size(); c++) {
                Map<?, ?> recorded = (Map<?, ?>) cases.get(c);
                int caseIndex = c;
                tests.add(DynamicTest.dynamicTest(file + " case " + c, () -> replay(id, caseIndex, recorded)));
            }
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void replay(String id, int caseIndex, Map<?, ?> recorded) {
        Env<float[], Object> env = (Env<float[], Object>) Envs.make(id);
        env.reset(1234);
        ClassicControlEnv<?> physics = (ClassicControlEnv<?>) EnvWrapper.unwrap(env);
        physics.setState(doubles((List<?>) recorded.get("start_state")));
        List<?> steps = (List<?>) recorded.get("steps");
        for (int t = 0; t < steps.size(); t++) {
            Map<?, ?> expected = (Map<?, ?>) steps.get(t);
            String where = id + " case " + caseIndex + " step " + t;
            Step<float[]> step = env.step(action(expected.get("action")));
            double[] expectedObs = doubles((List<?>) expected.get("obs"));
            assertEquals(expectedObs.length, step.observation().length, where + ": observation size");
            for (int i = 0; i < expectedObs.length; i++) {
                assertEquals(expectedObs[i], step.observation()[i], OBSERVATION_TOLERANCE, where + ": observation " + i);
            }
            assertEquals(((Number) expected.get("reward")).doubleValue(), step.reward(), REWARD_TOLERANCE, where + ": reward");
            assertEquals(expected.get("terminated"), step.terminated(), where + ": terminated");
            assertEquals(expected.get("truncated"), step.truncated(), where + ": truncated");
        }
    }

    /** Discrete actions are recorded as numbers, continuous ones as lists of float32 values. */
    private static Object action(Object recorded) {
        if (recorded instanceof List<?> values) {
            float[] action = new float[values.size()];
            for (int i = 0; i < action.length; i++) {
                action[i] = ((Number) values.get(i)).floatValue();
            }
            return action;
        }
        return ((Number) recorded).intValue();
    }

    private static double[] doubles(List<?> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).doubleValue();
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String file) {
        String path = "/fixtures/classic-control/" + file;
        try (InputStream in = ClassicControlFixtureTest.class.getResourceAsStream(path)) {
            assertNotNull(in, "missing test resource " + path);
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
