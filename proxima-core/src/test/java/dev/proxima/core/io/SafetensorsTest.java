package dev.proxima.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    private static StateDict sample() {
        return new StateDict()
                .putFloats("policy.weight", new float[] {1f, -0f, Float.NaN, Float.MIN_VALUE, 3.5f, -2f}, 2, 3)
                .putDoubles("normalizer.mean", new double[] {0.1, -1e300, Double.POSITIVE_INFINITY})
                .putLongs("rng.state", new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE, 42})
                .putFloats("empty", new float[0]);
    }

    private static Map<String, String> metadata() {
        Map<String, String> m = new HashMap<>();
        m.put("step", "5000");
        m.put("algorithm", "ppo");
        m.put("format", "pt");
        return m;
    }

    @Test
    void roundTripKeepsValuesShapesOrderAndMetadata() throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        Safetensors.write(file, sample(), metadata());
        Safetensors.Contents back = Safetensors.read(file);
        StateDict s = back.state();
        assertEquals(List.of("policy.weight", "normalizer.mean", "rng.state", "empty"), List.copyOf(s.names()));
        assertArrayEquals(sample().floats("policy.weight"), s.floats("policy.weight"));
        assertArrayEquals(new int[] {2, 3}, s.shape("policy.weight"));
        assertArrayEquals(sample().doubles("normalizer.mean"), s.doubles("normalizer.mean"));
        assertArrayEquals(sample().longs("rng.state"), s.longs("rng.state"));
        assertArrayEquals(new int[] {0}, s.shape("empty"));
        assertEquals(List.of("algorithm", "format", "step"), List.copyOf(back.metadata().keySet()));
        assertEquals("5000", back.metadata().get("step"));
    }

    @Test
    void largeArraysCrossChunkBoundaries() throws IOException {
        float[] f = new float[100_003];
        double[] d = new double[50_001];
        for (int i = 0; i < f.length; i++) {
            f[i] = i * 0.5f - 7;
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.sqrt(i);
        }
        Path file = dir.resolve("big.safetensors");
        Safetensors.write(file, new StateDict().putFloats("f", f).putDoubles("d", d), Map.of());
        StateDict s = Safetensors.read(file).state();
        assertArrayEquals(f, s.floats("f"));
        assertArrayEquals(d, s.doubles("d"));
        assertEquals(8 + headerLength(file) + f.length * 4L + d.length * 8L, Files.size(file));
    }

    @Test
    void layoutMatchesTheFormatByteForByte() throws IOException {
        Path file = dir.resolve("a.safetensors");
        Safetensors.write(file, new StateDict().putFloats("a", new float[] {1f, 2f}), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertEquals(54, json.length());
        ByteBuffer expected = ByteBuffer.allocate(8 + 56 + 8).order(ByteOrder.LITTLE_ENDIAN);
        expected.putLong(56).put(json.getBytes(StandardCharsets.US_ASCII)).put("  ".getBytes(StandardCharsets.US_ASCII));
        expected.put(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40});
        assertArrayEquals(expected.array(), bytes);
    }

    @Test
    void identicalInputGivesIdenticalBytes() throws IOException {
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        Safetensors.write(a, sample(), metadata());
        Safetensors.write(b, sample(), new TreeMap<>(metadata()));
        assertEquals(-1, Files.mismatch(a, b));
        assertEquals(0, (Files.size(a) - 8 - headerLength(a)) % 4);
        assertEquals(0, headerLength(a) % 8);
    }

    @Test
    void overwritesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        Safetensors.write(file, sample(), Map.of());
        Safetensors.write(file, new StateDict().putLongs("step", new long[] {7}), Map.of("step", "7"));
        assertArrayEquals(new long[] {7}, Safetensors.read(file).state().longs("step"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void scalarTensorsAreReadWithShapeOne() throws IOException {
        Path file = craft("{\"s\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}", new byte[8]);
        StateDict s = Safetensors.read(file).state();
        assertArrayEquals(new int[] {1}, s.shape("s"));
        assertArrayEquals(new double[] {0.0}, s.doubles("s"));
    }

    @Test
    void rejectsReservedAndEmptyNamesOnWrite() {
        Path file = dir.resolve("x.safetensors");
        assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(file, new StateDict().putFloats("__metadata__", new float[1]), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(file, new StateDict().putFloats("", new float[1]), Map.of()));
        assertTrue(Files.notExists(file));
    }

    // ------------------------------------------------------------ corrupt files

    @Test
    void truncatedFileNamesTheFileAndTheProblem() throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        Safetensors.write(file, sample(), Map.of());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 4);
        }
        String msg = assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(file)).getMessage();
        assertTrue(msg.startsWith("checkpoint " + file + " is corrupt: tensor 'rng.state' has data_offsets"), msg);
        assertTrue(msg.contains("is the file truncated?"), msg);

        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(40);
        }
        msg = assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(file)).getMessage();
        assertTrue(msg.matches("checkpoint .* is corrupt: header length \\d+ exceeds file size 40"), msg);

        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(5);
        }
        msg = assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(file)).getMessage();
        assertEquals("checkpoint " + file + " is corrupt: it has 5 bytes, too few for the 8-byte header length", msg);
    }

    @Test
    void absurdHeaderLengthIsReportedWithTheFileSize() throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        Safetensors.write(file, sample(), Map.of());
        long size = Files.size(file);
        setHeaderLength(file, 9_000_000_000_000_000_000L);
        assertEquals("checkpoint " + file + " is corrupt: header length 9000000000000000000 exceeds file size " + size,
                assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(file)).getMessage());
        setHeaderLength(file, -1);
        assertEquals("checkpoint " + file + " is corrupt: header length 18446744073709551615 exceeds file size " + size,
                assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(file)).getMessage());
        setHeaderLength(file, 0);
        assertTrue(assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(file))
                .getMessage().contains("too short for a JSON object"));
    }

    @Test
    void bitFlippedHeaderGivesAClearError() throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        Safetensors.write(file, sample(), Map.of());
        byte[] original = Files.readAllBytes(file);

        byte[] flipped = original.clone();
        flipped[8] ^= 0x01; // '{' becomes 'z'
        Files.write(file, flipped);
        String msg = assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(file)).getMessage();
        assertTrue(msg.startsWith("checkpoint " + file + " is corrupt: header is not valid JSON (line 1, column 1:"), msg);

        flipped = original.clone();
        flipped[20] ^= (byte) 0x80; // no longer UTF-8
        Files.write(file, flipped);
        msg = assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(file)).getMessage();
        assertEquals("checkpoint " + file + " is corrupt: header is not valid UTF-8", msg);

        // Flip one bit in each header byte in turn: every result must be read correctly or rejected
        // with a FormatException, never crash with another exception or allocate absurdly.
        int headerLength = (int) headerLength(file);
        for (int i = 8; i < 8 + headerLength; i++) {
            for (int bit = 0; bit < 8; bit += 3) {
                flipped = original.clone();
                flipped[i] ^= (byte) (1 << bit);
                Files.write(file, flipped);
                try {
                    Safetensors.read(file);
                } catch (Safetensors.FormatException expected) {
                    assertTrue(expected.getMessage().startsWith("checkpoint " + file), expected.getMessage());
                }
            }
        }
    }

    @Test
    void unsupportedDtypeIsNamed() throws IOException {
        Path file = craft("{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]);
        assertEquals("checkpoint " + file + " cannot be read: tensor 'h' has dtype F16; supported dtypes are F32, F64 and I64",
                assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(file)).getMessage());
    }

    @Test
    void shapeThatDoesNotMatchTheOffsetsIsRejected() throws IOException {
        Path file = craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
        assertEquals("checkpoint " + file + " is corrupt: tensor 'w' has shape [3] of F32, which needs 12 bytes, "
                        + "but data_offsets [0, 8] span 8 bytes",
                assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(file)).getMessage());
        Path huge = craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647],"
                + "\"data_offsets\":[0,8]}}", new byte[8]);
        assertTrue(assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(huge))
                .getMessage().contains("which needs more than"));
        Path negative = craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", new byte[8]);
        assertTrue(assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(negative))
                .getMessage().contains("invalid dimension -2"));
    }

    @Test
    void offsetsMustTileTheDataSection() throws IOException {
        String a = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
        Path overlap = craft("{" + a + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]);
        assertEquals("checkpoint " + overlap + " is corrupt: tensor 'b' (bytes 4 to 12) overlaps tensor 'a'",
                assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(overlap)).getMessage());
        Path gap = craft("{" + a + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}", new byte[16]);
        assertEquals("checkpoint " + gap + " is corrupt: the data section has a gap of 4 bytes before tensor 'b' at offset 8",
                assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(gap)).getMessage());
        Path trailing = craft("{" + a + "}", new byte[10]);
        assertEquals("checkpoint " + trailing + " is corrupt: the data section has 10 bytes but the tensors cover 8; "
                        + "2 bytes are unaccounted for",
                assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(trailing)).getMessage());
        Path backwards = craft("{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}", new byte[8]);
        assertTrue(assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(backwards))
                .getMessage().contains("expected 0 <= begin <= end"));
    }

    @Test
    void malformedEntriesAndMetadataAreRejected() throws IOException {
        Path extra = craft("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", new byte[4]);
        assertTrue(assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(extra))
                .getMessage().contains("expected exactly [dtype, shape, data_offsets]"));
        Path meta = craft("{\"__metadata__\":{\"step\":5}}", new byte[0]);
        assertEquals("checkpoint " + meta + " is corrupt: metadata value for \"step\" is not a string",
                assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(meta)).getMessage());
        Path array = craft("[1,2]", new byte[0]);
        assertTrue(assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(array))
                .getMessage().endsWith("header is not a JSON object"));
        Path offsets = craft("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", new byte[4]);
        assertTrue(assertThrows(Safetensors.FormatException.class, () -> Safetensors.read(offsets))
                .getMessage().contains("expected two integers [begin, end]"));
    }

    private Path craft(String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(json.length).put(json).put(data);
        Path file = Files.createTempFile(dir, "crafted", ".safetensors");
        Files.write(file, buf.array());
        return file;
    }

    private static long headerLength(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static void setHeaderLength(Path file, long value) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).flip();
            ch.write(b, 0);
        }
    }
}
