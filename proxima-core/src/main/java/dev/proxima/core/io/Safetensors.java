package dev.proxima.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes {@link StateDict}s in the safetensors format, so checkpoints can be opened
 * from PyTorch ({@code safetensors.torch.load_file}) and weights trained elsewhere can be loaded
 * here.
 *
 * <p>Layout: an 8-byte little-endian unsigned header length {@code N}; {@code N} bytes of UTF-8
 * JSON mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} plus
 * an optional {@code "__metadata__"} object of string values, padded with spaces so that
 * {@code N} is a multiple of 8; then the tensors' little-endian bytes, with offsets relative to
 * the end of the header. Supported dtypes are F32, F64 and I64, which map to the
 * {@code float[]}, {@code double[]} and {@code long[]} arrays of a {@code StateDict}.
 *
 * <p>Writing is deterministic: tensors appear in the header and in the data section in the
 * state's insertion order, metadata keys are sorted (so the caller's map type does not matter),
 * and nothing time- or machine-dependent is recorded. Identical input gives identical bytes.
 *
 * <p>Reading trusts nothing in the file: every length and offset is checked against the file
 * size before anything is allocated, and the tensors must tile the data section exactly, with no
 * gap, overlap or trailing bytes, as the format requires. A scalar tensor (shape {@code []}) is
 * read with shape {@code [1]}, since a {@code StateDict} has no rank-0 arrays.
 */
public final class Safetensors {
    /** Headers larger than this are refused before any allocation, as in the reference reader. */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final String METADATA_KEY = "__metadata__";
    private static final int CHUNK_BYTES = 1 << 16; // a multiple of every element size
    /** The largest array the JVM reliably allocates. */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private Safetensors() {}

    /** What a safetensors file holds: the arrays, and the string metadata in file order. */
    public record Contents(StateDict state, Map<String, String> metadata) {
        public Contents {
            Objects.requireNonNull(state, "state");
            metadata = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(metadata));
        }
    }

    /**
     * A file that is not a readable safetensors checkpoint. The message names the file and what is
     * wrong with it.
     */
    public static final class FormatException extends IOException {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }

        FormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private enum DType {
        F32(4, float[].class),
        F64(8, double[].class),
        I64(8, long[].class);

        final int size;
        final Class<?> arrayType;

        DType(int size, Class<?> arrayType) {
            this.size = size;
            this.arrayType = arrayType;
        }

        static DType of(Object array) {
            for (DType d : values()) {
                if (d.arrayType.isInstance(array)) {
                    return d;
                }
            }
            throw new IllegalStateException("StateDict holds an array of unsupported type " + array.getClass());
        }
    }

    /**
     * Writes {@code state} and {@code metadata} to {@code file} atomically: an existing checkpoint is
     * replaced only once the new one is complete and on disk.
     */
    public static void write(Path file, StateDict state, Map<String, String> metadata) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(metadata, "metadata");
        byte[] header = header(state, metadata);
        AtomicFiles.write(file, out -> {
            byte[] len = new byte[8];
            ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            out.write(len);
            out.write(header);
            for (String name : state.names()) {
                writeArray(out, state.raw(name));
            }
        });
    }

    private static byte[] header(StateDict state, Map<String, String> metadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            Map<String, String> sorted = new TreeMap<>();
            metadata.forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new IllegalArgumentException("safetensors metadata must not contain null keys or values, "
                            + "found " + k + " = " + v);
                }
                sorted.put(k, v);
            });
            header.put(METADATA_KEY, sorted);
        }
        long offset = 0;
        for (String name : state.names()) {
            if (name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("tensor name '" + name + "' cannot be written to safetensors "
                        + "(names must be non-empty and not '" + METADATA_KEY + "')");
            }
            Object raw = state.raw(name);
            DType dtype = DType.of(raw);
            long bytes = (long) java.lang.reflect.Array.getLength(raw) * dtype.size;
            List<Long> shape = new ArrayList<>();
            for (int d : state.shape(name)) {
                shape.add((long) d);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtype.name());
            entry.put("shape", shape);
            entry.put("data_offsets", List.of(offset, offset + bytes));
            header.put(name, entry);
            offset += bytes;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) & ~7;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeArray(OutputStream out, Object raw) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        switch (raw) {
            case float[] a -> {
                for (int off = 0; off < a.length; off += CHUNK_BYTES / 4) {
                    int n = Math.min(CHUNK_BYTES / 4, a.length - off);
                    buf.clear();
                    buf.asFloatBuffer().put(a, off, n);
                    out.write(buf.array(), 0, n * 4);
                }
            }
            case double[] a -> {
                for (int off = 0; off < a.length; off += CHUNK_BYTES / 8) {
                    int n = Math.min(CHUNK_BYTES / 8, a.length - off);
                    buf.clear();
                    buf.asDoubleBuffer().put(a, off, n);
                    out.write(buf.array(), 0, n * 8);
                }
            }
            case long[] a -> {
                for (int off = 0; off < a.length; off += CHUNK_BYTES / 8) {
                    int n = Math.min(CHUNK_BYTES / 8, a.length - off);
                    buf.clear();
                    buf.asLongBuffer().put(a, off, n);
                    out.write(buf.array(), 0, n * 8);
                }
            }
            default -> throw new IllegalStateException("unsupported array type " + raw.getClass());
        }
    }

    /** One tensor as declared in a header, after validation. */
    private record Entry(String name, DType dtype, int[] shape, int length, long begin, long end) {}

    /**
     * Reads a safetensors file.
     *
     * @throws FormatException if the file is truncated, corrupt, or uses a dtype other than F32, F64
     *     or I64; the message names the file and the problem
     * @throws IOException if the file cannot be read
     */
    public static Contents read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw corrupt(file, "it has " + size + " bytes, too few for the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, file);
            long headerLength = lenBuf.flip().getLong();
            if (headerLength < 0 || headerLength > size - 8) {
                throw corrupt(file, "header length " + Long.toUnsignedString(headerLength)
                        + " exceeds file size " + size);
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw corrupt(file, "header length " + headerLength + " exceeds the limit of "
                        + MAX_HEADER_BYTES + " bytes");
            }
            if (headerLength < 2) {
                throw corrupt(file, "header length is " + headerLength + ", too short for a JSON object");
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLength);
            readFully(ch, headerBuf, 8, file);
            headerBuf.flip();
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(headerBuf)
                        .toString();
            } catch (CharacterCodingException e) {
                throw corrupt(file, "header is not valid UTF-8", e);
            }
            Object parsed;
            try {
                parsed = Json.parse(text);
            } catch (Json.MalformedJsonException e) {
                throw corrupt(file, "header is not valid JSON (line " + e.line() + ", column " + e.column()
                        + ": " + e.detail() + ")", e);
            }
            if (!(parsed instanceof Map<?, ?> header)) {
                throw corrupt(file, "header is not a JSON object");
            }
            long dataStart = 8 + headerLength;
            long dataLength = size - dataStart;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<?, ?> e : header.entrySet()) {
                String name = (String) e.getKey();
                if (name.equals(METADATA_KEY)) {
                    readMetadata(file, e.getValue(), metadata);
                } else {
                    entries.add(entry(file, name, e.getValue(), dataLength));
                }
            }
            checkTiling(file, entries, dataLength);
            StateDict state = new StateDict();
            for (Entry entry : entries) {
                readTensor(ch, file, entry, dataStart, state);
            }
            return new Contents(state, metadata);
        }
    }

    private static void readMetadata(Path file, Object value, Map<String, String> out) throws FormatException {
        if (!(value instanceof Map<?, ?> map)) {
            throw corrupt(file, "\"" + METADATA_KEY + "\" is not a JSON object");
        }
        for (Map.Entry<?, ?> m : map.entrySet()) {
            if (!(m.getValue() instanceof String s)) {
                throw corrupt(file, "metadata value for \"" + m.getKey() + "\" is not a string");
            }
            out.put((String) m.getKey(), s);
        }
    }

    private static Entry entry(Path file, String name, Object value, long dataLength) throws IOException {
        String where = "tensor '" + name + "'";
        if (!(value instanceof Map<?, ?> info)) {
            throw corrupt(file, where + " is not described by a JSON object");
        }
        Set<?> keys = info.keySet();
        if (!keys.equals(Set.of("dtype", "shape", "data_offsets"))) {
            throw corrupt(file, where + " has fields " + keys + "; expected exactly [dtype, shape, data_offsets]");
        }
        if (!(info.get("dtype") instanceof String dtypeName)) {
            throw corrupt(file, where + " has a dtype that is not a string");
        }
        DType dtype;
        try {
            dtype = DType.valueOf(dtypeName);
        } catch (IllegalArgumentException unsupported) {
            throw new FormatException("checkpoint " + file + " cannot be read: " + where + " has dtype "
                    + dtypeName + "; supported dtypes are F32, F64 and I64");
        }
        if (!(info.get("shape") instanceof List<?> shapeList)) {
            throw corrupt(file, where + " has a shape that is not a JSON array");
        }
        int[] shape = new int[shapeList.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw corrupt(file, where + " has shape " + shapeList + " with an invalid dimension "
                        + shapeList.get(i) + " (dimensions are integers in [0, " + Integer.MAX_VALUE + "])");
            }
            shape[i] = (int) (long) d;
            count = multiplyCapped(count, d);
        }
        if (!(info.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2
                || !(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end)) {
            throw corrupt(file, where + " has data_offsets " + info.get("data_offsets")
                    + "; expected two integers [begin, end]");
        }
        if (begin < 0 || end < begin) {
            throw corrupt(file, where + " has data_offsets [" + begin + ", " + end
                    + "]; expected 0 <= begin <= end");
        }
        if (end > dataLength) {
            throw corrupt(file, where + " has data_offsets [" + begin + ", " + end + "] past the end of the "
                    + "data section, which has " + dataLength + " bytes (is the file truncated?)");
        }
        long needed = multiplyCapped(count, dtype.size);
        if (needed != end - begin) {
            throw corrupt(file, where + " has shape " + shapeList + " of " + dtype + ", which needs "
                    + (needed == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : needed)
                    + " bytes, but data_offsets [" + begin + ", " + end + "] span " + (end - begin) + " bytes");
        }
        if (count > MAX_ARRAY_LENGTH) {
            throw new FormatException("checkpoint " + file + " cannot be read: " + where + " has " + count
                    + " elements, more than a Java array holds");
        }
        return new Entry(name, dtype, shape, (int) count, begin, end);
    }

    /** Product that saturates at Long.MAX_VALUE, so an absurd shape is reported rather than wrapped. */
    private static long multiplyCapped(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    private static void checkTiling(Path file, List<Entry> entries, long dataLength) throws FormatException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        String previous = null;
        for (Entry e : sorted) {
            if (e.begin() < expected) {
                throw corrupt(file, "tensor '" + e.name() + "' (bytes " + e.begin() + " to " + e.end()
                        + ") overlaps tensor '" + previous + "'");
            }
            if (e.begin() > expected) {
                throw corrupt(file, "the data section has a gap of " + (e.begin() - expected)
                        + " bytes before tensor '" + e.name() + "' at offset " + expected);
            }
            expected = e.end();
            previous = e.name();
        }
        if (expected != dataLength) {
            throw corrupt(file, "the data section has " + dataLength + " bytes but the tensors cover "
                    + expected + "; " + (dataLength - expected) + " bytes are unaccounted for");
        }
    }

    private static void readTensor(FileChannel ch, Path file, Entry e, long dataStart, StateDict out)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = CHUNK_BYTES / e.dtype().size;
        long position = dataStart + e.begin();
        Object array = switch (e.dtype()) {
            case F32 -> new float[e.length()];
            case F64 -> new double[e.length()];
            case I64 -> new long[e.length()];
        };
        for (int off = 0; off < e.length(); off += perChunk) {
            int n = Math.min(perChunk, e.length() - off);
            buf.clear().limit(n * e.dtype().size);
            readFully(ch, buf, position, file);
            position += (long) n * e.dtype().size;
            buf.flip();
            switch (array) {
                case float[] a -> buf.asFloatBuffer().get(a, off, n);
                case double[] a -> buf.asDoubleBuffer().get(a, off, n);
                case long[] a -> buf.asLongBuffer().get(a, off, n);
                default -> throw new IllegalStateException();
            }
        }
        switch (array) {
            case float[] a -> out.putFloats(e.name(), a, e.shape());
            case double[] a -> out.putDoubles(e.name(), a, e.shape());
            case long[] a -> out.putLongs(e.name(), a, e.shape());
            default -> throw new IllegalStateException();
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new EOFException("checkpoint " + file + " ended at byte " + p
                        + " while being read (was it truncated by another process?)");
            }
            p += n;
        }
    }

    private static FormatException corrupt(Path file, String what) {
        return new FormatException("checkpoint " + file + " is corrupt: " + what);
    }

    private static FormatException corrupt(Path file, String what, Throwable cause) {
        return new FormatException("checkpoint " + file + " is corrupt: " + what, cause);
    }
}
