package gatefold.server.books;

import java.nio.ByteBuffer;

/** A piece of a stamped copy as it is sent: a range of the base blob, or bytes at hand. */
public sealed interface Segment {

    long length();

    /** {@code length} bytes of the base blob from {@code offset}. */
    record BaseRange(long offset, long length) implements Segment {
    }

    /** Bytes held in memory (shared with the template: read-only). */
    record Literal(ByteBuffer bytes) implements Segment {
        public Literal {
            bytes = bytes.asReadOnlyBuffer().slice();
        }

        /** A fresh read-only view, positioned at the start. */
        @Override
        public ByteBuffer bytes() {
            return bytes.duplicate();
        }

        @Override
        public long length() {
            return bytes.remaining();
        }
    }
}
