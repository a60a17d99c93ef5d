package gatefold.server.delivery;

import gatefold.storage.BufferReadable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * Copies a download body from the store to the fan. From the local disk the bytes go
 * through a reused buffer outside the heap, so the kernel copies them from the page cache
 * and to the socket and Java never touches them; from S3 they pass through one heap array.
 * Memory stays constant per download however big the file.
 */
final class BodyCopy {

    static final int DIRECT_BUFFER = 256 * 1024;
    static final int HEAP_BUFFER = 128 * 1024;
    private static final ArrayBlockingQueue<ByteBuffer> SPARE = new ArrayBlockingQueue<>(32);

    private BodyCopy() {
    }

    static void copy(InputStream in, OutputStream out) throws IOException {
        if (in instanceof BufferReadable direct && out instanceof HttpOutput jetty) {
            copyDirect(direct, jetty);
        } else {
            byte[] buffer = new byte[HEAP_BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        }
        out.flush();
    }

    private static void copyDirect(BufferReadable in, HttpOutput out) throws IOException {
        ByteBuffer spare = SPARE.poll();
        ByteBuffer buffer = spare != null ? spare : ByteBuffer.allocateDirect(DIRECT_BUFFER);
        int n;
        while ((n = in.read(buffer.clear())) >= 0) {
            buffer.flip();
            if (n > 0) {
                out.write(buffer);
            }
        }
        // Only a buffer whose every write finished is handed to the next download; after a
        // failure the network layer may still hold it, so it is left to the garbage collector.
        SPARE.offer(buffer);
    }
}
