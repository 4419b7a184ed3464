package dev.proxima.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {
    @TempDir
    Path dir;

    private static final List<String> COLUMNS = List.of("step", "return", "loss");

    private static Map<String, Object> row(long step) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("step", step);
        r.put("return", step * 0.1);
        r.put("loss", 1.0 / (step + 1));
        return r;
    }

    @Test
    void formatsValuesDeterministically() throws IOException {
        Path file = dir.resolve("metrics.csv");
        try (MetricsCsv csv = MetricsCsv.open(file, List.of("step", "a", "b", "c", "d", "e"), false)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("step", 1000L);
            r.put("a", 0.1);
            r.put("b", 1e-5);
            r.put("c", 0.1f);
            r.put("d", Double.NaN);
            r.put("e", 3);
            csv.append(r);
            csv.append(Map.of("step", 2000, "a", 2.0));
        }
        assertEquals("step,a,b,c,d,e\n1000,0.1,1.0E-5,0.1,NaN,3\n2000,2.0,,,,\n", Files.readString(file));
    }

    @Test
    void firstRowFixesTheColumnsWhenNoneAreDeclared() throws IOException {
        Path file = dir.resolve("metrics.csv");
        try (MetricsCsv csv = MetricsCsv.open(file, List.of(), false)) {
            assertEquals(List.of(), csv.columns());
            csv.append(row(0));
            assertEquals(COLUMNS, csv.columns());
            csv.append(Map.of("loss", 0.5));
        }
        assertEquals("step,return,loss\n0,0.0,1.0\n,,0.5\n", Files.readString(file));

        Map<String, Object> unordered = new HashMap<>(row(1));
        try (MetricsCsv csv = MetricsCsv.open(dir.resolve("other.csv"), List.of(), false)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> csv.append(unordered));
            assertTrue(e.getMessage().contains("LinkedHashMap"), e.getMessage());
        }
    }

    @Test
    void rejectsUnknownColumnsAndNonNumbers() throws IOException {
        try (MetricsCsv csv = MetricsCsv.open(dir.resolve("metrics.csv"), COLUMNS, false)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> csv.append(Map.of("reward", 1.0)));
            assertTrue(e.getMessage().startsWith("metrics row has column 'reward', which is not in the header "
                    + "[step, return, loss]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> csv.append(Map.of("loss", "high")));
            assertEquals("metric 'loss' has value high of type java.lang.String; metrics must be numbers", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> MetricsCsv.open(dir.resolve("x.csv"), List.of("a,b"), false));
        assertThrows(IllegalArgumentException.class, () -> MetricsCsv.open(dir.resolve("y.csv"), List.of("a", "a"), false));
    }

    @Test
    void neverOverwritesAnExistingFileAndChecksTheHeaderOnResume() throws IOException {
        Path file = dir.resolve("metrics.csv");
        try (MetricsCsv csv = MetricsCsv.open(file, COLUMNS, false)) {
            csv.append(row(1));
        }
        String before = Files.readString(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetricsCsv.open(file, COLUMNS, false));
        assertTrue(e.getMessage().startsWith("metrics file " + file + " already exists"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MetricsCsv.open(file, List.of("step", "loss"), true));
        assertEquals("metrics file " + file + " has columns [step, return, loss] but this run writes [step, loss]; "
                + "resume with the same configuration or use a new folder", e.getMessage());
        assertEquals(before, Files.readString(file));
        try (MetricsCsv csv = MetricsCsv.open(file, List.of(), true)) {
            assertEquals(COLUMNS, csv.columns());
            csv.append(row(2));
        }
        assertEquals(3, Files.readAllLines(file).size());
    }

    @Test
    void resumedRunEndsWithTheSameFileAsAnUninterruptedOne() throws IOException {
        Path straight = dir.resolve("straight.csv");
        try (MetricsCsv csv = MetricsCsv.open(straight, COLUMNS, false)) {
            for (long s = 1; s <= 10; s++) {
                csv.append(row(s));
            }
        }
        Path resumed = dir.resolve("resumed.csv");
        try (MetricsCsv csv = MetricsCsv.open(resumed, COLUMNS, false)) {
            for (long s = 1; s <= 7; s++) {
                csv.append(row(s));
            }
        }
        // the crash hit in the middle of writing row 8
        Files.writeString(resumed, "8,0.8,0.11", StandardOpenOption.APPEND);
        try (MetricsCsv csv = MetricsCsv.open(resumed, COLUMNS, true)) {
            assertEquals(2, csv.truncateAfter("step", 5)); // the checkpoint was at step 5
            for (long s = 6; s <= 10; s++) {
                csv.append(row(s));
            }
        }
        assertEquals(-1, Files.mismatch(straight, resumed));
        try (MetricsCsv csv = MetricsCsv.open(resumed, COLUMNS, true)) {
            assertEquals(0, csv.truncateAfter("step", 10));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> csv.truncateAfter("epoch", 3));
            assertTrue(e.getMessage().contains("'epoch': it is not among the columns [step, return, loss]"));
        }
        assertEquals(-1, Files.mismatch(straight, resumed));
    }

    @Test
    void aHeaderCutOffMidWriteIsRewritten() throws IOException {
        Path file = dir.resolve("metrics.csv");
        Files.writeString(file, "step,ret");
        try (MetricsCsv csv = MetricsCsv.open(file, COLUMNS, true)) {
            csv.append(row(1));
        }
        assertEquals("step,return,loss\n1,0.1,0.5\n", Files.readString(file));
    }

    @Test
    void readsColumnsAndRowsAsDoubles() throws IOException {
        Path file = dir.resolve("metrics.csv");
        Files.writeString(file, "step,return,loss\n1,0.5,\n2,NaN,1.0E-5\n3,-Infinity,2\n4,9");
        MetricsCsv.Table t = MetricsCsv.read(file);
        assertEquals(COLUMNS, t.columns());
        assertEquals(3, t.size());
        assertArrayEquals(new double[] {1, 2, 3}, t.column("step"));
        assertArrayEquals(new double[] {0.5, Double.NaN, Double.NEGATIVE_INFINITY}, t.column("return"));
        assertArrayEquals(new double[] {Double.NaN, 1e-5, 2}, t.column("loss"));
        assertThrows(IllegalArgumentException.class, () -> t.column("reward"));
    }

    @Test
    void readReportsTheFileAndLineOfABadRow() throws IOException {
        Path file = dir.resolve("metrics.csv");
        Files.writeString(file, "step,loss\n1,0.5\n2\n");
        assertEquals("metrics file " + file + " line 3 has 1 values but the header has 2 columns",
                assertThrows(IllegalArgumentException.class, () -> MetricsCsv.read(file)).getMessage());
        Files.writeString(file, "step,loss\n1,0.5\n2,abc\n");
        assertEquals("metrics file " + file + " line 3, column 'loss': 'abc' is not a number",
                assertThrows(IllegalArgumentException.class, () -> MetricsCsv.read(file)).getMessage());
        Files.writeString(file, "step,lo");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsCsv.read(file))
                .getMessage().endsWith("has no complete header line"));
    }

    @Test
    void writtenFileReadsBack() throws IOException {
        Path file = dir.resolve("metrics.csv");
        try (MetricsCsv csv = MetricsCsv.open(file, COLUMNS, false)) {
            for (long s = 0; s < 5; s++) {
                csv.append(row(s));
            }
            // each row is visible to readers before close
            assertEquals(5, MetricsCsv.read(file).size());
        }
        MetricsCsv.Table t = MetricsCsv.read(file);
        assertEquals(0.1 * 3, t.column("return")[3]);
        assertEquals(1.0 / 3, t.column("loss")[2]);
    }
}
