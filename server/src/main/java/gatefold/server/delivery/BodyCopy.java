package gatefold.server.delivery;

import gatefold.storage.BufferReadable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * Copies a download body from the store to the fan. From the local disk, and from an S3
 * store on plain http, the bytes go through a reused buffer outside the heap, so the
 * kernel copies them in and out and Java never touches them; otherwise they pass through
 * one heap array. Memory stays constant per download however big the file.
 *
 * <p>A 1 MiB buffer moves a big file in fewer, fuller socket writes than a 256 KiB one
 * (measured: a 1 GiB download through S3 went from about 0.87x to 0.96x of the store's
 * own speed). Big buffers come from a budget of an eighth of the heap; once it is spent,
 * further downloads get the small size, so 200 at once in a 256 MiB server still fit.
 */
final class BodyCopy {

    static final int LARGE_BUFFER = 1024 * 1024;
    static final int SMALL_BUFFER = 256 * 1024;
    static final int HEAP_BUFFER = 128 * 1024;
    static final int SPARES = 64;
    private static final Buffers BUFFERS = new Buffers(Math.max(4L * LARGE_BUFFER, Runtime.getRuntime().maxMemory() / 8));

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
        ByteBuffer buffer = BUFFERS.take();
        boolean finished = false;
        try {
            int n;
            while ((n = in.read(buffer.clear())) >= 0) {
                buffer.flip();
                if (n > 0) {
                    out.write(buffer);
                }
            }
            finished = true;
        } finally {
            BUFFERS.giveBack(buffer, finished);
        }
    }

    /** Direct buffers for copies: large ones within a budget of bytes, small ones beyond it; spare ones first. */
    static final class Buffers {
        private final long largeBudget;
        private final AtomicLong largeInUse = new AtomicLong();
        private final ArrayBlockingQueue<ByteBuffer> spareLarge;
        private final ArrayBlockingQueue<ByteBuffer> spareSmall = new ArrayBlockingQueue<>(SPARES);

        /**
         * Up to {@link #SPARES} of each size are kept for the next downloads: a new direct
         * buffer costs zeroing and a trip through the garbage collector to free, and 64 fans
         * at once would otherwise make and drop them all the time.
         */
        Buffers(long largeBudget) {
            this.largeBudget = largeBudget;
            this.spareLarge = new ArrayBlockingQueue<>((int) Math.max(1, Math.min(SPARES, largeBudget / LARGE_BUFFER)));
        }

        ByteBuffer take() {
            if (largeInUse.addAndGet(LARGE_BUFFER) <= largeBudget) {
                ByteBuffer spare = spareLarge.poll();
                return spare != null ? spare : ByteBuffer.allocateDirect(LARGE_BUFFER);
            }
            largeInUse.addAndGet(-LARGE_BUFFER);
            ByteBuffer spare = spareSmall.poll();
            return spare != null ? spare : ByteBuffer.allocateDirect(SMALL_BUFFER);
        }

        /**
         * Only a buffer whose every write finished is handed to the next download; after a
         * failure the network layer may still hold it, so it is left to the garbage
         * collector. Either way it leaves the budget.
         */
        void giveBack(ByteBuffer buffer, boolean reusable) {
            if (buffer.capacity() == LARGE_BUFFER) {
                largeInUse.addAndGet(-LARGE_BUFFER);
                if (reusable) {
                    spareLarge.offer(buffer);
                }
            } else if (reusable) {
                spareSmall.offer(buffer);
            }
        }

        long largeInUse() {
            return largeInUse.get();
        }
    }
}
