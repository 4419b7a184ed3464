package dev.proxima.core.plot;

import dev.proxima.core.io.AtomicFiles;
import dev.proxima.core.util.Checks;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A line chart rendered to PNG, for the learning curves every run writes next to its
 * {@code metrics.csv}. Core cannot depend on a charting library, and a fixed, small feature set
 * keeps the pictures uniform across runs: named series, an optional shaded band per series
 * (mean ± std over seeds, say), dashed horizontal reference lines (a task's solved threshold),
 * nice-number ticks on both axes, a legend placed in the emptiest corner.
 *
 * <p>Non-finite values (NaN, ±Infinity) in a series are gaps: the line breaks there instead of
 * failing the whole plot, since a diverged evaluation should still leave a readable picture.
 *
 * <p>Rendering is deterministic: the same input on the same machine (same fonts) gives the same
 * PNG bytes. No timestamp or other varying metadata is written.
 */
public final class LinePlot {
    static {
        // Plots are drawn off screen; without this, AWT may try to reach a display (and on macOS
        // puts an icon in the dock). Respect an explicit choice made by the application.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    public static final int DEFAULT_WIDTH = 800;
    public static final int DEFAULT_HEIGHT = 500;

    /** Okabe–Ito colours: distinguishable with the common forms of colour blindness. */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x999933),
    };
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color FRAME = new Color(0x333333);
    private static final Color GRID = new Color(0xE5E5E5);
    private static final Color TEXT = new Color(0x222222);
    private static final Color REFERENCE = new Color(0x555555);
    private static final String FONT = Font.SANS_SERIF;

    private record Series(String name, double[] x, double[] y, double[] lower, double[] upper) {}

    private record Reference(double y, String label) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final int width;
    private final int height;
    private final List<Series> series;
    private final List<Reference> references;

    private LinePlot(Builder b) {
        this.title = b.title;
        this.xLabel = b.xLabel;
        this.yLabel = b.yLabel;
        this.width = b.width;
        this.height = b.height;
        this.series = List.copyOf(b.series);
        this.references = List.copyOf(b.references);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects what to draw; every method checks its input at once so errors point at the call. */
    public static final class Builder {
        private String title;
        private String xLabel;
        private String yLabel;
        private int width = DEFAULT_WIDTH;
        private int height = DEFAULT_HEIGHT;
        private final List<Series> series = new ArrayList<>();
        private final List<Reference> references = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder() {}

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder xLabel(String label) {
            this.xLabel = label;
            return this;
        }

        public Builder yLabel(String label) {
            this.yLabel = label;
            return this;
        }

        /** Image size in pixels; 200×150 up to 10000×10000. */
        public Builder size(int width, int height) {
            Checks.require(width >= 200 && width <= 10_000, "plot width must be in [200, 10000] pixels, was " + width);
            Checks.require(height >= 150 && height <= 10_000,
                    "plot height must be in [150, 10000] pixels, was " + height);
            this.width = width;
            this.height = height;
            return this;
        }

        /** A line through the points (x[i], y[i]); the arrays are copied. */
        public Builder series(String name, double[] x, double[] y) {
            return add(name, x, y, null, null);
        }

        /**
         * A line with a shaded band between {@code lower[i]} and {@code upper[i]}, for example mean ± one
         * standard deviation over seeds; the arrays are copied.
         */
        public Builder series(String name, double[] x, double[] y, double[] lower, double[] upper) {
            Objects.requireNonNull(lower, "lower");
            Objects.requireNonNull(upper, "upper");
            return add(name, x, y, lower, upper);
        }

        /** A dashed horizontal line at {@code y}, listed in the legend as {@code label} unless it is null. */
        public Builder referenceLine(double y, String label) {
            Checks.require(Double.isFinite(y), "reference line y must be finite, was " + y);
            references.add(new Reference(y, label));
            return this;
        }

        private Builder add(String name, double[] x, double[] y, double[] lower, double[] upper) {
            Objects.requireNonNull(name, "series name");
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            Checks.require(!name.isBlank(), "series name must not be blank");
            Checks.require(names.add(name), "series '" + name + "' was already added");
            Checks.require(x.length == y.length, "series '" + name + "': x has " + x.length
                    + " values but y has " + y.length);
            if (lower != null) {
                Checks.require(lower.length == x.length && upper.length == x.length, "series '" + name
                        + "': band arrays have " + lower.length + " and " + upper.length
                        + " values but x has " + x.length);
            }
            series.add(new Series(name, x.clone(), y.clone(), lower == null ? null : lower.clone(),
                    upper == null ? null : upper.clone()));
            return this;
        }

        public LinePlot build() {
            Checks.require(!series.isEmpty(), "a line plot needs at least one series");
            return new LinePlot(this);
        }

        public BufferedImage render() {
            return build().render();
        }

        public byte[] toPng() {
            return build().toPng();
        }

        public void writePng(Path file) throws IOException {
            build().writePng(file);
        }
    }

    /** Writes the plot as a PNG file, atomically. */
    public void writePng(Path file) throws IOException {
        AtomicFiles.write(file, toPng());
    }

    /** The plot encoded as PNG. */
    public byte[] toPng() {
        BufferedImage image = render();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no PNG encoder (module java.desktop is incomplete)");
        }
        ImageWriter writer = writers.next();
        // An in-memory stream, so ImageIO does not create cache files in the temp folder.
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The plot as an RGB image. */
    public BufferedImage render() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            draw(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    // ------------------------------------------------------------------ layout and drawing

    private void draw(Graphics2D g) {
        Font titleFont = new Font(FONT, Font.BOLD, 16);
        Font labelFont = new Font(FONT, Font.PLAIN, 14);
        Font tickFont = new Font(FONT, Font.PLAIN, 12);
        FontMetrics titleFm = g.getFontMetrics(titleFont);
        FontMetrics labelFm = g.getFontMetrics(labelFont);
        FontMetrics tickFm = g.getFontMetrics(tickFont);

        double[] xr = xRange();
        double[] yr = yRange();
        Axis yAxis = Axis.fit(yr[0], yr[1], Math.clamp(height / 70, 3, 10), tickFm, false, 0);

        int tickLen = 5;
        int top = title == null ? 16 : 12 + titleFm.getHeight() + 12;
        int yTickWidth = 0;
        for (String s : yAxis.labels) {
            yTickWidth = Math.max(yTickWidth, tickFm.stringWidth(s));
        }
        int left = 12 + (yLabel == null ? 0 : labelFm.getHeight() + 8) + yTickWidth + 6 + tickLen;
        int bottom = tickLen + 4 + tickFm.getHeight() + (xLabel == null ? 0 : 8 + labelFm.getHeight()) + 12;
        int right = 24;
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        Checks.require(plotW > 20 && plotH > 20, "plot of " + width + "x" + height
                + " pixels leaves no room for the data area; make it larger");
        Axis xAxis = Axis.fit(xr[0], xr[1], Math.clamp(plotW / 110, 3, 10), tickFm, true, plotW);
        Rectangle2D area = new Rectangle2D.Double(left, top, plotW, plotH);
        Mapper map = new Mapper(area, xAxis.lo, xAxis.hi, yAxis.lo, yAxis.hi);

        // grid and ticks
        g.setStroke(new BasicStroke(1f));
        g.setFont(tickFont);
        for (int i = 0; i < yAxis.ticks.length; i++) {
            double py = map.py(yAxis.ticks[i]);
            g.setColor(GRID);
            g.draw(new Line2D.Double(left, py, left + plotW, py));
            g.setColor(FRAME);
            g.draw(new Line2D.Double(left - tickLen, py, left, py));
            g.setColor(TEXT);
            String s = yAxis.labels.get(i);
            g.drawString(s, (float) (left - tickLen - 6 - tickFm.stringWidth(s)),
                    (float) (py + (tickFm.getAscent() - tickFm.getDescent()) / 2.0));
        }
        for (int i = 0; i < xAxis.ticks.length; i++) {
            double px = map.px(xAxis.ticks[i]);
            g.setColor(GRID);
            g.draw(new Line2D.Double(px, top, px, top + plotH));
            g.setColor(FRAME);
            g.draw(new Line2D.Double(px, top + plotH, px, top + plotH + tickLen));
            g.setColor(TEXT);
            String s = xAxis.labels.get(i);
            g.drawString(s, (float) (px - tickFm.stringWidth(s) / 2.0), top + plotH + tickLen + 4 + tickFm.getAscent());
        }

        // data, clipped to the plot area
        Shape oldClip = g.getClip();
        g.clip(area);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (s.lower() != null) {
                Color c = PALETTE[i % PALETTE.length];
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 56));
                for (Path2D band : bands(s, map)) {
                    g.fill(band);
                }
            }
        }
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
        g.setColor(REFERENCE);
        for (Reference r : references) {
            double py = map.py(r.y());
            g.draw(new Line2D.Double(left, py, left + plotW, py));
        }
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < series.size(); i++) {
            g.setColor(PALETTE[i % PALETTE.length]);
            drawLine(g, series.get(i), map);
        }
        g.setClip(oldClip);

        // frame
        g.setStroke(new BasicStroke(1f));
        g.setColor(FRAME);
        g.draw(new Rectangle2D.Double(left, top, plotW, plotH));

        // title and axis labels
        g.setColor(TEXT);
        if (title != null) {
            g.setFont(titleFont);
            g.drawString(title, (float) (left + (plotW - titleFm.stringWidth(title)) / 2.0), 12 + titleFm.getAscent());
        }
        g.setFont(labelFont);
        if (xLabel != null) {
            g.drawString(xLabel, (float) (left + (plotW - labelFm.stringWidth(xLabel)) / 2.0),
                    height - 12 - labelFm.getDescent());
        }
        if (yLabel != null) {
            AffineTransform saved = g.getTransform();
            g.translate(12 + labelFm.getAscent(), top + (plotH + labelFm.stringWidth(yLabel)) / 2.0);
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, 0f, 0f);
            g.setTransform(saved);
        }
        drawLegend(g, tickFont, tickFm, area, map);
    }

    private void drawLine(Graphics2D g, Series s, Mapper map) {
        Path2D.Double path = new Path2D.Double();
        boolean open = false;
        for (int j = 0; j < s.x().length; j++) {
            if (!finitePoint(s, j)) {
                open = false;
                continue;
            }
            double px = map.px(s.x()[j]);
            double py = map.py(s.y()[j]);
            if (open) {
                path.lineTo(px, py);
            } else {
                path.moveTo(px, py);
                open = true;
            }
        }
        g.draw(path);
        // A point with no finite neighbour draws no line; mark it so that, say, a run with a single
        // evaluation still shows its result.
        for (int j = 0; j < s.x().length; j++) {
            if (isolated(s, j)) {
                g.fill(new Ellipse2D.Double(map.px(s.x()[j]) - 3, map.py(s.y()[j]) - 3, 6, 6));
            }
        }
    }

    private static boolean finitePoint(Series s, int j) {
        return j >= 0 && j < s.x().length && Double.isFinite(s.x()[j]) && Double.isFinite(s.y()[j]);
    }

    private static boolean isolated(Series s, int j) {
        return finitePoint(s, j) && !finitePoint(s, j - 1) && !finitePoint(s, j + 1);
    }

    /** One closed polygon per run of points where x and both band edges are finite. */
    private static List<Path2D> bands(Series s, Mapper map) {
        List<Path2D> out = new ArrayList<>();
        int n = s.x().length;
        int j = 0;
        while (j < n) {
            while (j < n && !bandPoint(s, j)) {
                j++;
            }
            int start = j;
            while (j < n && bandPoint(s, j)) {
                j++;
            }
            if (j - start >= 2) {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(map.px(s.x()[start]), map.py(s.upper()[start]));
                for (int k = start + 1; k < j; k++) {
                    p.lineTo(map.px(s.x()[k]), map.py(s.upper()[k]));
                }
                for (int k = j - 1; k >= start; k--) {
                    p.lineTo(map.px(s.x()[k]), map.py(s.lower()[k]));
                }
                p.closePath();
                out.add(p);
            }
        }
        return out;
    }

    private static boolean bandPoint(Series s, int j) {
        return Double.isFinite(s.x()[j]) && Double.isFinite(s.lower()[j]) && Double.isFinite(s.upper()[j]);
    }

    private void drawLegend(Graphics2D g, Font font, FontMetrics fm, Rectangle2D area, Mapper map) {
        List<String> labels = new ArrayList<>();
        for (Series s : series) {
            labels.add(s.name());
        }
        List<Reference> shown = references.stream().filter(r -> r.label() != null).toList();
        for (Reference r : shown) {
            labels.add(r.label());
        }
        int pad = 8;
        int sample = 28;
        int rowH = fm.getHeight() + 4;
        int textW = 0;
        for (String l : labels) {
            textW = Math.max(textW, fm.stringWidth(l));
        }
        double boxW = pad + sample + 6 + textW + pad;
        double boxH = pad + rowH * labels.size() - 4 + pad;
        double inset = 10;
        double[][] corners = {
            {area.getMaxX() - inset - boxW, area.getY() + inset},          // upper right
            {area.getX() + inset, area.getY() + inset},                      // upper left
            {area.getMaxX() - inset - boxW, area.getMaxY() - inset - boxH},  // lower right
            {area.getX() + inset, area.getMaxY() - inset - boxH},            // lower left
        };
        double[] best = corners[1];
        long bestCount = Long.MAX_VALUE;
        for (double[] c : corners) {
            long count = pointsInside(new Rectangle2D.Double(c[0], c[1], boxW, boxH), map);
            if (count < bestCount) {
                bestCount = count;
                best = c;
            }
        }
        Rectangle2D box = new Rectangle2D.Double(best[0], best[1], boxW, boxH);
        g.setColor(new Color(255, 255, 255, 220));
        g.fill(box);
        g.setColor(new Color(0xBBBBBB));
        g.setStroke(new BasicStroke(1f));
        g.draw(box);
        g.setFont(font);
        double y = box.getY() + pad;
        for (int i = 0; i < labels.size(); i++) {
            double mid = y + fm.getHeight() / 2.0;
            double x0 = box.getX() + pad;
            if (i < series.size()) {
                Color c = PALETTE[i % PALETTE.length];
                if (series.get(i).lower() != null) {
                    g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 56));
                    g.fill(new Rectangle2D.Double(x0, mid - 5, sample, 10));
                }
                g.setColor(c);
                g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            } else {
                g.setColor(REFERENCE);
                g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {7f, 5f}, 0f));
            }
            g.draw(new Line2D.Double(x0, mid, x0 + sample, mid));
            g.setColor(TEXT);
            g.drawString(labels.get(i), (float) (x0 + sample + 6), (float) (y + fm.getAscent()));
            y += rowH;
        }
    }

    /** How many data points (sampled evenly, at most 2000 per series) a legend box would hide. */
    private long pointsInside(Rectangle2D r, Mapper map) {
        long count = 0;
        for (Series s : series) {
            int n = s.x().length;
            int stride = Math.max(1, n / 2000);
            for (int j = 0; j < n; j += stride) {
                if (finitePoint(s, j) && r.contains(map.px(s.x()[j]), map.py(s.y()[j]))) {
                    count++;
                }
            }
        }
        return count;
    }

    // ------------------------------------------------------------------ ranges and ticks

    private double[] xRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int j = 0; j < s.x().length; j++) {
                if (finitePoint(s, j) || (s.lower() != null && bandPoint(s, j))) {
                    lo = Math.min(lo, s.x()[j]);
                    hi = Math.max(hi, s.x()[j]);
                }
            }
        }
        return widen(lo, hi, 0);
    }

    private double[] yRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int j = 0; j < s.x().length; j++) {
                if (finitePoint(s, j)) {
                    lo = Math.min(lo, s.y()[j]);
                    hi = Math.max(hi, s.y()[j]);
                }
                if (s.lower() != null && bandPoint(s, j)) {
                    lo = Math.min(lo, Math.min(s.lower()[j], s.upper()[j]));
                    hi = Math.max(hi, Math.max(s.lower()[j], s.upper()[j]));
                }
            }
        }
        for (Reference r : references) {
            lo = Math.min(lo, r.y());
            hi = Math.max(hi, r.y());
        }
        return widen(lo, hi, 0.04);
    }

    /** Adds a margin so lines do not run along the frame, and gives empty or flat data a range. */
    private static double[] widen(double lo, double hi, double margin) {
        if (lo > hi) {
            return new double[] {0, 1}; // nothing finite to show
        }
        if (lo == hi) {
            double d = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            return new double[] {lo - d, hi + d};
        }
        double range = hi - lo;
        Checks.require(Double.isFinite(range), "plot values span [" + lo + ", " + hi + "], too wide to draw");
        return new double[] {lo - margin * range, hi + margin * range};
    }

    /** Maps data coordinates to pixels. */
    private record Mapper(Rectangle2D area, double xlo, double xhi, double ylo, double yhi) {
        double px(double x) {
            return area.getX() + (x - xlo) / (xhi - xlo) * area.getWidth();
        }

        double py(double y) {
            return area.getMaxY() - (y - ylo) / (yhi - ylo) * area.getHeight();
        }
    }

    /** An axis range with tick positions at "nice" numbers (1, 2, 2.5 or 5 times a power of ten). */
    static final class Axis {
        final double lo;
        final double hi;
        final double step;
        final double[] ticks;
        final List<String> labels;

        private Axis(double lo, double hi, double step) {
            this.lo = lo;
            this.hi = hi;
            this.step = step;
            long first = (long) Math.ceil(lo / step - 1e-9);
            long last = (long) Math.floor(hi / step + 1e-9);
            int n = (int) Math.max(0, last - first + 1);
            this.ticks = new double[n];
            for (int i = 0; i < n; i++) {
                ticks[i] = (first + i) * step; // multiply, not accumulate, so 0.1 steps stay exact-looking
            }
            this.labels = TickFormat.labels(ticks, step);
        }

        static Axis of(double lo, double hi, int targetTicks) {
            return new Axis(lo, hi, niceStep((hi - lo) / Math.max(1, targetTicks)));
        }

        /**
         * Picks ticks for [lo, hi] close to {@code targetTicks} in number; on a horizontal axis, fewer
         * if the labels would otherwise touch.
         */
        static Axis fit(double lo, double hi, int targetTicks, FontMetrics fm, boolean horizontal, double pixels) {
            Axis axis = of(lo, hi, targetTicks);
            for (int target = targetTicks - 1; horizontal && target >= 1 && !labelsFit(axis, fm, pixels); target--) {
                axis = of(lo, hi, target);
            }
            return axis;
        }

        private static boolean labelsFit(Axis axis, FontMetrics fm, double pixels) {
            int widest = 0;
            for (String s : axis.labels) {
                widest = Math.max(widest, fm.stringWidth(s));
            }
            return widest + 12 <= pixels * axis.step / (axis.hi - axis.lo);
        }

        static double niceStep(double raw) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / magnitude;
            double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
            return nice * magnitude;
        }
    }

    /** Tick labels with just enough decimals for the step, a k/M/G suffix for large values. */
    static final class TickFormat {
        private TickFormat() {}

        static List<String> labels(double[] ticks, double step) {
            double maxAbs = 0;
            for (double t : ticks) {
                maxAbs = Math.max(maxAbs, Math.abs(t));
            }
            List<String> out = new ArrayList<>(ticks.length);
            if (maxAbs > 0 && maxAbs < 1e-3) {
                for (double t : ticks) {
                    out.add(t == 0 || Math.abs(t) < step * 1e-6 ? "0" : scientific(t));
                }
                return out;
            }
            double scale = 1;
            String suffix = "";
            if (maxAbs >= 1e10) {
                for (double t : ticks) {
                    out.add(t == 0 ? "0" : scientific(t));
                }
                return out;
            } else if (maxAbs >= 1e9) {
                scale = 1e9;
                suffix = "G";
            } else if (maxAbs >= 1e6) {
                scale = 1e6;
                suffix = "M";
            } else if (maxAbs >= 1e4) {
                scale = 1e3;
                suffix = "k";
            }
            double scaledStep = step / scale;
            // As many decimals as the step has significant ones (0.25 -> 2, 20 -> 0), ignoring the
            // last-bit noise of the floating-point product that made the step.
            int decimals = Math.max(0, new BigDecimal(scaledStep).round(new MathContext(10))
                    .stripTrailingZeros().scale());
            for (double t : ticks) {
                BigDecimal v = new BigDecimal(Double.toString(t / scale)).setScale(decimals, RoundingMode.HALF_EVEN);
                if (v.signum() == 0) {
                    out.add("0");
                } else {
                    out.add(v.toPlainString() + suffix);
                }
            }
            return out;
        }

        private static String scientific(double t) {
            String s = String.format(Locale.ROOT, "%.2e", t); // e.g. 2.50e-04
            String mantissa = s.substring(0, s.indexOf('e'));
            int exponent = Integer.parseInt(s.substring(s.indexOf('e') + 1));
            mantissa = mantissa.contains(".") ? mantissa.replaceAll("0+$", "").replaceAll("\\.$", "") : mantissa;
            return mantissa + "e" + exponent;
        }
    }
}
