package dev.proxima.serve.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One edge of the Diag-LinUCB model: an action and one of its features. The key of the
 * aggregation and of the compacted {@code params} topic. Wire form: the feature as a 4-byte
 * big-endian int, then the action id in UTF-8.
 */
public record Edge(String action, int feature) {
    public Edge {
        if (action == null) {
            throw new IllegalArgumentException("action must not be null");
        }
        if (feature < 0) {
            throw new IllegalArgumentException("feature must be >= 0, was " + feature);
        }
    }

    public byte[] toBytes() {
        byte[] a = action.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + a.length).putInt(feature).put(a).array();
    }

    public static Edge fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length < 4) {
            throw new IllegalArgumentException("an edge key needs at least 4 bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int feature = buf.getInt();
        return new Edge(new String(bytes, 4, bytes.length - 4, StandardCharsets.UTF_8), feature);
    }

    public static Serde<Edge> serde() {
        Serializer<Edge> ser = (topic, e) -> e == null ? null : e.toBytes();
        Deserializer<Edge> de = (topic, b) -> b == null ? null : fromBytes(b);
        return Serdes.serdeFrom(ser, de);
    }
}
