package dev.proxima.envs.mujoco;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FFM binding against the installed libmujoco2.2.2, including a bit-for-bit comparison with C. */
class MuJoCoBindingTest {
    @TempDir
    Path tmp;

    static String resource(String name) throws IOException {
        try (InputStream in = MuJoCoBindingTest.class.getResourceAsStream("/mujoco/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void libraryVersionMatchesTheHeadersTheHelperWasBuiltAgainst() {
        assertTrue(MuJoCo.available());
        assertEquals(222, MuJoCo.version());
    }

    @Test
    void hopperLoadsAndSteps() {
        try (MjModel m = MjModel.fromResource("/mujoco/hopper.xml"); MjData d = new MjData(m)) {
            assertEquals(6, m.nq);
            assertEquals(6, m.nv);
            assertEquals(3, m.nu);
            assertEquals(0.002, m.timestep);
            assertTrue(m.requireId(MjModel.ObjectType.BODY, "torso") > 0);
            assertEquals(-1, m.id(MjModel.ObjectType.BODY, "no-such-body"));
            d.step(500);
            assertEquals(1.0, d.time(), 1e-12);
            for (double q : d.qpos.toArray(JAVA_DOUBLE)) assertTrue(Double.isFinite(q));
            d.reset();
            assertEquals(0.0, d.time());
            assertArrayEquals(m.qpos0(), d.qpos.toArray(JAVA_DOUBLE));
        }
    }

    @Test
    void invalidXmlGivesTheCompilersMessage() {
        var e = assertThrows(MuJoCoException.class, () -> MjModel.fromXml("<mujoco><worldbody><geom bogus='1'/></worldbody></mujoco>"));
        assertTrue(e.getMessage().contains("bogus"), e.getMessage());
    }

    @Test
    void anEngineErrorWhileSteppingThrowsAndTheDataRecoversAfterReset() throws IOException {
        // A stack far too small for the hopper's contacts: the first contact overflows it.
        String xml = resource("hopper.xml").replaceFirst("<mujoco model=\"hopper\">", "<mujoco model=\"hopper\"><size nstack=\"300\"/>");
        try (MjModel m = MjModel.fromXml(xml); MjData d = new MjData(m)) {
            var e = assertThrows(MuJoCoException.class, () -> d.step(2000));
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("stack"), e.getMessage());
            d.reset();
            d.step(1);
            assertTrue(d.time() > 0);
        }
    }

    @Test
    void useAfterCloseThrowsInsteadOfTouchingFreedMemory() {
        MjModel m = MjModel.fromResource("/mujoco/hopper.xml");
        MjData d = new MjData(m);
        assertThrows(IllegalStateException.class, m::close, "the model's data is still open");
        d.close();
        assertThrows(IllegalStateException.class, () -> d.qpos.get(JAVA_DOUBLE, 0));
        assertThrows(IllegalStateException.class, () -> d.step(1));
        m.close();
        m.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> new MjData(m));
    }

    /** The same controls stepped from Java and by a C program against the same library agree bit for bit. */
    @Test
    void javaTrajectoryEqualsTheCTrajectoryBitForBit() throws Exception {
        for (String[] task : new String[][] {{"hopper.xml", "4"}, {"half_cheetah.xml", "5"}, {"ant.xml", "5"}}) {
            Path model = tmp.resolve(task[0]);
            Files.writeString(model, resource(task[0]));
            int frameSkip = Integer.parseInt(task[1]), steps = 300;
            long seed = 12345;
            List<String> expected = runC(model, seed, steps, frameSkip);
            List<String> actual = new ArrayList<>();
            try (MjModel m = MjModel.fromXml(resource(task[0])); MjData d = new MjData(m)) {
                long[] state = {seed};
                for (int t = 0; t < steps; t++) {
                    for (int i = 0; i < m.nu; i++) d.ctrl.setAtIndex(JAVA_DOUBLE, i, nextControl(state));
                    d.step(frameSkip);
                    StringBuilder line = new StringBuilder();
                    for (double q : d.qpos.toArray(JAVA_DOUBLE)) line.append(hex(q)).append(' ');
                    for (double v : d.qvel.toArray(JAVA_DOUBLE)) line.append(hex(v)).append(' ');
                    actual.add(line.toString().strip());
                }
            }
            assertEquals(expected.size(), actual.size());
            for (int t = 0; t < steps; t++) {
                assertEquals(expected.get(t), actual.get(t), task[0] + " differs at env step " + t);
            }
        }
    }

    /** xorshift64*, as in trajectory.c, scaled to [-1, 1). */
    static double nextControl(long[] s) {
        long x = s[0];
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        s[0] = x;
        long r = x * 0x2545F4914F6CDD1DL;
        return (r >>> 11) * 0x1.0p-53 * 2.0 - 1.0;
    }

    /** C's {@code %a}: 0x1.8p+0 style, shortest hex digits, "0x0p+0" for zero. */
    static String hex(double v) {
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0x0p+0";
        }
        String s = Double.toHexString(v); // e.g. 0x1.8p1, 0x0.0000000000001p-1022 for subnormals
        return s.replace("p", "p+").replace("p+-", "p-");
    }

    private List<String> runC(Path model, long seed, int steps, int frameSkip) throws Exception {
        Path exe = tmp.resolve("trajectory");
        if (!Files.exists(exe)) {
            Path source = Path.of("src/test/c/trajectory.c").toAbsolutePath();
            if (!Files.exists(source)) {
                source = Path.of("../src/test/c/trajectory.c").toAbsolutePath(); // tests run in target/
            }
            Process gcc = new ProcessBuilder("gcc", "-O2", "-o", exe.toString(), source.toString(), "-lmujoco")
                    .redirectErrorStream(true).start();
            String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0, "gcc failed: " + out);
        }
        Process p = new ProcessBuilder(exe.toString(), model.toString(), Long.toUnsignedString(seed),
                Integer.toString(steps), Integer.toString(frameSkip)).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "trajectory failed: " + err);
        return out.lines().map(String::strip).toList();
    }
}
