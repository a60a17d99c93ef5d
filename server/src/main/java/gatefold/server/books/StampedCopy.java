package gatefold.server.books;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * One buyer's stamped copy, described rather than held: the base blob's ranges and a few
 * literal bytes, in order. Its length is known before a byte is sent (Content-Length), its
 * CRC-32 too (for a zip of the book), and any range can be streamed without the rest.
 */
public final class StampedCopy {

    private final List<Segment> segments;
    private final long[] starts;
    private final long length;
    private final long crc32;
    private final Supplier<String> fingerprinter;
    private String fingerprint;

    StampedCopy(List<Segment> segments, long crc32, Supplier<String> fingerprinter) {
        this.segments = List.copyOf(segments);
        this.starts = new long[segments.size() + 1];
        for (int i = 0; i < segments.size(); i++) {
            starts[i + 1] = starts[i] + segments.get(i).length();
        }
        this.length = starts[segments.size()];
        this.crc32 = crc32;
        this.fingerprinter = fingerprinter;
    }

    public long length() {
        return length;
    }

    public long crc32() {
        return crc32;
    }

    /** What to send, in order. */
    public List<Segment> segments() {
        return segments;
    }

    /** 32 hex digits naming these exact bytes (template and buyer fields): a strong ETag. */
    public synchronized String fingerprint() {
        if (fingerprint == null) {
            fingerprint = fingerprinter.get();
        }
        return fingerprint;
    }

    /** The whole copy as a stream; the base is opened once, when its first byte is needed. */
    public InputStream open(BaseOpener base) {
        return open(0, length, base);
    }

    /** {@code count} bytes from {@code first}; the base is opened once, for just the span the range needs. */
    public InputStream open(long first, long count, BaseOpener base) {
        if (first < 0 || count < 0 || first + count > length) {
            throw new IndexOutOfBoundsException("range " + first + "+" + count + " of a " + length + "-byte copy");
        }
        return new SegmentStream(segments, starts, first, count, base);
    }

    /** Writes the whole copy. */
    public void writeTo(OutputStream out, BaseOpener base) throws IOException {
        try (InputStream in = open(base)) {
            in.transferTo(out);
        }
    }
}
