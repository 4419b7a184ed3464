package dev.proxima.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    @TempDir
    Path dir;

    private static Map<String, Object> sample() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", List.of());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "cart\"pole\n");
        m.put("lr", 3.0e-4);
        m.put("steps", 500_000L);
        m.put("gamma", 0.99);
        m.put("two", 2.0);
        m.put("flag", true);
        m.put("none", null);
        m.put("inner", inner);
        m.put("empty", new LinkedHashMap<>());
        m.put("list", List.of(1, 2.5, "x"));
        return m;
    }

    @Test
    void compactOutputKeepsInsertionOrderAndNumberForms() {
        assertEquals("{\"name\":\"cart\\\"pole\\n\",\"lr\":3.0E-4,\"steps\":500000,\"gamma\":0.99,"
                + "\"two\":2.0,\"flag\":true,\"none\":null,\"inner\":{\"z\":1,\"a\":[]},\"empty\":{},"
                + "\"list\":[1,2.5,\"x\"]}", Json.write(sample()));
    }

    @Test
    void prettyOutputIndentsByTwoSpaces() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", List.of(true, "s"));
        m.put("c", Map.of());
        assertEquals("{\n  \"a\": 1,\n  \"b\": [\n    true,\n    \"s\"\n  ],\n  \"c\": {}\n}", Json.writePretty(m));
    }

    @Test
    void roundTripPreservesValuesAndTypes() {
        Map<String, Object> m = sample();
        for (String text : List.of(Json.write(m), Json.writePretty(m))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> back = (Map<String, Object>) Json.parse(text);
            assertEquals(new ArrayList<>(m.keySet()), new ArrayList<>(back.keySet()));
            assertEquals("cart\"pole\n", back.get("name"));
            assertEquals(3.0e-4, back.get("lr"));
            assertEquals(500_000L, back.get("steps"));
            assertEquals(2.0, back.get("two"));
            assertInstanceOf(Double.class, back.get("two"));
            assertEquals(Boolean.TRUE, back.get("flag"));
            assertNull(back.get("none"));
            assertEquals(List.of(1L, 2.5, "x"), back.get("list"));
            assertEquals(Json.write(m), Json.write(back));
        }
    }

    @Test
    void doublesRoundTripExactly() {
        double[] values = {0.1, 1.0 / 3, 1e-300, 4.9e-324, Double.MAX_VALUE, -0.0, 123456789.123, 1e21};
        for (double v : values) {
            assertEquals(v, (Double) Json.parse(Json.write(v)), "value " + v);
        }
        assertEquals("[1.5,0.1]", Json.write(new float[] {1.5f, 0.1f}));
        assertEquals((float) 0.1, ((Double) Json.parse("0.1")).floatValue());
    }

    @Test
    void writesPrimitiveArraysAndEscapes() {
        assertEquals("[1,2]", Json.write(new int[] {1, 2}));
        assertEquals("[-9223372036854775808]", Json.write(new long[] {Long.MIN_VALUE}));
        assertEquals("[true]", Json.write(new boolean[] {true}));
        assertEquals("\"\\u0001\\t\\\\é😀\"", Json.write("\u0001\t\\é😀"));
        assertEquals("\"\\ud800\"", Json.write("\ud800"));
    }

    @Test
    void writesEnumsAndPathsAsStrings() {
        assertEquals("[\"HALF_EVEN\",\"runs/x\"]",
                Json.write(List.of(java.math.RoundingMode.HALF_EVEN, Path.of("runs", "x"))));
    }

    @Test
    void rejectsNonFiniteNumbersNamingThePath() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("losses", List.of(1.0, Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(m));
        assertTrue(e.getMessage().contains("$.losses[1]"), e.getMessage());
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Float.NEGATIVE_INFINITY));
    }

    @Test
    void rejectsUnorderedMapsAndUnknownTypes() {
        Map<String, Object> unordered = new HashMap<>();
        unordered.put("a", 1);
        unordered.put("b", 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(unordered));
        assertTrue(e.getMessage().contains("LinkedHashMap"), e.getMessage());
        assertEquals("{\"a\":1,\"b\":2}", Json.write(new TreeMap<>(unordered)));
        assertEquals("{\"a\":1}", Json.write(Map.of("a", 1)));
        e = assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(new Object())));
        assertTrue(e.getMessage().contains("$[0]") && e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, 2)));
    }

    @Test
    void parsesScalarsAndNumbers() {
        assertEquals(0L, Json.parse("0"));
        assertEquals(-12L, Json.parse(" -12 "));
        assertEquals(1.5e10, Json.parse("1.5E+10"));
        assertEquals(-0.25, Json.parse("-2.5e-1"));
        assertEquals(1e19, Json.parse("10000000000000000000"));
        assertEquals("a/b\u00e9\uD83D\uDE00", Json.parse("\"a\\/b\\u00E9\\ud83d\\ude00\""));
        assertEquals(Boolean.FALSE, Json.parse("false"));
        assertNull(Json.parse("null"));
    }

    @Test
    void errorReportsLineAndColumn() {
        String text = "{\n  \"a\": 1,\n  \"b\" 2\n}";
        Json.MalformedJsonException e =
                assertThrows(Json.MalformedJsonException.class, () -> Json.parse(text));
        assertEquals(3, e.line());
        assertEquals(7, e.column());
        assertEquals("malformed JSON at line 3, column 7: expected ':' but found '2'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "+1", "NaN",
        "Infinity", "'a'", "\"abc", "\"a\\x\"", "\"\\u12G4\"", "\"tab\there\"", "[1] 2", "{a:1}", "// c\n1",
        "tru", "nul", "{\"a\":1 \"b\":2}", "[1 2]", "1e400", "{\"k\":1,\"k\":2}", "\u00a01"})
    void rejectsMalformedInput(String text) {
        Json.MalformedJsonException e =
                assertThrows(Json.MalformedJsonException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().startsWith("malformed JSON at line 1, column "), e.getMessage());
    }

    @Test
    void rejectsDeepNestingWithoutStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        Json.MalformedJsonException e =
                assertThrows(Json.MalformedJsonException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nesting deeper"), e.getMessage());
    }

    @Test
    void duplicateKeyErrorPointsAtTheKey() {
        Json.MalformedJsonException e = assertThrows(Json.MalformedJsonException.class,
                () -> Json.parse("{\"k\": 1,\r\n \"k\": 2}"));
        assertEquals(2, e.line());
        assertEquals(2, e.column());
        assertTrue(e.detail().contains("duplicate key \"k\""));
    }

    @Test
    void fileRoundTripIsDeterministicAndNamesTheFileOnError() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Json.writeFile(a, sample());
        Json.writeFile(b, sample());
        assertEquals(-1, Files.mismatch(a, b));
        assertTrue(Files.readString(a).endsWith("}\n"));
        assertEquals(Json.write(sample()), Json.write(Json.parseFile(a)));

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"a\": [1, 2}\n");
        Json.MalformedJsonException e = assertThrows(Json.MalformedJsonException.class, () -> Json.parseFile(bad));
        assertTrue(e.getMessage().startsWith("malformed JSON in " + bad + " at line 1, column 12"), e.getMessage());

        Path bom = dir.resolve("bom.json");
        Files.writeString(bom, "\uFEFF[1]");
        assertEquals(List.of(1L), Json.parseFile(bom));

        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, "\"caf\u00e9\"".getBytes(StandardCharsets.ISO_8859_1));
        IOException io = assertThrows(IOException.class, () -> Json.parseFile(latin1));
        assertTrue(io.getMessage().contains("not valid UTF-8"), io.getMessage());
    }
}
