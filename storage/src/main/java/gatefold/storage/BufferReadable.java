package gatefold.storage;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A blob stream that can also read straight into a buffer outside the Java heap, so a
 * download from the local disk goes from the page cache to the socket without passing
 * through heap arrays.
 */
public interface BufferReadable {

    /** Reads up to {@code target.remaining()} bytes; -1 at the end of the blob. */
    int read(ByteBuffer target) throws IOException;
}
