package dev.proxima.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr: redrawn in place on a terminal at most five times a second, or a plain
 * line every 10% when stderr is redirected (CI logs).
 */
final class Progress {
    private final PrintStream err;
    private final String label;
    private final long total;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private int lastDecile = -1;

    Progress(PrintStream err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
        this.interactive = System.console() != null && System.console().isTerminal();
    }

    void update(long done, String status) {
        long now = System.nanoTime();
        double fraction = Math.min(1.0, (double) done / total);
        int decile = (int) (fraction * 10);
        if (interactive) {
            if (now - lastDrawNanos < 200_000_000L && done < total) {
                return;
            }
            lastDrawNanos = now;
            int width = 30, filled = (int) Math.round(fraction * width);
            err.print("\r" + label + " [" + "#".repeat(filled) + "-".repeat(width - filled) + "] "
                    + line(done, fraction, now, status) + "   ");
            err.flush();
        } else if (decile > lastDecile) {
            lastDecile = decile;
            err.println(label + " " + line(done, fraction, now, status));
        }
    }

    private String line(long done, double fraction, long now, String status) {
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        return String.format(Locale.ROOT, "%3.0f%% %d/%d steps | %s steps/s | %s | ETA %s", 100 * fraction, done, total,
                compact(rate), status, Double.isNaN(eta) ? "?" : String.format(Locale.ROOT, "%.0fs", eta));
    }

    void finish() {
        if (interactive) {
            err.println();
        }
    }

    static String compact(double v) {
        return v >= 1e6 ? String.format(Locale.ROOT, "%.1fM", v / 1e6)
                : v >= 1e3 ? String.format(Locale.ROOT, "%.1fk", v / 1e3) : String.format(Locale.ROOT, "%.0f", v);
    }
}
