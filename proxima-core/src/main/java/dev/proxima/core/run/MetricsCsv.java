package dev.proxima.core.run;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;

/**
 * The {@code metrics.csv} of a run: one row per logging step, a fixed set of numeric columns.
 *
 * <p>CSV rather than a binary log so that a spreadsheet, pandas or {@code awk} can read a run
 * without Proxima. The file is plain: a header line, comma-separated values, {@code \n} line
 * ends, no quoting (column names may not contain commas, quotes or line breaks). Values are
 * formatted deterministically: integral types ({@code int}, {@code long}, ...) as integers,
 * {@code double} and {@code float} in their shortest round-trip form ({@code 0.1},
 * {@code 1.0E-5}, {@code NaN}); a missing value is an empty cell.
 *
 * <p>Every row reaches the operating system in one write before {@link #append} returns, so a
 * crash loses at most the row being written. A row cut off by a crash has no final line break;
 * {@link #open} in append mode drops it and {@link #read} ignores it.
 *
 * <p>Resuming: a run restored from the checkpoint at step {@code s} reopens the file with
 * {@code append = true} and calls {@link #truncateAfter truncateAfter("step", s)} to remove the
 * rows logged after that checkpoint, which it is about to log again. Given the same rows, the
 * resumed run then ends with a file identical to that of an uninterrupted run.
 *
 * <p>Not thread-safe; one writer per file.
 */
public final class MetricsCsv implements Closeable {
    public static final String FILE_NAME = "metrics.csv";

    private final Path file;
    private final FileChannel channel;
    private List<String> columns; // null until fixed by the first row

    private MetricsCsv(Path file, FileChannel channel, List<String> columns) {
        this.file = file;
        this.channel = channel;
        this.columns = columns;
    }

    /**
     * Opens {@code file} for appending rows.
     *
     * @param columns the column names in order, or an empty list to take them from the first row
     *     appended (or, when appending to an existing file, from its header)
     * @param append whether to continue an existing file; if false the file must not exist or be
     *     empty, so a finished run's metrics are never overwritten
     * @throws IllegalArgumentException if the file exists and {@code append} is false, or its header
     *     differs from {@code columns}
     */
    public static MetricsCsv open(Path file, List<String> columns, boolean append) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(columns, "columns");
        List<String> declared = columns.isEmpty() ? null : checkColumns(columns);
        boolean exists = Files.exists(file);
        if (exists && !append && Files.size(file) > 0) {
            throw new IllegalArgumentException("metrics file " + file + " already exists; open it with "
                    + "append = true to continue it, or write the run to a new folder");
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        try {
            MetricsCsv csv = new MetricsCsv(file, ch, declared);
            csv.recover();
            return csv;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Checks an existing file against the declared columns and drops an unterminated last row. */
    private void recover() throws IOException {
        byte[] bytes = readAll();
        int headerEnd = indexOf(bytes, 0);
        if (headerEnd < 0) {
            // Empty, or a header cut off while being written: start over if it is a prefix of ours.
            String partial = new String(bytes, StandardCharsets.UTF_8);
            if (bytes.length > 0 && (columns == null || !(String.join(",", columns) + "\n").startsWith(partial))) {
                throw new IllegalArgumentException("metrics file " + file + " has no complete header line");
            }
            channel.truncate(0);
            channel.position(0);
            if (columns != null) {
                writeLine(String.join(",", columns));
            }
            return;
        }
        List<String> header = List.of(new String(bytes, 0, headerEnd, StandardCharsets.UTF_8).split(",", -1));
        if (columns == null) {
            columns = checkColumns(header);
        } else if (!columns.equals(header)) {
            throw new IllegalArgumentException("metrics file " + file + " has columns " + header
                    + " but this run writes " + columns + "; resume with the same configuration or use a new folder");
        }
        int end = bytes.length;
        while (end > headerEnd + 1 && bytes[end - 1] != '\n') {
            end--; // an unterminated row: the write was interrupted
        }
        channel.truncate(end);
        channel.position(end);
    }

    public Path path() {
        return file;
    }

    /** The column names, or an empty list while they are still to be fixed by the first row. */
    public List<String> columns() {
        return columns == null ? List.of() : columns;
    }

    /**
     * Appends one row. Columns absent from {@code row} (or mapped to null) are left empty. The
     * first row fixes the columns if none were declared; it must then have a defined order (a
     * {@link SequencedMap} such as {@link LinkedHashMap}) when it has more than one entry.
     *
     * @throws IllegalArgumentException if {@code row} names a column not in the file, or a value is
     *     not a number
     */
    public void append(Map<String, ?> row) throws IOException {
        Objects.requireNonNull(row, "row");
        if (columns == null) {
            if (row.size() > 1 && !(row instanceof SequencedMap<?, ?>)) {
                throw new IllegalArgumentException("the first metrics row fixes the column order, but "
                        + row.getClass().getName() + " has none; pass a LinkedHashMap or declare the columns in open()");
            }
            columns = checkColumns(List.copyOf(row.keySet()));
            writeLine(String.join(",", columns));
        }
        for (String key : row.keySet()) {
            if (!columns.contains(key)) {
                throw new IllegalArgumentException("metrics row has column '" + key + "', which is not in the header "
                        + columns + " of " + file + "; declare every column when opening the file");
            }
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(format(columns.get(i), row.get(columns.get(i))));
        }
        writeLine(line.toString());
    }

    /**
     * Removes the first row whose {@code stepColumn} value is greater than {@code lastKeptStep}, and
     * every row after it, so that a run resumed from the checkpoint at {@code lastKeptStep} can log
     * the following steps again. Rows are assumed to be in step order; a row with an empty step is
     * kept if it comes before the cut.
     *
     * @return the number of rows removed
     */
    public int truncateAfter(String stepColumn, double lastKeptStep) throws IOException {
        Objects.requireNonNull(stepColumn, "stepColumn");
        int index = columns == null ? -1 : columns.indexOf(stepColumn);
        if (index < 0) {
            throw new IllegalArgumentException("cannot truncate " + file + " by column '" + stepColumn
                    + "': it is not among the columns " + columns());
        }
        byte[] bytes = readAll();
        int start = indexOf(bytes, 0) + 1; // first row
        int lineNo = 2;
        int removed = 0;
        long cut = -1;
        while (start < bytes.length) {
            int end = indexOf(bytes, start);
            if (end < 0) {
                break; // cannot happen: open() dropped any unterminated row
            }
            if (cut < 0) {
                String[] cells = new String(bytes, start, end - start, StandardCharsets.UTF_8).split(",", -1);
                if (cells.length != columns.size()) {
                    throw new IllegalArgumentException("metrics file " + file + " line " + lineNo + " has "
                            + cells.length + " values but the header has " + columns.size() + " columns");
                }
                double step;
                try {
                    step = parse(cells[index], stepColumn, lineNo);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("metrics file " + file + " " + e.getMessage(), e);
                }
                if (step > lastKeptStep) {
                    cut = start;
                }
            }
            if (cut >= 0) {
                removed++;
            }
            start = end + 1;
            lineNo++;
        }
        if (cut >= 0) {
            channel.truncate(cut);
            channel.position(cut);
        }
        return removed;
    }

    /** Forces the rows written so far to the storage device and closes the file. */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            try {
                channel.force(false);
            } finally {
                channel.close();
            }
        }
    }

    private void writeLine(String line) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    private byte[] readAll() throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("metrics file " + file + " is too large (" + size + " bytes) to resume");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        long pos = 0;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        return buf.array();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String format(String column, Object value) {
        return switch (value) {
            case null -> "";
            case Double d -> Double.toString(d);
            case Float f -> Float.toString(f);
            case Long n -> Long.toString(n);
            case Integer n -> Integer.toString(n);
            case Short n -> Short.toString(n);
            case Byte n -> Byte.toString(n);
            case BigInteger n -> n.toString();
            case BigDecimal n -> n.toString();
            default -> throw new IllegalArgumentException("metric '" + column + "' has value " + value + " of type "
                    + value.getClass().getName() + "; metrics must be numbers");
        };
    }

    private static List<String> checkColumns(List<String> columns) {
        Set<String> seen = new HashSet<>();
        for (String c : columns) {
            if (c == null || c.isEmpty()) {
                throw new IllegalArgumentException("metric column names must be non-empty, got " + columns);
            }
            for (char ch : c.toCharArray()) {
                if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
                    throw new IllegalArgumentException("metric column name '" + c.replace("\n", "\\n")
                            + "' contains a comma, quote or line break, which metrics.csv does not allow");
                }
            }
            if (!seen.add(c)) {
                throw new IllegalArgumentException("metric column '" + c + "' appears twice in " + columns);
            }
        }
        return List.copyOf(columns);
    }

    private static double parse(String cell, String column, int lineNo) {
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + lineNo + ", column '" + column + "': '" + cell
                    + "' is not a number");
        }
    }

    // ------------------------------------------------------------------ reading

    /** A metrics file as numbers: empty cells are NaN. */
    public record Table(List<String> columns, List<double[]> rows) {
        public Table {
            columns = List.copyOf(columns);
            rows = Collections.unmodifiableList(new ArrayList<>(rows));
        }

        public int size() {
            return rows.size();
        }

        /** All values of one column, in row order. */
        public double[] column(String name) {
            int index = columns.indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException("no column '" + name + "' in metrics (columns: " + columns + ")");
            }
            double[] out = new double[rows.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rows.get(i)[index];
            }
            return out;
        }
    }

    /**
     * Reads a metrics file written by this class. A last line without a line break is a row whose
     * write was interrupted (or is in progress) and is ignored.
     *
     * @throws IllegalArgumentException naming the file and line if a row is malformed
     */
    public static Table read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int headerEnd = text.indexOf('\n');
        if (headerEnd < 0) {
            throw new IllegalArgumentException("metrics file " + file + " has no complete header line");
        }
        List<String> columns = List.of(stripCr(text.substring(0, headerEnd)).split(",", -1));
        List<double[]> rows = new ArrayList<>();
        int start = headerEnd + 1;
        int lineNo = 2;
        while (true) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                break;
            }
            String[] cells = stripCr(text.substring(start, end)).split(",", -1);
            if (cells.length != columns.size()) {
                throw new IllegalArgumentException("metrics file " + file + " line " + lineNo + " has " + cells.length
                        + " values but the header has " + columns.size() + " columns");
            }
            double[] row = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                try {
                    row[i] = parse(cells[i], columns.get(i), lineNo);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("metrics file " + file + " " + e.getMessage(), e);
                }
            }
            rows.add(row);
            start = end + 1;
            lineNo++;
        }
        return new Table(columns, rows);
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
