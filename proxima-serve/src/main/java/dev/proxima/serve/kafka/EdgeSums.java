package dev.proxima.serve.kafka;

import dev.proxima.serve.model.FixedPointDiagLinUcb;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Merged statistics of one edge in fixed point (scale 2^32, {@link FixedPointDiagLinUcb}):
 * {@code d} = Σ w² and {@code b} = Σ w·r over the joined events that touched the edge (the prior
 * λ is not included: each model adds its own), and {@code events}, how many events that was.
 * Sums are exact long additions, so any partitioning and order of the events gives the same bits.
 * Wire form: three 8-byte big-endian longs.
 */
public record EdgeSums(long d, long b, long events) {
    public static final EdgeSums ZERO = new EdgeSums(0, 0, 0);

    /** The contribution of one joined event: feature weight {@code w}, reward {@code r}. */
    public static EdgeSums of(double w, double r) {
        return new EdgeSums(FixedPointDiagLinUcb.deltaD(w), FixedPointDiagLinUcb.deltaB(w, r), 1);
    }

    /** Exact sum; overflow throws, as in the model. */
    public EdgeSums plus(EdgeSums o) {
        return new EdgeSums(Math.addExact(d, o.d), Math.addExact(b, o.b), Math.addExact(events, o.events));
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(24).putLong(d).putLong(b).putLong(events).array();
    }

    public static EdgeSums fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != 24) {
            throw new IllegalArgumentException("edge statistics take 24 bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        return new EdgeSums(buf.getLong(), buf.getLong(), buf.getLong());
    }

    public static Serde<EdgeSums> serde() {
        Serializer<EdgeSums> ser = (topic, s) -> s == null ? null : s.toBytes();
        Deserializer<EdgeSums> de = (topic, b) -> b == null ? null : fromBytes(b);
        return Serdes.serdeFrom(ser, de);
    }
}
