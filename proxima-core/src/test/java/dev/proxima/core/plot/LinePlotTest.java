package dev.proxima.core.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
    @TempDir
    Path dir;

    private static LinePlot.Builder learningCurves() {
        int n = 200;
        double[] x = new double[n];
        double[] mean = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] other = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 2500.0;
            mean[i] = 500 * (1 - Math.exp(-i / 40.0));
            lo[i] = mean[i] - 30;
            hi[i] = mean[i] + 30;
            other[i] = 350 * (1 - Math.exp(-i / 80.0));
        }
        return LinePlot.builder()
                .title("CartPole-v1")
                .xLabel("environment steps")
                .yLabel("episode return")
                .series("PPO (5 seeds)", x, mean, lo, hi)
                .series("MDPO", x, other)
                .referenceLine(475, "solved (475)");
    }

    @Test
    void writesAReadablePngOfTheDefaultSize() throws IOException {
        Path file = dir.resolve("returns.png");
        learningCurves().writePng(file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "not a PNG ImageIO can read");
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
    }

    @Test
    void plotAreaContainsTheSeriesColours() {
        BufferedImage image = learningCurves().render();
        int background = 0xFFFFFF;
        int coloured = 0;
        int blue = 0;
        for (int y = 100; y < 400; y++) {
            for (int x = 150; x < 700; x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb != background) {
                    coloured++;
                }
                if (rgb == 0x0072B2) {
                    blue++;
                }
            }
        }
        assertTrue(coloured > 5000, "only " + coloured + " non-background pixels in the plot area");
        assertTrue(blue > 100, "the first series' line is missing: " + blue + " pixels of its colour");
    }

    @Test
    void sameInputGivesIdenticalBytes() throws IOException {
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        learningCurves().writePng(a);
        learningCurves().writePng(b);
        assertEquals(-1, Files.mismatch(a, b));
    }

    @Test
    void customSizeAndEdgeCasesRender() throws IOException {
        byte[] png = LinePlot.builder()
                .size(400, 300)
                .series("flat", new double[] {1, 2, 3}, new double[] {5, 5, 5})
                .series("gappy", new double[] {1, 2, 3, 4, 5}, new double[] {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 2})
                .series("empty", new double[0], new double[0])
                .toPng();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight());
        // nothing finite at all still gives a picture with empty axes
        assertEquals(800, LinePlot.builder().series("nan", new double[] {1}, new double[] {Double.NaN})
                .render().getWidth());
        // a single point
        assertEquals(800, LinePlot.builder().series("one", new double[] {0}, new double[] {-3}).render().getWidth());
    }

    @Test
    void rejectsBadInputWithClearMessages() {
        assertEquals("a line plot needs at least one series",
                assertThrows(IllegalArgumentException.class, () -> LinePlot.builder().build()).getMessage());
        assertEquals("series 's': x has 2 values but y has 3", assertThrows(IllegalArgumentException.class,
                () -> LinePlot.builder().series("s", new double[2], new double[3])).getMessage());
        assertEquals("series 's' was already added", assertThrows(IllegalArgumentException.class,
                () -> LinePlot.builder().series("s", new double[1], new double[1])
                        .series("s", new double[1], new double[1])).getMessage());
        assertEquals("plot width must be in [200, 10000] pixels, was 50",
                assertThrows(IllegalArgumentException.class, () -> LinePlot.builder().size(50, 500)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LinePlot.builder().series("s", new double[2], new double[2], new double[1], new double[2]));
        assertThrows(IllegalArgumentException.class, () -> LinePlot.builder().referenceLine(Double.NaN, "x"));
    }

    @Test
    void runsHeadless() {
        LinePlot.builder().series("s", new double[] {0, 1}, new double[] {0, 1}).build();
        assertEquals("true", System.getProperty("java.awt.headless"));
    }

    @Test
    void niceStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertEquals(1, LinePlot.Axis.niceStep(0.7));
        assertEquals(2, LinePlot.Axis.niceStep(1.3));
        assertEquals(2.5, LinePlot.Axis.niceStep(2.2));
        assertEquals(5, LinePlot.Axis.niceStep(3));
        assertEquals(10, LinePlot.Axis.niceStep(7));
        assertEquals(50_000, LinePlot.Axis.niceStep(41_000));
        assertEquals(0.002, LinePlot.Axis.niceStep(0.0017), 1e-15);
    }

    @Test
    void ticksLieInsideTheRangeAtMultiplesOfTheStep() {
        LinePlot.Axis axis = LinePlot.Axis.of(-20, 520, 5);
        assertEquals(200, axis.step);
        assertArrayEquals(new double[] {0, 200, 400}, axis.ticks);
        axis = LinePlot.Axis.of(0, 1, 10);
        assertEquals(List.of("0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"), axis.labels);
    }

    @Test
    void tickLabelsUseJustEnoughDecimalsAndSuffixes() {
        assertEquals(List.of("0", "2.5", "5.0", "7.5"),
                LinePlot.TickFormat.labels(new double[] {0, 2.5, 5, 7.5}, 2.5));
        assertEquals(List.of("-100", "0", "100"),
                LinePlot.TickFormat.labels(new double[] {-100, -0.0, 100}, 100));
        assertEquals(List.of("0", "25k", "50k", "75k", "100k"),
                LinePlot.TickFormat.labels(new double[] {0, 25_000, 50_000, 75_000, 100_000}, 25_000));
        assertEquals(List.of("0", "0.5M", "1.0M", "1.5M"),
                LinePlot.TickFormat.labels(new double[] {0, 500_000, 1_000_000, 1_500_000}, 500_000));
        assertEquals(List.of("0", "2e-4", "4e-4"), LinePlot.TickFormat.labels(new double[] {0, 2e-4, 4e-4}, 2e-4));
        assertEquals(List.of("0.30", "0.35"),
                LinePlot.TickFormat.labels(new double[] {0.30000000000000004, 0.35}, 0.05000000000000001));
    }
}
