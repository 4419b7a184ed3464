package dev.proxima.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input ends with exit status 2 and one line on stderr naming the field, the value and
 * what is allowed, writes nothing on stdout, and leaves existing run folders byte for byte intact.
 */
class BadInputTest {
    @TempDir
    static Path tmp;
    static Path existingRun;
    static Map<String, byte[]> before;

    @BeforeAll
    static void trainOneSmallRun() throws IOException {
        existingRun = tmp.resolve("existing");
        CliRunner r = CliRunner.run("train", "--algo", "ppo", "--env", "CartPole-v1", "--steps", "1024", "--seed", "1",
                "--out", existingRun.toString(), "--eval-episodes", "2", "--json");
        assertEquals(0, r.status(), r.err());
        before = snapshot(existingRun);
    }

    static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) files.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        return files;
    }

    private static void assertUsageError(String[] args, String... fragments) throws IOException {
        CliRunner r = CliRunner.run(args);
        assertEquals(2, r.status(), "exit status for " + String.join(" ", args) + "; stderr: " + r.err());
        assertEquals("", r.out(), "nothing on stdout");
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "'" + err + "' should contain '" + f + "'");
        }
        Map<String, byte[]> after = snapshot(existingRun);
        assertEquals(before.keySet(), after.keySet());
        for (String name : before.keySet()) assertArrayEquals(before.get(name), after.get(name), name + " changed");
    }

    private static String[] train(String... extra) {
        String[] base = {"train", "--out", tmp.resolve("new-" + System.nanoTime()).toString(), "--json"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void unknownAlgorithm() throws IOException {
        assertUsageError(train("--algo", "dqnx"), "--algo", "'dqnx'", "allowed: ppo, mdpo");
    }

    /** A MuJoCo model file that does not load: one line naming the file, no native crash, the JVM carries on. */
    @Test
    void badModelFiles() throws IOException {
        Path broken = Files.writeString(tmp.resolve("broken.xml"), "<mujoco><worldbody><geom type=\"sphere\"/>");
        assertUsageError(train("--algo", "sac", "--env", "Hopper-v4", "--model", broken.toString()), "--model",
                "broken.xml does not compile");
        assertUsageError(train("--algo", "sac", "--env", "Hopper-v4", "--model", tmp.resolve("missing.xml").toString()),
                "--model", "missing.xml: no such file");
        assertUsageError(train("--algo", "sac", "--env", "Pendulum-v1", "--model", broken.toString()), "--model",
                "MuJoCo tasks only");
        assertUsageError(train("--algo", "ppo", "--env", "Hopper-v4", "--model", broken.toString()), "--model",
                "off-policy algorithms");
    }

    @Test
    void unknownEnv() throws IOException {
        assertUsageError(train("--env", "Foo-v0"), "--env", "'Foo-v0'", "allowed: CartPole-v1");
    }

    @Test
    void negativeAndNonNumericSteps() throws IOException {
        assertUsageError(train("--steps", "-5"), "--steps", "'-5'", "allowed: a whole number > 0");
        assertUsageError(train("--steps", "lots"), "--steps", "'lots'", "allowed: a whole number > 0");
        assertUsageError(train("--steps", "0"), "--steps", "'0'");
    }

    @Test
    void malformedUnknownAndInvalidSetValues() throws IOException {
        assertUsageError(train("--set", "learningRate"), "--set", "'learningRate'", "expected key=value");
        assertUsageError(train("--set", "warpFactor=9"), "--set", "'warpFactor'", "allowed:", "learningRate");
        assertUsageError(train("--set", "learningRate=fast"), "learningRate", "'fast'", "finite number");
        assertUsageError(train("--set", "gamma=1.5"), "gamma", "1.5", "(0.0, 1.0]");
        assertUsageError(train("--set", "activation=sine"), "activation", "'sine'", "allowed: tanh, relu, gelu");
    }

    @Test
    void existingRunFolderIsNotOverwritten() throws IOException {
        assertUsageError(new String[] {"train", "--out", existingRun.toString(), "--steps", "1024"},
                "--out", existingRun.toString(), "already exists");
    }

    @Test
    void missingAndCorruptCheckpoints() throws IOException {
        assertUsageError(new String[] {"eval", tmp.resolve("nowhere").toString()}, "eval", "nowhere");
        Path noCheckpoint = tmp.resolve("no-checkpoint");
        Files.createDirectories(noCheckpoint);
        Files.copy(existingRun.resolve("manifest.json"), noCheckpoint.resolve("manifest.json"));
        assertUsageError(new String[] {"eval", noCheckpoint.toString()}, "no checkpoint", "checkpoint.safetensors");
        Path corrupt = tmp.resolve("corrupt");
        Files.createDirectories(corrupt);
        Files.copy(existingRun.resolve("manifest.json"), corrupt.resolve("manifest.json"));
        byte[] bytes = Files.readAllBytes(existingRun.resolve("checkpoint.safetensors"));
        Files.write(corrupt.resolve("checkpoint.safetensors"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertUsageError(new String[] {"eval", corrupt.toString()}, "checkpoint", "corrupt");
        assertUsageError(new String[] {"train", "--resume", "--out", corrupt.toString()}, "corrupt");
    }

    @Test
    void solverAndSearchInputs() throws IOException {
        String out = tmp.resolve("solve-" + System.nanoTime()).toString();
        assertUsageError(new String[] {"solve", "--game", "chess", "--out", out}, "--game", "'chess'", "allowed: kuhn, leduc");
        assertUsageError(new String[] {"solve", "--game", "kuhn", "--iters", "0", "--out", out}, "--iters", "'0'",
                "a whole number > 0");
        assertUsageError(new String[] {"solve", "--game", "kuhn", "--iters", "-3", "--out", out}, "--iters", "'-3'");
        assertUsageError(new String[] {"solve", "--game", "kuhn", "--algo", "mmd", "--set", "stepSize=-0.1", "--out", out},
                "stepSize", "-0.1", "> 0");
        assertUsageError(new String[] {"solve", "--game", "kuhn", "--algo", "mmd", "--set", "magnetWeight=-1", "--out", out},
                "magnetWeight", "-1.0", ">= 0");
        assertUsageError(new String[] {"solve", "--game", "kuhn", "--algo", "fictitious", "--out", out}, "--algo",
                "'fictitious'", "allowed: cfr, cfr+, mmd");
        assertUsageError(new String[] {"search", "--game", "kuhn", "--history", "0,0"}, "--history", "action 0",
                "position 1", "allowed: [1, 2]");
        assertUsageError(new String[] {"search", "--game", "kuhn", "--history", "0,x"}, "--history", "'x'");
        assertUsageError(new String[] {"search", "--game", "kuhn", "--history", "0"}, "--history", "chance");
        assertUsageError(new String[] {"search", "--game", "kuhn", "--history", "0,1", "--rule", "alphazero"}, "--rule",
                "'alphazero'", "allowed: md, mmd, greedy");
    }

    @Test
    void banditAndOpeInputs() throws IOException {
        String out = tmp.resolve("bandit-" + System.nanoTime()).toString();
        assertUsageError(new String[] {"bandit", "--data", "mnist", "--policy", "linucb", "--out", out}, "--data",
                "'mnist'", "allowed: iris");
        assertUsageError(new String[] {"bandit", "--problem", "recommender", "--policy", "oracle", "--out", out},
                "--policy", "'oracle'", "allowed: uniform");
        assertUsageError(new String[] {"bandit", "--problem", "bernoulli", "--policy", "linucb", "--out", out},
                "--policy", "linucb", "context features");
        assertUsageError(new String[] {"bandit", "--problem", "linear", "--policy", "linucb", "--rounds", "0", "--out", out},
                "--rounds", "'0'");
        assertUsageError(new String[] {"bandit", "--policy", "linucb", "--out", out}, "--problem", "--data");
        Path log = tmp.resolve("bad.jsonl");
        java.nio.file.Files.writeString(log, "{\"context\":[1],\"action\":0,\"propensity\":0.5,\"probabilities\":[0.5,0.5],\"reward\":1}\n"
                + "{\"context\":[1],\"action\":1,\"propensity\":0.0,\"probabilities\":[1.0,0.0],\"reward\":1}\n");
        assertUsageError(new String[] {"ope", "--log", log.toString(), "--target-policy", "uniform"}, "line 2", "propensity",
                "allowed: (0, 1]");
        java.nio.file.Files.writeString(log, "{\"context\":[1],\"action\":0,\"propensity\":0.5,\"probabilities\":[0.5,0.6],\"reward\":1}\n");
        assertUsageError(new String[] {"ope", "--log", log.toString(), "--target-policy", "uniform"}, "probabilities",
                "sum to");
        java.nio.file.Files.writeString(log, "{\"context\":[1],\"action\":0,\"propensity\":0.5,\"probabilities\":[0.5,0.5],\"reward\":1}\n"
                + "{\"context\":[1,2],\"action\":0,\"propensity\":0.5,\"probabilities\":[0.5,0.5],\"reward\":1}\n");
        assertUsageError(new String[] {"ope", "--log", log.toString(), "--target-policy", "uniform"}, "decision 2",
                "context features");
        java.nio.file.Files.writeString(log, "{\"context\":[1],\"action\":0,\"propensity\":1.0,\"probabilities\":[1.0],\"reward\":1}\n"
                + "{\"context\":[1],\"action\":0,\"propensity\":1.0,\"probabilities\":[1.0],\"reward\":0}\n");
        assertUsageError(new String[] {"ope", "--log", log.toString(), "--target-policy", "action:3"}, "--target-policy",
                "action 3");
        assertUsageError(new String[] {"ope", "--log", tmp.resolve("none.jsonl").toString(), "--target-policy", "uniform"},
                "--log", "no file");
    }

    @Test
    void serveDistributedModeInputs() throws IOException {
        String data = tmp.resolve("serve-" + System.nanoTime()).toString();
        Path shortKey = tmp.resolve("short.key"), key = tmp.resolve("ok.key");
        java.nio.file.Files.writeString(shortKey, "tooshort\n");
        java.nio.file.Files.writeString(key, "0123456789abcdef0123\n");
        assertUsageError(new String[] {"serve", "--data", data, "--kafka", "127.0.0.1:9092"}, "--kafka", "--instance",
                "--secret-file");
        assertUsageError(new String[] {"serve", "--data", data, "--instance", "3"}, "--instance", "need --kafka");
        assertUsageError(new String[] {"serve", "--data", data, "--kafka", "127.0.0.1:9092", "--instance", "1",
                "--secret-file", shortKey.toString()}, "--secret-file", "8 characters", "at least 16");
        assertUsageError(new String[] {"serve", "--data", data, "--kafka", "localhost", "--instance", "1",
                "--secret-file", key.toString()}, "--kafka", "bootstrapServers", "'localhost'");
        assertUsageError(new String[] {"serve", "--data", data, "--kafka", "127.0.0.1:9092", "--instance", "1",
                "--secret-file", key.toString(), "--set", "learner=linucb"}, "--kafka", "diag-linucb", "'linucb'");
    }

    @Test
    void unknownOptionAndScenario() throws IOException {
        assertUsageError(new String[] {"train", "--stepz", "5"}, "--stepz");
        assertUsageError(new String[] {"bench", "warp-drive"}, "'warp-drive'", "allowed: ppo-cartpole");
    }
}
